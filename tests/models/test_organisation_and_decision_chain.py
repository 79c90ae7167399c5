"""Organisation chart, buying-centre roles, contact matrix, coverage, route and single points of failure."""

from __future__ import annotations

import pytest

from kamlib.models.organisation_and_decision_chain import (
    ROLES,
    WEBSTER_WIND_ROLES,
    Person,
    contact_matrix,
    coverage_share,
    decision_chain,
    org_chart,
    role_coverage,
    role_holders,
    route_to,
    single_points_of_failure,
    uncovered_roles,
)
from kamlib.text import Text


def _p(pid, level="manager", roles=(), boss=None):
    return Person(pid, Text(pid.title(), pid), level, "maintenance", roles, boss)


@pytest.fixture
def chart():
    return org_chart([_p("gm", "director", ("approver",)), _p("pm", "director", ("decider",), "gm"),
                      _p("mm", "manager", ("influencer", "initiator"), "pm"), _p("tech", "operator", ("user",), "mm"),
                      _p("buyer", "manager", ("buyer",), "gm"), _p("asst", "staff", ("gatekeeper",), "buyer")],
                     influences=[("mm", "pm"), ("tech", "mm"), ("buyer", "pm")])


def test_seven_roles_webster_and_wind_five_plus_initiator_and_approver():
    assert len(ROLES) == 7 and set(WEBSTER_WIND_ROLES) | {"initiator", "approver"} == set(ROLES)


def test_the_chart_keeps_reporting_and_influence_edges_apart(chart):
    kinds = {(u, v): k for u, v, k in chart.edges(data="kind")}
    assert kinds[("pm", "gm")] == "reports" and kinds[("buyer", "pm")] == "influences"
    assert kinds[("tech", "mm")] == "reports"  # a boss link already carries the influence
    assert role_holders(chart)["influencer"] == ("mm",) and role_holders(chart)["initiator"] == ("mm",)


def test_one_person_may_hold_several_roles_and_coverage_counts_each(chart):
    matrix = contact_matrix({"kam": {"buyer": 3, "asst": 1}, "tse": {"mm": 2, "tech": 2}}, chart)
    cover = role_coverage(chart, matrix)
    assert cover == {"initiator": 2, "user": 2, "influencer": 2, "buyer": 3, "decider": 0, "approver": 0,
                     "gatekeeper": 1}
    assert uncovered_roles(chart, matrix) == ("decider", "approver")
    assert uncovered_roles(chart, matrix, threshold=2) == ("decider", "approver", "gatekeeper")
    assert coverage_share(chart, matrix, 2) == pytest.approx(4 / 7, abs=1e-6)


def test_the_route_goes_through_a_contact_and_then_the_customers_own_lines(chart):
    matrix = contact_matrix({"kam": {"buyer": 3}, "tse": {"tech": 1}}, chart)
    assert route_to(chart, matrix, "kam", "pm") == ("kam", "buyer", "pm")
    assert route_to(chart, matrix, "tse", "pm", threshold=2) == ()
    assert len(route_to(chart, matrix, "tse", "pm")) == 4


def test_single_points_of_failure_are_the_only_working_link(chart):
    matrix = contact_matrix({"kam": {"buyer": 3, "mm": 2}, "tse": {"mm": 3, "tech": 2}, "rsm": {"gm": 1}}, chart)
    assert single_points_of_failure(chart, matrix) == {"kam": ("buyer",), "tse": ("tech",)}
    assert single_points_of_failure(chart, matrix, threshold=1)["rsm"] == ("gm",)


def test_the_decision_chain_is_a_path_of_people_in_the_chart(chart):
    assert decision_chain(chart, ["tech", "mm", "pm", "buyer", "gm"]) == ("tech", "mm", "pm", "buyer", "gm")
    with pytest.raises(ValueError, match="names a person twice"):
        decision_chain(chart, ["mm", "pm", "mm"])


def test_an_unknown_role_is_named_with_the_person():
    with pytest.raises(ValueError, match=r"roles of person 'x': \['chooser'\] is not a buying-centre role; accepted"):
        _p("x", roles=("user", "chooser"))


def test_a_reporting_cycle_is_named():
    with pytest.raises(ValueError, match="a reporting cycle (a → c → b → a|c → b → a → c|b → a → c → b)"):
        org_chart([_p("a", boss="c"), _p("b", boss="a"), _p("c", boss="b")])
    with pytest.raises(ValueError, match="person 'a' reports to 'z', who is not in the chart"):
        org_chart([_p("a", boss="z")])


def test_a_matrix_cell_outside_the_chart_or_outside_0_to_3_is_named(chart):
    with pytest.raises(ValueError, match=r"cell \(kam, cfo\): 'cfo' is not a person in the chart"):
        contact_matrix({"kam": {"cfo": 2}}, chart)
    for bad in (4, -1, 2.5, True, "2"):
        with pytest.raises(ValueError, match=r"cell \(tse, pm\) must be a whole number from 0 to 3"):
            contact_matrix({"tse": {"pm": bad}}, chart)
    with pytest.raises(ValueError, match="'pm' is both one of our people and a person in their chart"):
        contact_matrix({"pm": {"gm": 1}}, chart)
