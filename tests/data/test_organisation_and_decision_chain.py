"""The running case's organisation: chart, chain and contact matrix load and are checked."""

from __future__ import annotations

import pytest

from kamlib.data import organisation_and_decision_chain as data
from kamlib.data.schema import DataError
from kamlib.models.organisation_and_decision_chain import (
    ROLES,
    role_holders,
    route_to,
    uncovered_roles,
)


def test_northbridge_holds_all_seven_roles_and_the_chain_reaches_the_decider():
    case = data.load_organisation("northbridge")
    assert case.account == "KA01" and case.name.en == "Northbridge Steel Works"
    assert set(role_holders(case.chart)) == set(ROLES)
    deciders = role_holders(case.chart)["decider"]
    assert set(deciders) <= set(case.chain) and len(case.steps) == len(case.chain)
    assert case.chain[0] in role_holders(case.chart)["initiator"]
    assert all(str(case.titles[p]) for p in case.chart)


def test_the_running_case_has_the_gaps_the_lecture_talks_about():
    case = data.load_organisation()
    assert uncovered_roles(case.chart, case.matrix) == ("decider",)
    assert uncovered_roles(case.chart, case.matrix, 2) == ("decider", "approver")
    assert route_to(case.chart, case.matrix, "kam", "pm", 2) == ("kam", "mm", "pm")


def test_every_team_member_has_a_chinese_name_and_title():
    for m in data.load_team():
        assert m.name.zh and m.title.zh


def test_an_unknown_customer_is_named():
    with pytest.raises(ValueError, match="customer must be one of northbridge"):
        data.load_organisation("nowhere")


def test_a_bad_record_is_named(monkeypatch):
    raw = data._raw()
    bad = {**raw, "customers": [{**raw["customers"][0], "contacts": {"kam": {"pm": 7}}}]}
    monkeypatch.setattr(data, "_raw", lambda: bad)
    data._load.cache_clear()
    try:
        with pytest.raises(DataError, match=r"customer northbridge: strengths: cell \(kam, pm\)"):
            data.load_organisation("northbridge")
    finally:
        data._load.cache_clear()
