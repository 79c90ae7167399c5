"""Plots for key-account selection: the selection matrix and the Pareto chart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kamlib.models import arguments as check
from kamlib.models.key_accounts import (
    HIGH_FROM,
    LOW_BELOW,
    Account,
    AccountScore,
    abc_classes,
    check_accounts,
    matrix_cell,
)
from kamlib.plots.style import axes, plot_language, text
from kamlib.text import Text

__all__ = ["plot_selection_matrix", "plot_pareto"]

_CELL_KEYS = {
    "Invest for growth": "cell_invest_growth",
    "Invest selectively": "cell_invest_selectively",
    "Maintain": "cell_maintain",
    "Manage for cash": "cell_manage_cash",
    "Withdraw": "cell_withdraw",
}
_CELL_COLOURS = {
    "Invest for growth": "#d8f0dd",
    "Invest selectively": "#fdf1cc",
    "Maintain": "#dce9f7",
    "Manage for cash": "#efe3f5",
    "Withdraw": "#f6dcdc",
}
_EDGES = (0.0, LOW_BELOW, HIGH_FROM, 10.0)
_BANDS = ("low", "medium", "high")


def _cell_of(a_band: int, s_band: int) -> str:
    """The matrix cell of a band pair (0 low, 1 medium, 2 high), from a score inside each band."""
    middle = [(_EDGES[i] + _EDGES[i + 1]) / 2 for i in range(3)]
    return matrix_cell(middle[a_band], middle[s_band])


def plot_selection_matrix(
    scores: Sequence[AccountScore], ax=None, highlight: Iterable[str] = (),
    annotate: bool | Iterable[str] = True,
):
    """Accounts on the selection matrix: relative strength (x) against account
    attractiveness (y), over the shaded cells. ``highlight`` colours chosen ids red;
    ``annotate`` labels every account (True), none (False) or the ids given."""
    scores = check.instances(scores, "scores", AccountScore, "AccountScore (from score_accounts)")
    highlight = set(check.texts(highlight, "highlight", "a list of account ids"))
    if not isinstance(annotate, bool):
        annotate = check.texts(annotate, "annotate", "True, False or a list of account ids")
    ax = axes(ax, figsize=(7.5, 6))
    selection_matrix_background(ax)
    selection_matrix_points(ax, scores, highlight, annotate)
    return ax


def selection_matrix_background(ax) -> None:
    """What every selection matrix shares: the shaded cells and their names, the axes and the
    title (an explorer draws it once and only the points on every move)."""
    for i in range(len(_BANDS)):
        for j in range(len(_BANDS)):
            cell = _cell_of(i, j)
            x0, x1, y0, y1 = _EDGES[j], _EDGES[j + 1], _EDGES[i], _EDGES[i + 1]
            ax.add_patch(_rect(x0, y0, x1 - x0, y1 - y0, _CELL_COLOURS[cell]))
            ax.text((x0 + x1) / 2, y1 - 0.15, text(_CELL_KEYS[cell]), ha="center", va="top",
                    fontsize=8, color="#555555")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_xlabel(f"{text('relative_strength')} (0-10)")
    ax.set_ylabel(f"{text('account_attractiveness')} (0-10)")
    ax.set_title(text("selection_matrix"))


def selection_matrix_points(ax, scores, highlight=frozenset(), annotate=True) -> list:
    """The accounts on a :func:`selection_matrix_background` (arguments checked as by
    :func:`plot_selection_matrix`): the artists added, in drawing order."""
    xs = [s.strength for s in scores]
    ys = [s.attractiveness for s in scores]
    colours = ["#b3261e" if s.id in highlight else "#1f4e79" for s in scores]
    drawn = [ax.scatter(xs, ys, s=28, c=colours, zorder=3)]
    labelled = {s.id for s in scores} if annotate is True else set(annotate or ())
    for s in scores:
        if s.id in labelled:
            drawn.append(ax.text(s.strength + 0.07, s.attractiveness + 0.07, s.id, fontsize=7, zorder=4))
    return drawn


def _rect(x, y, w, h, colour):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=1.5, zorder=0)


def plot_pareto(accounts: Sequence[Account], by: str = "potential_3y_t", ax=None, top: int = 20):
    """Accounts ranked by ``by`` as bars coloured by ABC class, with the
    cumulative share as a line and the 80 % mark."""
    accounts = check_accounts(accounts)
    check.one_of(by, "by", ("volume_t", "potential_3y_t"))
    check.whole_number(top, "top", minimum=1)
    ax = axes(ax, figsize=(8, 4.5))
    volumes = {a.id: getattr(a, by) for a in accounts}
    classes = abc_classes(volumes)
    ranked = sorted(volumes, key=lambda k: (-volumes[k], k))
    total = sum(volumes.values())
    shown = ranked[:top]
    colours = {"A": "#1f4e79", "B": "#7fa7cf", "C": "#c9d6e3"}
    ax.bar(range(len(shown)), [volumes[k] for k in shown], color=[colours[classes[k]] for k in shown])
    ax.set_xticks(range(len(shown)), shown, rotation=90, fontsize=7)
    ax.set_ylabel(text("current_volume" if by == "volume_t" else "potential_3y"))
    shown_of = Text("top {shown} of {total}", "前 {shown} 名，共 {total} 个").format(shown=len(shown), total=len(ranked))
    ax.set_xlabel(f"{text('accounts_ranked')} ({shown_of.get(plot_language())})")
    share = ax.twinx()
    running, cumulative = 0.0, []
    for k in shown:
        running += volumes[k]
        cumulative.append(100 * running / total)
    share.plot(range(len(shown)), cumulative, color="#b3261e", marker=".", linewidth=1)
    share.axhline(80, color="#b3261e", linestyle=":", linewidth=1)
    share.set_ylim(0, 105)
    share.set_ylabel(f"{text('cumulative_share')} (%)")
    ax.set_title(f"{text('ranked_by')}: {text('current_volume' if by == 'volume_t' else 'potential_3y')}")
    return ax
