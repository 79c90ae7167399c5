"""The control chain, the outage arithmetic and the bow-tie, as pure functions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.models.bad_example import (
    CaseControl,
    CaseStage,
    contact_shape,
    first_catch,
    links_left,
    outage_cost,
)

STAGES = [CaseStage("blend"), CaseStage("fill", failure=True), CaseStage("pick"), CaseStage("receive"),
          CaseStage("unit", in_unit=True)]
CONTROLS = [CaseControl("certificate", "blend", True), CaseControl("label", "fill", True),
            CaseControl("papers", "receive", False), CaseControl("test", "receive", True),
            CaseControl("analysis", "unit", True)]


def test_a_control_upstream_of_the_failure_cannot_help_and_a_blind_one_is_passed():
    catch = first_catch(STAGES, CONTROLS, ["certificate", "papers"])
    assert catch.outage and catch.stage is None and catch.passed == ("certificate", "papers")


def test_the_first_seeing_control_downstream_stops_the_drum():
    assert first_catch(STAGES, CONTROLS, ["label", "test"]).stage == "fill"
    catch = first_catch(STAGES, CONTROLS, ["papers", "test", "analysis"])
    assert (catch.stage, catch.control, catch.outage) == ("receive", "test", False)


def test_a_catch_in_the_unit_is_still_an_outage():
    catch = first_catch(STAGES, CONTROLS, ["analysis"])
    assert catch.outage and catch.control == "analysis"
    assert "already in the unit" in catch._repr_html_()


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from([c.id for c in CONTROLS])))
def test_more_controls_never_move_the_catch_downstream(chosen):
    order = [s.id for s in STAGES] + [None]
    base = first_catch(STAGES, CONTROLS, sorted(chosen))
    more = first_catch(STAGES, CONTROLS, sorted(chosen | {"test"}))
    assert order.index(more.stage) <= order.index(base.stage)


def test_bad_chains_are_refused_naming_the_argument():
    with pytest.raises(ValueError, match="in_place: unknown control 'audit'"):
        first_catch(STAGES, CONTROLS, ["audit"])
    with pytest.raises(ValueError, match="stages must mark exactly one stage"):
        first_catch([CaseStage("a"), CaseStage("b")], [], [])
    with pytest.raises(ValueError, match="controls: stage 'moon'"):
        first_catch(STAGES, [CaseControl("x", "moon", True)], [])
    with pytest.raises(TypeError, match="stages must hold CaseStage objects"):
        first_catch(["fill"], CONTROLS)
    with pytest.raises(TypeError, match="catches must be"):
        CaseControl("x", "fill", "yes")


def test_outage_cost_is_days_times_the_daily_loss_plus_the_flush():
    cost = outage_cost(2.5, 320_000, flush=45_000)
    assert cost.lost_production == 800_000 and cost.total == 845_000
    assert "845,000 USD" in cost._repr_html_()
    with pytest.raises(ValueError, match="per_day must be a number from 0"):
        outage_cost(1, -5)
    with pytest.raises(TypeError, match="days must be a number"):
        outage_cost("3 days", 1)


def test_bow_tie_and_diamond_and_what_is_left_when_a_buyer_leaves():
    bowtie = [("kam", "buyer")]
    fan = [("kam", "buyer"), ("kam", "engineer")]
    diamond = [("kam", "buyer"), ("tech", "engineer"), ("director", "finance")]
    assert [contact_shape(x) for x in (bowtie, fan, diamond, [])] == ["bow-tie", "bow-tie", "diamond", "none"]
    assert links_left(bowtie, "buyer") == []
    assert links_left(diamond, "buyer") == diamond[1:]
    with pytest.raises(TypeError, match="links: entry 1 must be a"):
        contact_shape(["kam-buyer"])
