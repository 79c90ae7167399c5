"""The bad-example case as data: the published facts with their tags, the chain of stages and
controls, the owners, and the composite bow-tie case."""

from __future__ import annotations

import shutil

import pytest
import yaml

import kamlib.data.bad_example as module
from kamlib.data.bad_example import load_bowtie_case, load_turbine_oil_case
from kamlib.data.schema import DataError, data_path
from kamlib.models.bad_example import first_catch


def test_the_published_case_is_tagged_as_trade_press_and_says_what_the_source_says():
    case = load_turbine_oil_case()
    assert case.ref == "R30" and case.tag == "P" and case.outage.tag == "P"
    assert all(f.tag == "P" and f.text.zh for f in case.facts.values())
    told = " ".join(f.text.en for f in case.facts.values())
    for fact in ("six drums", "motor oil in a drum labelled turbine oil", "shut down", "relabel", "80"):
        assert fact in told, fact
    assert "hundreds of thousands of dollars a day" in case.outage.text.en


def test_the_chain_fails_at_the_distributor_and_nothing_in_place_means_the_published_outage():
    case = load_turbine_oil_case()
    assert [s.id for s in case.stages if s.failure] == ["repacking"]
    assert next(s for s in case.stages if s.failure).node == "distributor"
    assert case.stages[-1].in_unit
    catch = first_catch(case.stages, list(case.controls.values()), [])
    assert catch.outage and catch.control is None
    assert {c.owner for c in case.controls.values()} <= set(case.owners)
    # each stage after the failure has a control that sees it or one that cannot: both kinds exist
    assert {c.catches for c in case.controls.values()} == {True, False}


def test_the_bowtie_case_is_fictional_and_runs_through_one_link():
    bowtie = load_bowtie_case()
    assert bowtie.account == "KA23" and bowtie.story.zh
    assert bowtie.links["bowtie"] == [("wang", "du")]
    assert all(s in bowtie.seller and b in bowtie.buyer for s, b in bowtie.links["diamond"])


@pytest.fixture
def case_copy(tmp_path, monkeypatch):
    shutil.copy(data_path(module.SOURCE), tmp_path / module.SOURCE)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (load_turbine_oil_case, load_bowtie_case):
        loader.cache_clear()
    yield tmp_path / module.SOURCE
    for loader in (load_turbine_oil_case, load_bowtie_case):
        loader.cache_clear()


def _edit(path, change):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda raw: raw["controls"][0].update(stage="nowhere"), "control 1"),
    (lambda raw: raw["controls"][0].update(owner="nobody"), "control 1"),
    (lambda raw: raw["stages"][2].update(failure=True), "exactly one stage"),
    (lambda raw: raw["published"]["facts"][0].update(tag="X"), "published fact 1"),
    (lambda raw: raw["published"]["facts"][0].pop("zh"), "published fact 1"),
])
def test_a_broken_case_names_the_record(case_copy, change, message):
    _edit(case_copy, change)
    with pytest.raises(DataError, match=message):
        load_turbine_oil_case()


@pytest.mark.parametrize("change, message", [
    (lambda raw: raw["bowtie"].update(fictional=False), "fictional"),
    (lambda raw: raw["bowtie"]["links_diamond"].append(["wang", "nobody"]), "links_diamond entry 6"),
])
def test_a_broken_bowtie_case_names_the_record(case_copy, change, message):
    _edit(case_copy, change)
    with pytest.raises(DataError, match=message):
        load_bowtie_case()
