"""Course-wide figures: the lecture's five-step staircase (the day's map)."""

from __future__ import annotations

from kamlib.models.welcome import STEPS, check_step
from kamlib.plots.style import axes, text

__all__ = ["plot_staircase"]


def plot_staircase(current: int | None = None, ax=None):
    """The five-step key-account development & management model as a staircase;
    ``current`` (1-5) highlights where a module sits. The steps are the lecturer's
    framework, not a published model."""
    current = check_step(current, "current")
    ax = axes(ax, figsize=(8, 3.6))
    staircase_still(ax)
    staircase_bars(ax, current)
    staircase_names(ax)
    return ax


def staircase_still(ax) -> None:
    """The frame and the title (an explorer draws them once per language)."""
    ax.set_xlim(-0.6, 4.6)
    ax.set_ylim(0, 6.2)
    ax.axis("off")
    ax.set_title(text("staircase_title"), fontsize=11)


def staircase_bars(ax, current: int | None) -> list:
    """The five steps as bars, ``current`` (1-5 or None) highlighted: the patches, in drawing order."""
    drawn = []
    for i in range(len(STEPS)):
        step = i + 1
        colour = "#b3261e" if step == current else "#1f4e79"
        drawn += ax.bar(i, step, width=0.96, color=colour, alpha=0.9 if step == current else 0.75).patches
    return drawn


def staircase_names(ax) -> list:
    """Each step's name above its bar (drawn over the bars): the texts, in drawing order."""
    return [ax.text(i, (i + 1) + 0.1, f"{i + 1}. {text(key)}", ha="center", va="bottom", fontsize=9, wrap=True)
            for i, key in enumerate(STEPS)]
