"""The welcome notebook's map of the day: pick a step and a language, see the staircase.

>>> view = render_welcome(step=2, language="zh")
>>> view.png[:4] == b"\\x89PNG", view.problems
(True, ())
"""

from __future__ import annotations

from kamlib.i18n import check_language, get_language, using_language
from kamlib.models.welcome import STEPS, check_step
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_welcome", "welcome_explorer"]

_FIGSIZE, _MARGINS = (8, 3.6), (0.02, 0.02, 0.98, 0.88)


def render_welcome(step: int | None = None, language: str | None = None, canvas=None) -> View:
    """The staircase in ``language`` (default: the current one) with ``step`` (1-5)
    highlighted, drawn on ``canvas`` (a :class:`~kamlib.widgets.figure.Canvas`; a new
    one when None). The language applies to this figure only;
    :func:`kamlib.set_language` sets it for the whole course."""
    from kamlib.plots.welcome import staircase_bars, staircase_names, staircase_still
    from kamlib.widgets.figure import canvas_or_new

    step = check_step(step)
    language = get_language() if language is None else check_language(language)
    canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
    with using_language(language):
        # the frame and title once per language; a new step redraws the bars, and of the names
        # over them only those whose pixels underneath changed (the others are copied)
        canvas.still(("staircase", language), staircase_still)
        canvas.still_layers(("staircase", language, step), lambda ax: staircase_bars(ax, step), staircase_names)
        picture = canvas.moving_png([])
    title = Text.term(STEPS[step - 1]).get(language) if step else ""
    return View(html=f"<b>{step}. {title}</b>" if step else "", png=picture)


def welcome_explorer():
    """A step picker and an English/中文 switch over the five-step staircase."""
    import ipywidgets as w

    from kamlib.widgets.figure import Canvas

    options = [("(none)", 0)] + [(f"{i}. {Text.term(key).both}", i) for i, key in enumerate(STEPS, 1)]
    step = w.Dropdown(options=options, value=0, description="step")
    language = w.ToggleButtons(options=[("English", "en"), ("中文", "zh")], value=get_language())
    # a canvas per language: switching back keeps that language's frame, title and names drawn
    canvases = {code: Canvas(figsize=_FIGSIZE, margins=_MARGINS) for _, code in language.options}
    image, caption = w.Image(format="png", layout=w.Layout(width=f"{canvases['en'].width_px}px")), w.HTML()

    def update(_change=None):
        show(render_welcome(step.value or None, language.value, canvases[language.value]), image, caption)

    step.observe(update, names="value")
    language.observe(update, names="value")
    update()
    return w.VBox([w.HBox([step, language]), image, caption])
