"""The welcome notebook's map of the day: pick a step and a language, see the staircase."""

from __future__ import annotations

from kamlib.i18n import get_language, label, using_language

__all__ = ["render_staircase", "staircase_explorer"]


def render_staircase(step: int | None, language: str, ax):
    """Draw the staircase on ``ax`` in ``language`` with ``step`` highlighted.
    The language applies to this figure only; :func:`kamlib.set_language` sets it
    for the whole course."""
    from kamlib.plots.course import plot_staircase

    with using_language(language):
        ax.clear()
        return plot_staircase(current=step, ax=ax)


def staircase_explorer():
    """A step picker and an English/中文 switch over the five-step staircase."""
    import ipywidgets as w

    from kamlib.plots.course import STEPS
    from kamlib.widgets.figure import FigureImage

    options = [("(none)", 0)] + [(f"{i}. {label(key, 'both')}", i) for i, key in enumerate(STEPS, 1)]
    step = w.Dropdown(options=options, value=0, description="step")
    language = w.ToggleButtons(options=[("English", "en"), ("中文", "zh")], value=get_language())
    view = FigureImage(figsize=(8, 3.6), margins=(0.02, 0.02, 0.98, 0.88))

    def update(_change=None):
        render_staircase(step.value or None, language.value, view.ax)
        view.refresh()

    step.observe(update, names="value")
    language.observe(update, names="value")
    update()
    return w.VBox([w.HBox([step, language]), view.image])
