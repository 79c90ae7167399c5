"""The career quadrant, empty and with a week sorted into it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.career_model import load_week  # noqa: E402
from kamlib.i18n import using_language  # noqa: E402
from kamlib.models.career_model import week_profile  # noqa: E402
from kamlib.plots.career_model import plot_career_week  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_empty_model_names_the_four_positions_and_the_two_sides():
    written = {t.get_text() for t in plot_career_week().texts}
    assert {"E · employee", "S · self-employed / specialist", "B · business owner", "I · investor"} <= written
    assert any("stops when you stop" in t for t in written) and any("keeps coming" in t for t in written)


def test_a_sorted_week_shows_hours_share_and_the_owner_share():
    week = load_week()
    ax = plot_career_week(week_profile(week.activities, week.sorting))
    written = {t.get_text() for t in ax.texts}
    assert "S · self-employed / specialist\n\n20 h · 50 %" in written and "owner share (B + I): 12.5 %" in ax.get_xlabel()
    half = week_profile(week.activities, {"admin": "E"})
    assert "not sorted yet: 33 h" in plot_career_week(half).get_xlabel()
    with using_language("zh"):
        assert "业主份额" in plot_career_week(half).get_xlabel()


def test_bad_profile_is_named():
    with pytest.raises(TypeError, match="profile must be a WeekProfile"):
        plot_career_week({"E": 1})
