"""The ten needs and wishes, the running case's buyers and what they said, and the claims lecture
03 weighs, as data."""

from __future__ import annotations

import re
import shutil

import pytest

from kamlib.data.goals_and_needs import (
    buyer_needs,
    load_buyer_quotes,
    load_buyers,
    load_needs,
    load_needs_claims,
)
from kamlib.data.schema import DataError, data_path
from kamlib.models.goals_and_needs import NEED_CATEGORIES


def test_every_need_has_its_meaning_and_offer_in_both_languages():
    needs = load_needs()
    assert tuple(needs) == NEED_CATEGORIES
    assert needs["status"].name.zh == "地位感" and needs["image"].name.zh == "形象"
    assert all(n.means.zh and n.offer.zh for n in needs.values())


def test_the_three_buyers_each_show_both_kinds_and_every_category_is_taught():
    assert [b.role.en for b in load_buyers().values()] == ["maintenance manager", "purchasing manager", "plant manager"]
    assert {b.account for b in load_buyers().values()} == {"KA05"}  # Cloudridge Cement, the running case
    for person in load_buyers():
        needs, wishes = buyer_needs(person)
        assert needs and wishes
    assert {q.category for q in load_buyer_quotes()} == set(NEED_CATEGORIES)


def test_the_claims_carry_the_domain_tags():
    claims = load_needs_claims()
    assert claims["hbs_80"].tag == "U" and claims["hbs_80"].source == ""
    assert claims["webster_wind"].tag == "E" and claims["miller_heiman"].tag == "P"
    assert claims["zaltman_95"].tag == "P" and "unconscious" in claims["zaltman_95"].note.en
    assert claims["ceb_2x"].tag == "P" and "14 %" in claims["ceb_2x"].text.en


def test_a_buyer_unknown_is_named():
    with pytest.raises(ValueError, match="person must be one of 'luo', 'tang', 'deng'"):
        buyer_needs("wang")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    import kamlib.data.goals_and_needs as module

    for name in ("goals_and_needs_needs.yaml", "goals_and_needs_people.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    loaders = (module.load_needs, module.load_buyers, module.load_buyer_quotes)
    for loader in loaders:
        loader.cache_clear()
    yield tmp_path
    for loader in loaders:
        loader.cache_clear()


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("goals_and_needs_needs.yaml", "- id: cost", "- id: price",
     "goals_and_needs_needs.yaml, need 2, key 'id'"),
    ("goals_and_needs_people.yaml", "person: deng, category: status", "person: deng, category: cost",
     "deng needs at least one business and one personal quote, got ['business']"),
    ("goals_and_needs_people.yaml", "{id: l1, person: luo, category: volume", "{id: l1, person: luo, category: output",
     "goals_and_needs_people.yaml, quote 1, key 'category'"),
])
def test_bad_data_says_where(data_copy, name, old, new, message):
    import kamlib.data.goals_and_needs as module

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        module.load_needs() if "needs.yaml" in name else module.load_buyer_quotes()
