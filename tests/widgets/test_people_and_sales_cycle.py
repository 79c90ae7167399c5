"""Placing a person from observed behaviours: render does the work, the widget wires."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.i18n import using_language  # noqa: E402
from kamlib.widgets.people_and_sales_cycle import (  # noqa: E402
    people_and_sales_cycle_explorer,
    render_people_and_sales_cycle,
)


def test_render_places_suggests_an_opening_and_keeps_the_caveat_beside_it():
    view = render_people_and_sales_cycle(["decides_fast", "challenges", "reserved"])
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "Driver" in view.html and "Be brief" in view.html and "Comstock &amp; Higgins (1997)" in view.html
    with using_language("zh"):
        assert "驾驭型" in render_people_and_sales_cycle(["decides_fast", "reserved"], draw=False).html


def test_too_little_observed_is_a_problem_with_the_caveat_still_shown():
    view = render_people_and_sales_cycle(["decides_fast", "asks_questions", "small_talk"], draw=False)
    assert view.problems == ("observed: the assertiveness behaviours you selected balance out: observe more",)
    assert "Comstock" in view.html
    with pytest.raises(ValueError, match="observed must be behaviour ids"):
        render_people_and_sales_cycle(["shouts"])


def test_explorer_redraws_on_a_tick():
    widget = people_and_sales_cycle_explorer()
    row, out = widget.children
    boxes, image = row.children
    ticks = [c for c in boxes.children if hasattr(c, "button_style")]
    before = out.value
    ticks[0].value = True  # an assertive behaviour
    ticks[-1].value = True  # a controlled one
    assert out.value != before and "Driver" in out.value and image.value


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_press_draws_the_same_pixels_as_a_full_draw():
    """The grid drawn once per language, the point and its name on every press: the picture must
    be plot_social_styles's, pixel for pixel, across presses, a language switch and back."""
    from kamlib.data.people_and_sales_cycle import load_behaviours
    from kamlib.models.people_and_sales_cycle import place_person
    from kamlib.plots.people_and_sales_cycle import plot_social_styles
    from kamlib.widgets.figure import Canvas
    from kamlib.widgets.people_and_sales_cycle import _FIGSIZE, _MARGINS

    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    moves = [(["decides_fast", "reserved"], "", "en"), (["asks_questions"], "", "en"),
             (["asks_questions", "sticks_to_facts"], "Luo", "en"), (["decides_fast", "challenges", "reserved"], "", "zh"),
             (["asks_questions", "small_talk"], "罗", "zh"), (["decides_fast", "reserved"], "", "en")]
    for observed, name, language in moves:
        with using_language(language):
            view = render_people_and_sales_cycle(observed, name, canvas=canvas)
            placement = place_person(observed, load_behaviours())
            full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
            plot_social_styles({name or "●": placement} if placement.style else {}, ax=full.ax)
            assert (_pixels(view.png) == _pixels(full.png())).all()
            assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
