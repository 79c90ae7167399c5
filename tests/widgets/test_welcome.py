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
