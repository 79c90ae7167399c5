"""The welcome explorer: the staircase in either language, a step highlighted."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.widgets.figure import Canvas  # noqa: E402
from kamlib.widgets.welcome import render_welcome, welcome_explorer  # noqa: E402


def test_render_draws_on_the_canvas_it_is_given():
    canvas = Canvas(figsize=(4, 2))
    view = render_welcome(3, "zh", canvas)
    assert view.png[:4] == b"\x89PNG" and "3. 解决问题" in view.html
    assert render_welcome().html == ""
    with pytest.raises(ValueError, match="step must be a step from 1 to 5 or None"):
        render_welcome(6)
    with pytest.raises(TypeError, match="canvas must be a kamlib Canvas"):
        render_welcome(1, "en", canvas="figure")


def test_explorer_redraws_when_the_step_changes():
    widget = welcome_explorer()
    (step, language), image, caption = widget.children[0].children, widget.children[1], widget.children[2]
    before = image.value
    step.value = 4
    assert image.value != before and caption.value.startswith("<b>4.")
    language.value = "zh" if language.value == "en" else "en"
    assert caption.value in ("<b>4. 活用工具</b>", "<b>4. use the tools well</b>")


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_move_draws_the_same_pixels_as_a_full_draw():
    """The frame and title drawn once per language, the bars and the names they change on every
    move: the picture must be plot_staircase's, pixel for pixel, across moves and back."""
    from kamlib.i18n import using_language
    from kamlib.plots.welcome import plot_staircase
    from kamlib.widgets.welcome import _FIGSIZE, _MARGINS

    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    for step, language in ((None, "en"), (1, "en"), (2, "en"), (5, "en"), (3, "zh"), (4, "zh"), (None, "zh"),
                           (2, "en"), (None, "en"), (1, "en")):
        view = render_welcome(step, language, canvas)
        full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
        with using_language(language):
            plot_staircase(step, ax=full.ax)
        assert (_pixels(view.png) == _pixels(full.png())).all()
        assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
