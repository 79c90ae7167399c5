"""The stages with the slide's text, and the running case's contact networks, as data."""

from __future__ import annotations

import re
import shutil

import pytest

from kamlib.data.relationship_stages import (
    describe_stage,
    list_contact_networks,
    load_contact_network,
    load_network_case,
    load_stages,
)
from kamlib.data.schema import DataError, data_path
from kamlib.models.key_accounts import STAGES
from kamlib.models.relationship_stages import exposure


def test_every_stage_with_the_slides_early_and_mid_text():
    stages = load_stages()
    assert list(stages) == list(STAGES)
    assert all(s.summary.zh and s.contacts.zh for s in stages.values())
    assert "biggest risk" in stages["early"].slide[2].en and stages["early"].slide[2].zh.startswith("发生变故")
    assert len(stages["mid"].slide) == 4 and "bow-tie" in stages["early"].contacts.en
    assert "diamond" in stages["partnership"].contacts.en and "any stage" in stages["uncoupling"].summary.en
    assert describe_stage("mid").name.zh == "中期"


def test_the_running_cases_networks_go_from_bow_tie_to_diamond_with_their_stage():
    from kamlib.data.key_accounts import load_accounts

    stage = {a.id: a.stage for a in load_accounts()}
    shapes = {a: exposure(load_contact_network(a)).shape for a in list_contact_networks()}
    assert shapes == {"KA05": "bow_tie", "KA01": "widening", "KA10": "diamond"}
    assert [stage[a] for a in shapes] == ["early", "mid", "partnership"]
    for account in shapes:
        case = load_network_case(account)
        assert all(c.role.zh for c in case.contacts)
        assert not set(case.possible) & set(case.links)


def test_unknown_names_are_named():
    with pytest.raises(ValueError, match="stage must be one of"):
        describe_stage("Mid-KAM")
    with pytest.raises(ValueError, match="account must be one of 'KA05', 'KA01', 'KA10'"):
        load_network_case("KA99")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    import kamlib.data.relationship_stages as module

    for name in ("relationship_stages_networks.yaml", "relationship_stages_stages.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (module.load_stages, module._cases):
        loader.cache_clear()
    yield tmp_path
    for loader in (module.load_stages, module._cases):
        loader.cache_clear()


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("relationship_stages_networks.yaml", "{id: s_cs, level: staff", "{id: s_cs, level: clerk",
     "relationship_stages_networks.yaml, seller 5, key 'level': expected one of"),
    ("relationship_stages_networks.yaml", "links: [[s_kam, b_buy]]", "links: [[s_kam, b_nobody]]",
     "network 1, links, link 1: expected [contact id, contact id]"),
    ("relationship_stages_stages.yaml", "- id: mid", "- id: middle", "stage 3, key 'id': expected one of"),
])
def test_bad_data_says_where(data_copy, name, old, new, message):
    import kamlib.data.relationship_stages as module

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        module.load_stages() if "stages.yaml" in name else module._cases()
