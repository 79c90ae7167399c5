"""Plots for the personal career model: the four positions drawn as the usual quadrant (E and S
on the left, where income stops when you stop; B and I on the right, where it keeps coming), each
shaded by the share of a week's hours sorted into it."""

from __future__ import annotations

from kamlib.models.career_model import QUADRANT_GRID, QUADRANTS, WeekProfile
from kamlib.plots.style import axes, text

__all__ = ["plot_career_week"]

_COLOURS = {"E": "#7fa7cf", "S": "#c9a227", "B": "#2e7d4f", "I": "#6a4c93"}


def plot_career_week(profile: WeekProfile | None = None, ax=None):
    """The four positions as a 2 × 2 quadrant. With ``profile`` (from
    :func:`~kamlib.models.career_model.week_profile`), each cell is shaded by its share of the
    sorted hours and shows hours a week and %; the owner share (B + I) is in the title line.
    Without it, the empty model."""
    if profile is not None and not isinstance(profile, WeekProfile):
        raise TypeError(f"profile must be a WeekProfile (from week_profile) or None, got {type(profile).__name__}")
    ax = axes(ax, figsize=(6.4, 5.2))
    career_week_still(ax)
    career_week_moving(ax, profile)
    return ax


def career_week_still(ax) -> None:
    """What every week shares: the income notes under the quadrant, the empty frame and the
    title (an explorer draws it once per language; a change redraws only
    :func:`career_week_moving`). The x label is left empty: it changes with the week."""
    ax.text(0.5, -0.08, text("income_stops"), ha="center", va="top", fontsize=8.5, color="#555555")
    ax.text(1.5, -0.08, text("income_continues"), ha="center", va="top", fontsize=8.5, color="#555555")
    ax.set_xlim(0, 2)
    ax.set_ylim(-0.25, 2)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel("")
    ax.set_title(text("career_week_title"), fontsize=10)


def career_week_moving(ax, profile: WeekProfile | None) -> list:
    """The four cells (shaded, with their hours and share), the cross and the x label (with the
    owner share) over :func:`career_week_still`: the artists, in the order a full draw puts
    them (the x axis, which draws its label, sits between the cells and their texts)."""
    from matplotlib.patches import Rectangle

    cells, texts = [], []
    for q in QUADRANTS:
        col, row = QUADRANT_GRID[q]
        share = profile.share[q] if profile is not None else 0.0
        cells.append(ax.add_patch(Rectangle((col, row), 1, 1, facecolor=_COLOURS[q], alpha=0.12 + 0.78 * share / 100,
                                            edgecolor="white", lw=3, zorder=0)))
        # one text per cell (name, then hours and share): a widget redraws it on every change
        figures = f"\n\n{profile.hours[q]:g} h · {round(share, 1):g} %" if profile is not None else ""
        texts.append(ax.text(col + 0.5, row + 0.55, text(f"quadrant_{q}") + figures, ha="center", va="center",
                             fontsize=11, zorder=2, linespacing=1.1))
    lines = [*ax.plot([1, 1], [0, 2], color="#333333", lw=1.2), *ax.plot([0, 2], [1, 1], color="#333333", lw=1.2)]
    if profile is not None:
        extra = f" · {text('quadrant_unsorted')}: {profile.unsorted_hours:g} h" if profile.unsorted else ""
        ax.set_xlabel(f"{text('owner_share')}: {round(profile.owner_share, 1):g} % · {text('hours_per_week')}: "
                      f"{profile.total_hours:g}{extra}")
    else:
        ax.set_xlabel(text("career_model"))
    return [*cells, ax.xaxis, *texts, *lines]
