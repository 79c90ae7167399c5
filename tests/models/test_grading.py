"""kamlib.models.grading: item statistics of a class, checked by hand and by property."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.models import grading

MAX = {"q1": 3.0, "q2": 3.0, "q3": 4.0}


def test_difficulty_is_mean_share_of_points():
    scores = {"a": {"q1": 3, "q2": 0, "q3": 4}, "b": {"q1": 0, "q2": 0, "q3": 2}}
    assert grading.difficulty(scores, MAX) == {"q1": 0.5, "q2": 0.0, "q3": 0.75}


def test_point_biserial_separates_a_good_item_from_a_reversed_one():
    # q1 follows the rest of the test; q2 is answered only by the weakest
    scores = {
        "s1": {"q1": 3, "q2": 0, "q3": 4}, "s2": {"q1": 3, "q2": 0, "q3": 4},
        "s3": {"q1": 0, "q2": 1, "q3": 0}, "s4": {"q1": 0, "q2": 1, "q3": 0},
    }
    pb = grading.discrimination(scores, MAX)
    assert pb["q1"] > 0.5 and pb["q2"] < -0.5
    ul = grading.discrimination(scores, MAX, "upper_lower")
    assert ul["q1"] == 1.0 and ul["q2"] == -0.3333


def test_no_spread_cannot_be_told():
    scores = {"a": {"q1": 3, "q2": 3, "q3": 4}, "b": {"q1": 3, "q2": 0, "q3": 0}}
    assert math.isnan(grading.discrimination(scores, MAX)["q1"])
    assert grading.item_table(scores, MAX)[0]["verdict"] == "cannot tell (no spread)"


def test_distribution_puts_full_marks_in_the_top_bin():
    d = grading.distribution([10, 0, 5, 10], 10, bins=5)
    assert d["counts"] == [1, 0, 1, 0, 2] and d["n"] == 4 and d["mean"] == 6.25


def test_held_for_review_lists_ungraded_and_flagged_apart():
    records = [
        {"student": "a", "status": "graded", "ungraded": [], "findings": []},
        {"student": "b", "status": "ungraded", "ungraded": [{"cell": "q2_answer", "reason": "the kernel died"}], "findings": []},
        {"student": "c", "status": "flagged", "ungraded": [], "findings": [{"cell": "q1_answer", "reason": "patches kamlib"}]},
    ]
    held = grading.held_for_review(records)
    assert held == {"ungraded": [{"student": "b", "reasons": "q2_answer: the kernel died"}],
                    "flagged": [{"student": "c", "reasons": "q1_answer: patches kamlib"}]}


@pytest.mark.parametrize("scores, max_points, message", [
    ({"a": {"q1": 4}}, {"q1": 3}, "more than its 3.0 points"),
    ({"a": {"q1": -1}}, {"q1": 3}, "below 0"),
    ({"a": {"q1": 1}}, {"q1": 0}, "must be above 0"),
    ({"a": {"q2": 1}}, {"q1": 3}, "missing ['q1']"),
    ({"a": {"q1": "3"}}, {"q1": 3}, "must be a number"),
    ({"a": {"q1": True}}, {"q1": 3}, "must be a number"),
    ({"a": [1]}, {"q1": 3}, "must be an {item: points} dict"),
    ({}, {}, "non-empty"),
])
def test_bad_input_gets_a_clear_error(scores, max_points, message):
    with pytest.raises((ValueError, TypeError), match=message.replace("[", r"\[").replace("]", r"\]")
                       .replace("{", r"\{").replace("}", r"\}")):
        grading.item_table(scores, max_points)


def test_bad_method_and_bins():
    with pytest.raises(ValueError, match="method must be"):
        grading.discrimination({"a": {"q1": 1}}, {"q1": 1}, "kr20")
    with pytest.raises(ValueError, match="bins must be"):
        grading.distribution([1], 2, bins=0)
    with pytest.raises(ValueError, match="values must lie"):
        grading.distribution([3], 2)


classes = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.fixed_dictionaries({q: st.integers(0, int(p)) for q, p in MAX.items()}),
    min_size=0, max_size=30,
)


@given(classes)
def test_statistics_stay_in_range(scores):
    for row in grading.item_table(scores, MAX):
        assert math.isnan(row["difficulty"]) or 0 <= row["difficulty"] <= 1
        assert math.isnan(row["point_biserial"]) or -1.0001 <= row["point_biserial"] <= 1.0001
        assert math.isnan(row["upper_lower"]) or -1 <= row["upper_lower"] <= 1
    totals = grading.totals(scores, MAX)
    assert sum(grading.distribution(list(totals.values()), sum(MAX.values()))["counts"]) == len(scores)


@given(classes)
def test_renaming_students_changes_nothing(scores):
    renamed = {f"z{name}": row for name, row in scores.items()}
    assert grading.difficulty(scores, MAX) == grading.difficulty(renamed, MAX) or not scores
