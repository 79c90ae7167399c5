"""Sorting a week into the four positions: render does the work, the widget wires."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.data.career_model import load_week  # noqa: E402
from kamlib.i18n import using_language  # noqa: E402
from kamlib.widgets.career_model import career_model_explorer, render_career_model  # noqa: E402


def test_render_draws_the_week_with_the_framing_note():
    view = render_career_model(load_week().sorting)
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "owner share (B + I)</b>: 12.5 %" in view.html and "lecturer&#x27;s framing [U]" in view.html
    mine = render_career_model({**load_week().sorting, "rescue_delivery": "B"}, {"rescue_delivery": 2}, draw=False)
    assert "owner share (B + I)</b>: 20.6 %" in mine.html
    with using_language("zh"):
        assert "业主" in render_career_model(load_week().sorting, draw=False).html


def test_unsorted_activities_are_a_problem_not_an_error():
    view = render_career_model({}, draw=False)
    assert view.problems[0] == "sorting: 9 activities not sorted yet (40 h)"
    assert "hours: the sorted activities add up to 0 hours" in view.problems[1]
    with pytest.raises(ValueError, match="hours must map activity ids"):
        render_career_model({}, {"golf": 3})
    with pytest.raises(ValueError, match="sorting must map activity ids to one of"):
        render_career_model({"admin": "X"})


def test_explorer_redraws_on_a_change():
    widget = career_model_explorer()
    rows, result = widget.children
    image, out = result.children
    before, png = out.value, image.value
    menu = rows.children[0].children[1]
    menu.value = "B"
    assert out.value != before and image.value != png
    slider = rows.children[0].children[2]
    slider.value = 0
    assert "owner share" in out.value
    blank = career_model_explorer("blank")
    assert "not sorted yet" in blank.children[1].children[1].value
    with pytest.raises(ValueError, match="start must be one of"):
        career_model_explorer("mine")


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_change_draws_the_same_pixels_as_a_full_draw():
    """The notes, frame and title drawn once per language, the cells, cross and label on every
    change: the picture must be plot_career_week's, pixel for pixel, across changes and back."""
    from kamlib.data.career_model import load_week
    from kamlib.models.career_model import week_profile
    from kamlib.plots.career_model import plot_career_week
    from kamlib.widgets.career_model import _FIGSIZE, _MARGINS, _week
    from kamlib.widgets.figure import Canvas

    week = load_week()
    first = week.activities[0].id
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    moves = [(week.sorting, None, "en"), ({**week.sorting, first: "I"}, {first: 12}, "en"), ({first: "E"}, None, "en"),
             (week.sorting, {first: 0}, "zh"), ({}, None, "zh"), (week.sorting, None, "en")]
    for sorting, hours, language in moves:
        with using_language(language):
            view = render_career_model(sorting, hours, canvas=canvas)
            full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
            plot_career_week(week_profile(_week(hours).activities, sorting), ax=full.ax)
            assert (_pixels(view.png) == _pixels(full.png())).all()
            assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
