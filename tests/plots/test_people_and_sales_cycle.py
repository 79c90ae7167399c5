"""The sales-cycle diagram and the social-style grid."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.people_and_sales_cycle import load_behaviours  # noqa: E402
from kamlib.models.people_and_sales_cycle import place_person  # noqa: E402
from kamlib.plots.people_and_sales_cycle import plot_sales_cycle, plot_social_styles  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_cycle_shows_every_step_and_every_call_stage():
    written = {t.get_text() for t in plot_sales_cycle().texts}
    assert {"build trust", "discover needs", "sell the product", "satisfy the need", "preliminaries",
            "investigating", "demonstrating capability", "obtaining commitment"} <= written


def test_the_grid_names_its_scales_and_places_people():
    person = place_person(["decides_fast", "sticks_to_facts"], load_behaviours())
    ax = plot_social_styles({"Ms Gao": person, "not placed": place_person(["decides_fast"], load_behaviours())})
    assert "ask (−1) → tell (+1)" in ax.get_xlabel() and "controls (−1)" in ax.get_ylabel()
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # controls at the top
    names = {t.get_text() for t in ax.texts}
    assert "Ms Gao" in names and "not placed" not in names and {"Driver", "Analytical"} <= names
    assert len(ax.collections) == 1


def test_bad_placements_are_named():
    with pytest.raises(TypeError, match="placements must hold Placement objects"):
        plot_social_styles({"x": "driver"})
