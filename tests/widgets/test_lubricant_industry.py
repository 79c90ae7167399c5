"""The cost-in-use explorer and the brainstorm: render functions do the work, widgets wire."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.widgets.lubricant_industry import (  # noqa: E402
    lubricant_industry_brainstorm_explorer,
    lubricant_industry_explorer,
    render_lubricant_industry,
    render_lubricant_industry_brainstorm,
)

GRAPHITE = {"price": "20 CNY/kg", "consumption": "5.25 t/yr", "labour": "80 h/yr", "labour_rate": "80 CNY/h",
            "disposal": "3 CNY/kg"}
TRANSPARENT = {**GRAPHITE, "price": "48 CNY/kg", "consumption": "1.9 t/yr", "labour": "40 h/yr"}


def test_render_shows_the_saving_break_even_and_payback_and_draws():
    view = render_lubricant_industry(GRAPHITE, TRANSPARENT, points=4, changeover={"per_point": "15000 CNY"})
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "108,200 CNY/yr" in view.html  # 4 × 27,050
    assert "62.24" in view.html and "6.7" in view.html  # break-even price, payback months
    waterfall = render_lubricant_industry(GRAPHITE, TRANSPARENT, chart="waterfall")
    assert waterfall.png != view.png


def test_input_the_model_refuses_is_a_problem_not_an_error():
    view = render_lubricant_industry({**GRAPHITE, "price": 20}, TRANSPARENT, draw=False)
    assert view.png is None and view.problems[0].startswith("current: price needs a unit")
    never = render_lubricant_industry(GRAPHITE, {**GRAPHITE, "price": "30 CNY/kg"}, draw=False,
                                      changeover={"per_point": "1000 CNY"})
    assert "never" in never.html


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="chart must be one of 'stacked', 'waterfall'"):
        render_lubricant_industry(GRAPHITE, TRANSPARENT, chart="pie")
    with pytest.raises(TypeError, match="current must be a dict"):
        render_lubricant_industry(["20 CNY/kg"], TRANSPARENT)


def test_explorer_redraws_on_a_slider_move():
    widget = lubricant_industry_explorer()
    row, table = widget.children
    controls, image = row.children
    before, picture = table.value, image.value
    price = next(c for c in controls.children if hasattr(c, "max"))
    price.value = 30.0
    assert table.value != before and image.value != picture
    chart, moved = controls.children[-1], image.value
    chart.value = "waterfall"  # each chart keeps its own canvas: switching back shows the same picture
    assert image.value != moved
    chart.value = "stacked"
    assert image.value == moved


def test_the_brainstorm_enforces_three_and_reveals_the_sourced_view_only_after_writing():
    assert render_lubricant_industry_brainstorm("food", ["h1; audits; price; hygiene"]).problems[0].startswith(
        "traits: write no more than 3")
    assert render_lubricant_industry_brainstorm("food", ["", ""], reveal=True).problems[0].startswith(
        "traits: write at least one")
    hidden = render_lubricant_industry_brainstorm("food", ["food-grade grease"])
    assert "21 CFR" not in hidden.html
    shown = render_lubricant_industry_brainstorm("food", ["food-grade grease", "<b>cheap</b>"], reveal=True)
    assert "21 CFR 178.3570" in shown.html and "[E]" in shown.html and "you named it (1)" in shown.html
    assert "&lt;b&gt;cheap&lt;/b&gt;" in shown.html  # the trainee's text is escaped, and not in the profile


def test_the_brainstorm_widget_updates_when_a_trait_is_typed():
    widget = lubricant_industry_brainstorm_explorer("wind")
    _, choose, first, _second, _third, reveal, out = widget.children
    first.value = "OEM approval"
    reveal.value = True
    assert "you named it (1)" in out.value
    choose.value = "textile"
    assert "scour" in out.value


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_move_draws_the_same_pixels_as_a_full_draw():
    """The title drawn once per chart and language, bars, figures, legend and axes on every move
    (scale, legend entries and sign of the saving changing): the picture must be the plot_*
    function's, pixel for pixel, for both charts, across moves and back."""
    from kamlib.i18n import using_language
    from kamlib.models.lubricant_industry import compare_cost_in_use, cost_in_use
    from kamlib.plots.lubricant_industry import plot_cost_in_use, plot_cost_waterfall
    from kamlib.widgets.figure import Canvas
    from kamlib.widgets.lubricant_industry import _FIGSIZE, _MARGINS

    stops = {"downtime": "6 h/yr", "downtime_rate": "8000 CNY/h"}
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    moves = [(GRAPHITE, TRANSPARENT, 1, "stacked", "en"), (GRAPHITE, TRANSPARENT, 7, "stacked", "en"),
             ({**GRAPHITE, **stops}, TRANSPARENT, 3, "stacked", "en"), (TRANSPARENT, GRAPHITE, 1, "stacked", "en"),
             (TRANSPARENT, {**GRAPHITE, **stops}, 2, "stacked", "en"),  # the tallest bar reaches under the legend
             ({**TRANSPARENT, **stops}, GRAPHITE, 2, "stacked", "en"), (TRANSPARENT, {**GRAPHITE, **stops}, 1, "stacked", "en"),
             ({**GRAPHITE, "disposal": "0 CNY/kg"}, {**TRANSPARENT, "disposal": "0 CNY/kg"}, 2, "stacked", "en"),
             (GRAPHITE, TRANSPARENT, 1, "waterfall", "en"), ({**GRAPHITE, **stops}, TRANSPARENT, 40, "waterfall", "en"),
             (TRANSPARENT, GRAPHITE, 1, "waterfall", "zh"), (GRAPHITE, TRANSPARENT, 2, "stacked", "zh"),
             (GRAPHITE, TRANSPARENT, 1, "stacked", "en")]
    for current, proposed, points, chart, language in moves:
        with using_language(language):
            view = render_lubricant_industry(current, proposed, points, chart=chart, canvas=canvas)
            comparison = compare_cost_in_use(cost_in_use(**current, points=points), cost_in_use(**proposed, points=points))
            full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
            (plot_cost_in_use if chart == "stacked" else plot_cost_waterfall)(comparison, ax=full.ax)
            assert (_pixels(view.png) == _pixels(full.png())).all(), (points, chart, language)
            assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
