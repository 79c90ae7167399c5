"""The controls explorer: render does the work, the widget wires it; updates stay quick."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.widgets.bad_example import bad_example_explorer, render_bad_example  # noqa: E402


def test_the_published_case_costs_the_outage_and_a_receiving_test_avoids_it():
    view = render_bad_example([], days=2, per_day=300_000, flush=40_000)
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "the unit stops" in view.html and "640,000 USD" in view.html
    caught = render_bad_example(["delivery_papers", "incoming_test"], draw=False)
    assert "no outage" in caught.html and "cost avoided" in caught.html
    assert "paperwork cannot see the oil" in caught.html  # the blind control is named as blind
    late = render_bad_example(["oil_analysis"], draw=False)
    assert "already in the unit" in late.html


def test_unknown_controls_are_a_problem_and_bad_arguments_name_themselves():
    assert render_bad_example(["audit"], draw=False).problems[0].startswith("in_place: unknown control")
    with pytest.raises(ValueError, match="days must be a number"):
        render_bad_example([], days=-1, draw=False)


def test_the_explorer_redraws_on_a_checkbox_and_a_repeated_set_of_controls_is_not_redrawn():
    widget = bad_example_explorer()
    children = widget.children
    table, image = children[-1], children[-2]
    box = children[1 + 4]  # the receiving test's checkbox
    before = table.value
    box.value = True
    assert table.value != before and "no outage" in table.value
    picture = image.value
    box.value = False
    assert image.value != picture
    times = []
    for _ in range(20):  # each set of controls is drawn once, then a toggle only swaps pictures
        start = time.perf_counter()
        box.value = not box.value
        times.append(time.perf_counter() - start)
    times.sort()
    assert times[18] < 0.1  # p95 of 20 moves
    days = children[-5]
    days.value = 10
    assert "3,040,000 USD" in table.value  # 10 d × 300,000 + 40,000, the unit stopping



def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_switch_draws_the_same_pixels_as_a_full_draw():
    """Stages, legend and title drawn once, the controls and the catch on every switch: the
    picture must be plot_control_chain's, pixel for pixel."""
    from kamlib.data.bad_example import load_turbine_oil_case
    from kamlib.plots.bad_example import plot_control_chain
    from kamlib.widgets.bad_example import _FIGSIZE, _MARGINS
    from kamlib.widgets.figure import Canvas

    case = load_turbine_oil_case()
    ids, canvas = list(case.controls), Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    for running in ([], ids, ids[-1:], []):
        view = render_bad_example(running, canvas=canvas)
        full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
        plot_control_chain(case.stages, list(case.controls.values()), running, ax=full.ax)
        assert (_pixels(view.png) == _pixels(full.png())).all()
        assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
