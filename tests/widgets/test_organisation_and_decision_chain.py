"""Editing the contact matrix: render does the work, the widget wires."""

from __future__ import annotations

import time

import pytest

from kamlib.i18n import using_language
from kamlib.widgets.organisation_and_decision_chain import (
    organisation_and_decision_chain_explorer,
    render_organisation_and_decision_chain,
)


def test_render_shows_coverage_gaps_route_and_single_points_of_failure():
    view = render_organisation_and_decision_chain()
    assert view.problems == ()
    assert "71 %" in view.html and "decider (Dong Wei)" in view.html and "approver (Han Xue, Qian Hui)" in view.html
    assert "Li Na → Shen Bo (maintenance manager) → Dong Wei (plant manager)" in view.html
    assert "Li Na: Shen Bo, Sun Li" in view.html
    with using_language("zh"):
        assert "决策者" in render_organisation_and_decision_chain().html


def test_closing_the_gaps_covers_every_role():
    view = render_organisation_and_decision_chain({"kam": {"pm": 2, "pc": 3, "pa": 2}, "tse": {"re": 3, "lf": 2},
                                                   "rsm": {"gm": 2}})
    assert "100 %" in view.html and "Li Na → Dong Wei (plant manager)" in view.html


def test_a_decider_out_of_reach_is_a_problem_and_a_bad_cell_an_error():
    view = render_organisation_and_decision_chain({"css": {"lt": 1}})
    assert view.problems and view.problems[0].startswith("no route from Lin Yu to the decider Dong Wei")
    with pytest.raises(ValueError, match=r"cell \(kam, pm\) must be a whole number from 0 to 3, got 5"):
        render_organisation_and_decision_chain({"kam": {"pm": 5}})


def test_explorer_updates_on_a_cell_and_fast():
    widget = organisation_and_decision_chain_explorer()
    level, grid, out = widget.children
    kam_row = grid.children[1]
    before = out.value
    kam_row.children[3].value = 3  # Li Na × Dong Wei, the decider
    assert out.value != before and "100 %" not in out.value and "decider (Dong Wei)" not in out.value
    times = []
    for i in range(40):
        start = time.perf_counter()
        kam_row.children[1].value = i % 4
        times.append(time.perf_counter() - start)
    assert sorted(times)[int(0.95 * len(times)) - 1] < 0.1
