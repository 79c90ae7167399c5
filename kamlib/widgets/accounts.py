"""The key-account explorer: move factor importance, watch the matrix and the
shortlist change. ``render_key_accounts`` does the work; the widget only wires it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kamlib.i18n import label
from kamlib.models.accounts import (
    ATTRACTIVENESS_FACTORS,
    DEFAULT_ATTRACTIVENESS_WEIGHTS,
    DEFAULT_STRENGTH_WEIGHTS,
    STRENGTH_FACTORS,
    Account,
    AccountScore,
    normalise_weights,
    score_accounts,
    shortlist,
)

__all__ = ["KeyAccountView", "render_key_accounts", "key_accounts_explorer"]


@dataclass(frozen=True)
class KeyAccountView:
    attractiveness_weights: dict[str, int]
    strength_weights: dict[str, int]
    scores: list[AccountScore]
    shortlist: list[str]


def render_key_accounts(
    accounts: Sequence[Account],
    attractiveness_importance: Mapping[str, float],
    strength_importance: Mapping[str, float],
    limit: int | None = 10,
    ax=None,
) -> KeyAccountView:
    """Score the portfolio with the given importance and draw the matrix on ``ax``
    (skipped when ``ax`` is None), labelling the shortlisted accounts. This is what
    every slider move calls."""
    a_weights = normalise_weights(attractiveness_importance)
    s_weights = normalise_weights(strength_importance)
    scores = score_accounts(accounts, a_weights, s_weights)
    chosen = shortlist(scores, limit=limit)
    if ax is not None:
        from kamlib.plots.accounts import plot_selection_matrix

        ax.clear()
        plot_selection_matrix(scores, ax=ax, highlight=chosen, annotate=chosen)
    return KeyAccountView(a_weights, s_weights, scores, chosen)


def _shortlist_html(view: KeyAccountView, accounts: Sequence[Account]) -> str:
    names = {a.id: a.name for a in accounts}
    by_id = {s.id: s for s in view.scores}
    rows = "".join(
        f"<tr><td>{i}</td><td>{k}</td><td>{names[k]}</td>"
        f"<td>{by_id[k].attractiveness:.1f}</td><td>{by_id[k].strength:.1f}</td><td>{by_id[k].cell}</td></tr>"
        for i, k in enumerate(view.shortlist, 1)
    )
    weights = ", ".join(f"{label('a_' + k)} {v}" for k, v in view.attractiveness_weights.items())
    strengths = ", ".join(f"{label('s_' + k)} {v}" for k, v in view.strength_weights.items())
    return (
        f"<b>{label('weights')}</b> — {label('account_attractiveness')}: {weights}<br>"
        f"{label('relative_strength')}: {strengths}<br>"
        f"<table><tr><th>#</th><th>id</th><th>name</th><th>A</th><th>S</th><th>cell</th></tr>{rows}</table>"
    )


def key_accounts_explorer(accounts: Sequence[Account] | None = None, limit: int = 10):
    """Sliders for each factor's importance (0-10, turned into weights that sum to
    100); the selection matrix and the shortlist redraw on every move."""
    import ipywidgets as w

    from kamlib.data import load_accounts
    from kamlib.widgets.figure import FigureImage

    accounts = load_accounts() if accounts is None else list(accounts)
    start_a = {k: v / 10 for k, v in DEFAULT_ATTRACTIVENESS_WEIGHTS.items()}
    start_s = {k: v / 5 for k, v in DEFAULT_STRENGTH_WEIGHTS.items()}

    def slider(prefix, factor, value):
        return w.FloatSlider(value=value, min=0, max=10, step=0.5, description=label(prefix + factor),
                             style={"description_width": "180px"}, layout=w.Layout(width="420px"),
                             continuous_update=False)

    a_sliders = {f: slider("a_", f, start_a[f]) for f in ATTRACTIVENESS_FACTORS}
    s_sliders = {f: slider("s_", f, start_s[f]) for f in STRENGTH_FACTORS}
    size = w.IntSlider(value=limit, min=3, max=20, description=label("shortlist"),
                       continuous_update=False)
    view, table = FigureImage(figsize=(7, 5.6)), w.HTML()

    def update(_change=None):
        try:
            result = render_key_accounts(
                accounts,
                {f: s.value for f, s in a_sliders.items()},
                {f: s.value for f, s in s_sliders.items()},
                size.value,
                view.ax,
            )
        except ValueError as err:  # all importance at zero
            table.value = f"<b style='color:#b3261e'>{err}</b>"
            return
        view.refresh()
        table.value = _shortlist_html(result, accounts)

    for control in [*a_sliders.values(), *s_sliders.values(), size]:
        control.observe(update, names="value")
    update()
    controls = w.VBox([
        w.HTML(f"<b>{label('account_attractiveness')}</b>"), *a_sliders.values(),
        w.HTML(f"<b>{label('relative_strength')}</b>"), *s_sliders.values(), size,
    ])
    return w.VBox([w.HBox([controls, view.image]), table])
