"""Plots for people and the sales cycle: the lecture's cycle beside Rackham's stages of a call,
and the social-style grid with people placed on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kamlib.models import arguments as check
from kamlib.models.people_and_sales_cycle import (
    CALL_STAGES,
    CYCLE_CALL_STAGES,
    SALES_CYCLE,
    STYLE_GRID,
    Placement,
)
from kamlib.plots.style import axes, text

__all__ = ["plot_sales_cycle", "plot_social_styles"]

_STYLE_COLOURS = {"driver": "#f6dcdc", "expressive": "#fdf1cc", "amiable": "#d8f0dd", "analytical": "#dce9f7"}


def plot_sales_cycle(ax=None):
    """The lecture's sales cycle (build trust → discover needs → sell → satisfy, then round again)
    as a ladder on the left; Rackham's four stages of one call on the right, each beside the step
    it belongs to (selling covers two; satisfying the need comes after the call)."""
    from matplotlib.patches import FancyBboxPatch

    ax = axes(ax, figsize=(9, 4.6))
    rows = {stage: 0.8 - 0.16 * i for i, stage in enumerate(CALL_STAGES)}
    after = 0.8 - 0.16 * len(CALL_STAGES)
    spans = {step: [rows[s] for s in stages] or [after] for step, stages in CYCLE_CALL_STAGES.items()}
    for step in SALES_CYCLE:
        top, bottom = max(spans[step]) + 0.06, min(spans[step]) - 0.06
        ax.add_patch(FancyBboxPatch((0.12, bottom), 0.3, top - bottom, boxstyle="round,pad=0.005",
                                    facecolor="#1f4e79", edgecolor="none"))
        ax.text(0.27, (top + bottom) / 2, text(f"cycle_{step}"), ha="center", va="center", color="white", fontsize=10)
    for a, b in zip(SALES_CYCLE, SALES_CYCLE[1:], strict=False):
        ax.annotate("", xy=(0.27, max(spans[b]) + 0.065), xytext=(0.27, min(spans[a]) - 0.065),
                    arrowprops={"arrowstyle": "-|>", "color": "#7fa7cf", "lw": 1.5})
    ax.annotate("", xy=(0.115, max(spans[SALES_CYCLE[0]])), xytext=(0.115, min(spans[SALES_CYCLE[-1]])),
                arrowprops={"arrowstyle": "-|>", "color": "#7fa7cf", "lw": 2, "connectionstyle": "arc3,rad=-0.5"})
    ax.text(0.0, (rows[CALL_STAGES[0]] + after) / 2, text("sales_cycle"), ha="center", va="center", rotation=90,
            fontsize=10, color="#1f4e79")
    ax.text(0.27, 0.97, text("sales_cycle"), ha="center", va="center", fontsize=9, color="#555555")
    ax.text(0.78, 0.97, text("call_stages"), ha="center", va="center", fontsize=9, color="#555555")
    for stage, y in rows.items():
        ax.add_patch(FancyBboxPatch((0.62, y - 0.055), 0.32, 0.11, boxstyle="round,pad=0.005", facecolor="#fdf1cc",
                                    edgecolor="#c9a227"))
        ax.text(0.78, y, text(f"call_{stage}"), ha="center", va="center", fontsize=9)
        ax.plot([0.42, 0.62], [y, y], color="#c9a227", lw=0.8, linestyle=":")
    ax.text(0.78, after, text("after_the_call"), ha="center", va="center", fontsize=9, color="#555555")
    ax.plot([0.42, 0.62], [after, after], color="#c9a227", lw=0.8, linestyle=":")
    ax.set_xlim(-0.08, 1.0)
    ax.set_ylim(after - 0.1, 1.02)
    ax.axis("off")
    ax.set_title(text("sales_cycle_title"), fontsize=10)
    return ax


def social_styles_people(placements) -> list[tuple[str, Placement]]:
    """``placements`` (a dict name -> Placement, or a list) checked, as (name, placement) pairs."""
    if isinstance(placements, Mapping):
        found = list(placements.items())
        for name, _ in found:
            check.text(name, "placements", "a name for each placement")
    else:
        found = [("", p) for p in check.items(placements, "placements", "a list or dict of Placement")]
    for _, p in found:
        if not isinstance(p, Placement):
            raise TypeError(f"placements must hold Placement objects (from place_person), got {type(p).__name__}")
    return found


def plot_social_styles(placements: Mapping[str, Placement] | Iterable[Placement] = (), ax=None):
    """The social-style grid: assertiveness (ask ← → tell) across, responsiveness (controls at the
    top, emotes at the bottom) down, the four styles' quadrants, and ``placements`` (a dict
    name -> :class:`~kamlib.models.people_and_sales_cycle.Placement`, or a list) as points.
    A person not yet placed on both scales is left out."""
    people = social_styles_people(placements)
    ax = axes(ax, figsize=(6, 5.4))
    social_styles_still(ax)
    social_styles_moving(ax, people)
    return ax


def social_styles_still(ax) -> None:
    """What the grid looks like with nobody on it: the quadrants, their names, the axes and
    the title (an explorer draws it once per language; a press redraws only
    :func:`social_styles_moving`)."""
    from matplotlib.patches import Rectangle

    for style, (a, r) in STYLE_GRID.items():
        x0, y0 = (0 if a > 0 else -1), (0 if r > 0 else -1)
        ax.add_patch(Rectangle((x0, y0), 1, 1, facecolor=_STYLE_COLOURS[style], edgecolor="white", lw=2, zorder=0))
        ax.text(x0 + 0.5, y0 + 0.5, text(f"style_{style}"), ha="center", va="center", fontsize=13, color="#555555",
                zorder=1)
    ax.axhline(0, color="#888888", lw=0.8)
    ax.axvline(0, color="#888888", lw=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(1.05, -1.05)
    ax.set_xticks([-1, 0, 1])  # few labels: a widget redraws them on every press
    ax.set_yticks([-1, 0, 1])  # controls (-1) at the top, as the grid is usually drawn
    ax.set_xlabel(text("assertiveness_axis"))
    ax.set_ylabel(text("responsiveness_axis"))
    ax.set_title(text("social_styles_title"), fontsize=10, y=1.0)


def social_styles_moving(ax, people) -> list:
    """The people (the (name, placement) pairs of :func:`social_styles_people`) as points with their names, over
    :func:`social_styles_still` (above everything it draws): the artists added, in drawing order."""
    drawn = []
    for name, p in people:
        if p.assertiveness is None or p.responsiveness is None:
            continue
        drawn.append(ax.scatter([p.assertiveness], [p.responsiveness], s=70, color="#b3261e", zorder=3))
        if name:  # the label points inwards, so a person at the edge of the grid stays readable
            right = p.assertiveness > 0
            drawn.append(ax.text(p.assertiveness + (-0.05 if right else 0.05),
                                 p.responsiveness + (0.07 if p.responsiveness < 0 else -0.07),
                                 name, fontsize=9, zorder=4, ha="right" if right else "left", va="center"))
    return sorted(drawn, key=lambda artist: artist.get_zorder())  # points, then names (a stable sort)
