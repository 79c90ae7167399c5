"""The cost-in-use plots: units on every axis, the worked case by default."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.models.lubricant_industry import compare_cost_in_use, cost_in_use, girth_gear_case  # noqa: E402
from kamlib.plots.lubricant_industry import plot_cost_in_use, plot_cost_waterfall  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("plot", [plot_cost_in_use, plot_cost_waterfall])
def test_money_is_in_cny_per_year_and_the_totals_are_written(plot):
    ax = plot()
    assert "CNY/yr" in ax.get_ylabel() and ax.get_title()
    written = {t.get_text() for t in ax.texts}
    assert {"127,150", "100,100"} <= written
    assert plot(girth_gear_case(points=3)).get_ylim()[1] > 3 * 127150


def test_the_stacked_bars_stack_the_parts_and_the_waterfall_ends_at_the_proposed_total():
    ax = plot_cost_in_use()
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == sorted([105000, 91200, 6400, 3200, 15750, 5700])
    fall = plot_cost_waterfall()
    assert "-13,800" in {t.get_text() for t in fall.texts}
    assert round(fall.patches[-1].get_height()) == 100100


def test_a_dearer_proposal_shows_a_negative_saving():
    dear = compare_cost_in_use(cost_in_use("20 CNY/kg", "2 t/yr"), cost_in_use("60 CNY/kg", "2 t/yr"))
    ax = plot_cost_in_use(dear)
    assert any(t.get_text().startswith("change (CNY/yr): -80,000") for t in ax.texts)


def test_bad_comparison_is_named():
    with pytest.raises(TypeError, match="comparison must be a CostComparison"):
        plot_cost_in_use({"price": "20 CNY/kg"})
