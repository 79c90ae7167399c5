"""The five-forces chart and the competitor shares on the market map."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.background_analysis import competitor_volumes, load_market_map  # noqa: E402
from kamlib.i18n import using_language  # noqa: E402
from kamlib.models.background_analysis import FORCES, five_forces_pressure, junction_shares  # noqa: E402
from kamlib.plots.background_analysis import plot_competitor_shares, plot_five_forces  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_forces_chart_marks_drivers_and_the_overall_line():
    pressure = five_forces_pressure(dict.fromkeys(FORCES, 2) | {"buyer_power": 5})
    ax = plot_five_forces(pressure)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "rivalry among competitors" and "bargaining power of buyers" in labels
    colours = {tuple(round(c, 2) for c in p.get_facecolor()[:3]) for p in ax.patches}
    assert len(colours) == 2  # drivers in another colour
    assert any("overall pressure: 2.6 (medium)" in t.get_text() for t in ax.texts)
    with using_language("zh"):
        assert "买方的议价能力" in [t.get_text() for t in plot_five_forces(pressure).get_yticklabels()]


def test_shares_stack_to_one_per_junction():
    g = load_market_map()
    shares = junction_shares(g, competitor_volumes())
    ax = plot_competitor_shares(shares, {n: g.nodes[n]["en"] for n in g})
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Steel"
    assert len(ax.patches) == len(shares) * 4
    with pytest.raises(ValueError, match="shares\\['steel'\\]\\['x'\\] must be a number from 0 to 1"):
        plot_competitor_shares({"steel": {"x": 1.5}})
    with pytest.raises(TypeError, match="pressure must be a ForcesPressure"):
        plot_five_forces({"rivalry": 3})


def test_both_plots_draw_in_chinese_without_missing_glyphs(caplog):
    """tests/plots/test_style.py skips plots with a required argument it has no example for; the
    same check here (the lead may add these two examples to its EXAMPLES)."""
    from tests.plots.test_style import cjk_installed, draw_and_collect_missing_glyphs

    if not cjk_installed():
        pytest.skip("no CJK font installed")
    g = load_market_map()
    with using_language("zh"):
        for ax in (plot_five_forces(five_forces_pressure(dict.fromkeys(FORCES, 4))),
                   plot_competitor_shares(junction_shares(g, competitor_volumes()), {n: g.nodes[n]["zh"] for n in g})):
            assert draw_and_collect_missing_glyphs(ax.figure, caplog) == []
            assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())
