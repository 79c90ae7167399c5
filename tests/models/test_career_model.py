"""The career model's sums: the share of streams that keep coming, and a week sorted by position."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.models.career_model import (
    OWNER_QUADRANTS,
    QUADRANT_GRID,
    QUADRANTS,
    Activity,
    Stream,
    share_of,
    week_profile,
)
from kamlib.text import Text

T = Text("x", "x")
WEEK = [Activity("a", T, 8), Activity("b", T, 4), Activity("c", T, 2), Activity("d", T, 6)]


def test_the_quadrant_is_drawn_as_in_the_book():
    assert QUADRANTS == ("E", "S", "B", "I") and OWNER_QUADRANTS == ("B", "I")
    assert {q for q, (col, _) in QUADRANT_GRID.items() if col == 0} == {"E", "S"}  # income stops when you stop


def test_share_of_adds_up_what_you_chose_and_no_more():
    s = [Stream("w", T, 180_000), Stream("r", T, 60_000), Stream("d", T, 60_000)]
    assert share_of(s, ["r", "d"]) == 40.0
    assert share_of(s, ["r", "r"]) == 20.0  # an id given twice counts once
    volume = [Stream("c", T, 30, "t/yr"), Stream("p", T, 90, "t/yr")]
    assert share_of(volume, ["c"]) == 25.0


def test_a_week_adds_up_by_position_and_keeps_unsorted_hours_apart():
    p = week_profile(WEEK, {"a": "S", "b": "B", "c": "I", "d": None})
    assert p.hours == {"E": 0.0, "S": 8.0, "B": 4.0, "I": 2.0} and p.unsorted == ("d",) and p.unsorted_hours == 6
    assert p.owner_share == pytest.approx(100 * 6 / 14, abs=1e-4) and p.total_hours == 14
    empty = week_profile(WEEK, {})
    assert empty.share == {q: 0.0 for q in QUADRANTS} and empty.unsorted_hours == 20


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="ids must be ids of streams"):
        share_of([Stream("a", T, 1)], ["b"])
    with pytest.raises(ValueError, match="streams must all be in one unit"):
        share_of([Stream("a", T, 1), Stream("b", T, 1, "t/yr")], [])
    with pytest.raises(ValueError, match="streams must add up to more than 0"):
        share_of([Stream("a", T, 0)], [])
    with pytest.raises(ValueError, match="streams must have different ids"):
        share_of([Stream("a", T, 1), Stream("a", T, 2)], [])
    with pytest.raises(ValueError, match="per_year must be a number >= 0"):
        Stream("a", T, -5)
    with pytest.raises(ValueError, match="unit must be one of"):
        Stream("a", T, 5, "USD")
    with pytest.raises(ValueError, match="hours must be a number from 0 to 80"):
        Activity("a", T, 100)
    with pytest.raises(ValueError, match="sorting must map activity ids to one of 'E', 'S', 'B', 'I'"):
        week_profile(WEEK, {"a": "employee"})
    with pytest.raises(ValueError, match="sorting must map activity ids"):
        week_profile(WEEK, {"z": "E"})
    with pytest.raises(TypeError, match="sorting must be a dict"):
        week_profile(WEEK, ["a", "E"])


@given(hours=st.lists(st.floats(0, 80), min_size=1, max_size=8),
       positions=st.lists(st.sampled_from(QUADRANTS), min_size=8, max_size=8))
def test_shares_of_a_sorted_week_add_up_to_100_or_0(hours, positions):
    week = [Activity(f"a{i}", T, h) for i, h in enumerate(hours)]
    p = week_profile(week, {a.id: positions[i] for i, a in enumerate(week)})
    total = sum(p.share.values())
    assert total == pytest.approx(100, abs=1e-3) if p.total_hours > 0 else total == 0
    assert all(0 <= v <= 100 + 1e-9 for v in p.share.values())
