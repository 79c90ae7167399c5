"""Plot for the goals of key-account management: what each buyer said, counted by the slide's
business needs and personal wishes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kamlib.models import arguments as check
from kamlib.models.goals_and_needs import BUSINESS_NEEDS, NEED_CATEGORIES
from kamlib.plots.style import axes, plot_language, text
from kamlib.text import Text

__all__ = ["plot_needs_profile"]

_COLOURS = ("#1f4e79", "#c9a227", "#6a9f58", "#b3261e", "#7f5aa2")


def needs_profile_people(profiles) -> list[tuple[str, dict]]:
    """``profiles`` (name -> needs_profile) checked, as (name in the plot language, counts) pairs."""
    found = []
    for name, profile in check.mapping(profiles, "profiles", "a dict {person: needs_profile(...)}").items():
        if isinstance(name, Text):
            name = name.get(plot_language())
        check.text(name, "profiles", "a name (text) for each person")
        counts = check.mapping(profile, "profiles", "a dict {person: needs_profile(...)}")
        if set(counts) != set(NEED_CATEGORIES):
            raise ValueError(f"profiles must map each person to a needs_profile (the ten categories "
                             f"{', '.join(NEED_CATEGORIES)}); {name!r} has {sorted(counts)}")
        for category, count in counts.items():
            check.whole_number(count, f"profiles[{name!r}][{category!r}]", minimum=0)
        found.append((name, dict(counts)))
    return found


def plot_needs_profile(profiles: Mapping[str, Mapping[str, int]] | None = None, highlight: Iterable[str] = (), ax=None):
    """Stacked horizontal bars: for each of the slide's ten categories (business needs on top,
    personal wishes below), how many quotes of each person in ``profiles`` (name ->
    :func:`~kamlib.models.goals_and_needs.needs_profile`) show it; with no profiles, the empty
    chart (nothing heard yet). Categories in ``highlight`` (a value statement's choice, say) get
    a thick outline."""
    people = needs_profile_people({} if profiles is None else profiles)
    marked = check.items(highlight, "highlight", "a list of need categories")
    for category in marked:
        check.one_of(category, "highlight item", NEED_CATEGORIES)
    ax = axes(ax, figsize=(7, 4.8))
    needs_profile_frame(ax)
    needs_profile_bars(ax, people)
    needs_profile_moving(ax, people, marked)
    return ax


def _rows() -> dict:
    return {c: i + (0.6 if c not in BUSINESS_NEEDS else 0) for i, c in enumerate(NEED_CATEGORIES)}


def _top(people) -> int:
    return max(max(sum(counts[c] for _, counts in people) for c in NEED_CATEGORIES), 1) if people else 1


def _drop_taken_off(ax) -> None:
    """Forget the bar groups whose bars an explorer took off (they would come back in a legend)."""
    ax.containers[:] = [c for c in ax.containers if any(getattr(a, "axes", None) is ax for a in c)]


def needs_profile_frame(ax) -> None:
    """What every profile shares: the category names, the rows, the x label and the title (an
    explorer draws it once per language; a new person redraws :func:`needs_profile_bars`, a
    choice only :func:`needs_profile_moving`)."""
    rows = _rows()
    ax.set_yticks([])  # category names as plain texts: ten ticks cost a widget more to redraw
    names = ax.get_yaxis_transform()
    for c in NEED_CATEGORIES:
        ax.text(-0.02, rows[c], text(f"need_{c}"), transform=names, ha="right", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_ylim(rows[NEED_CATEGORIES[-1]] + 0.6, -1.1)
    ax.set_xlabel(text("quotes_count"))
    ax.set_title(text("needs_profile_title"), fontsize=10)


def needs_profile_bars(ax, people) -> list:
    """The bars of ``people`` (the (name, counts) pairs of :func:`needs_profile_people`), the divider and the scale:
    the artists added, in drawing order (a full draw also draws the x axis between the bars and
    the divider, and the spines after it)."""
    _drop_taken_off(ax)
    rows = _rows()
    left = {c: 0 for c in NEED_CATEGORIES}
    drawn = []
    for n, (name, counts) in enumerate(people):
        ys = [rows[c] for c in NEED_CATEGORIES]
        widths = [counts[c] for c in NEED_CATEGORIES]
        drawn += ax.barh(ys, widths, left=[left[c] for c in NEED_CATEGORIES], height=0.7,
                         color=_COLOURS[n % len(_COLOURS)], label=name, edgecolor="white").patches
        for c in NEED_CATEGORIES:
            left[c] += counts[c]
    top = _top(people)
    drawn.append(ax.axhline(len(BUSINESS_NEEDS) - 0.2, color="#888888", lw=0.8, linestyle="--"))
    ax.set_xlim(-0.3, top + 0.4)
    ax.set_xticks(range(0, top + 1))
    return drawn


def needs_profile_moving(ax, people, marked) -> list:
    """The outline of the categories ``marked``, the two group names (which sit close to the
    outlines) and, for more than one person, the legend, over :func:`needs_profile_still`: the
    artists added, in drawing order."""
    _drop_taken_off(ax)
    rows, top = _rows(), _top(people)
    drawn = []
    if marked:
        drawn += ax.barh([rows[c] for c in marked], [top + 0.4] * len(marked), left=-0.2, height=0.86, fill=False,
                         edgecolor="#b3261e", lw=2.2, zorder=3).patches
    drawn.append(ax.text(top + 0.3, rows[BUSINESS_NEEDS[0]] - 0.5, text("business_need"), ha="right", va="bottom",
                         fontsize=9, color="#555555"))
    drawn.append(ax.text(top + 0.3, rows[NEED_CATEGORIES[len(BUSINESS_NEEDS)]] - 0.5, text("personal_wish"),
                         ha="right", va="bottom", fontsize=9, color="#555555"))
    if len(people) > 1:  # one person needs no legend (and a widget redraws it on every move)
        drawn.append(ax.legend(loc="lower right", fontsize=8, frameon=False))
    return drawn
