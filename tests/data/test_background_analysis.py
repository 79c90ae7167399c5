"""The running case's PEST, five forces, competitors and SWOT, as data."""

from __future__ import annotations

import pytest
import yaml

from kamlib.data import background_analysis as data
from kamlib.data.schema import DataError, data_path
from kamlib.models.background_analysis import (
    FORCES,
    PEST,
    SWOT,
    junction_shares,
    strongest_junctions,
)


def test_every_pest_category_is_filled_and_every_claim_is_tagged():
    factors = data.load_pest()
    assert {f.category for f in factors} == set(PEST)
    assert {"imo_2020", "base_oil_prices", "ev_adoption", "drain_intervals", "energy_saving",
            "emission_rules"} <= {f.id for f in factors}
    for f in factors:
        assert f.text.zh and (f.tag == "U") == (f.source == "")


def test_the_forces_have_evidence_each_tagged():
    forces = data.load_forces()
    assert list(forces) == list(FORCES)
    for view in forces.values():
        assert view.evidence and all(e.text.zh and e.tag in "EPU" for e in view.evidence)


def test_competitors_sit_on_module_09s_map_and_their_shares_are_computed():
    g = data.load_market_map()
    assert g.graph["name"] == "running_case"
    shares = junction_shares(g, data.competitor_volumes())
    assert set(shares) <= {n for n, k in g.nodes(data="kind") if k == "end_user"}
    assert strongest_junctions(g, data.competitor_volumes()) == {"tiancheng": "rail", "norhaven": "marine",
                                                                   "jinhe": "textile"}
    assert all(c.name.zh and c.profile.zh for c in data.load_competitors().values())


def test_the_swot_has_every_quadrant():
    swot = data.load_swot()
    assert {i.quadrant for i in swot.items} == set(SWOT) and swot.competitor in data.load_competitors()


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """Copy a data file to tmp_path, let the test change it, and load from there."""
    def write(name, change):
        raw = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
        change(raw)
        (tmp_path / name).write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        for f in (data.load_pest, data.load_forces, data._competitors, data.load_swot):
            f.cache_clear()
        import kamlib.data.background_analysis as module

        monkeypatch.setattr(module, "data_path", lambda n: tmp_path / n if n == name else data_path(n))
    yield write
    for f in (data.load_pest, data.load_forces, data._competitors, data.load_swot):
        f.cache_clear()


def test_a_factor_without_a_source_for_its_tag_is_named(broken):
    broken("background_analysis_pest.yaml", lambda raw: raw[0].update(source=""))
    with pytest.raises(DataError, match="factor 1, key 'source': a \\[U\\] item has no source"):
        data.load_pest()


def test_a_competitor_on_an_unknown_junction_is_named(broken):
    broken("background_analysis_competitors.yaml", lambda raw: raw["competitors"][1]["volumes_t"].update(moon=5))
    with pytest.raises(DataError, match="competitor 2, key 'volumes_t': unknown junction 'moon'"):
        data.load_competitors()


def test_a_force_rated_out_of_range_is_named(broken):
    broken("background_analysis_forces.yaml", lambda raw: raw[3].update(rating=7))
    with pytest.raises(DataError, match="force 4, key 'rating'"):
        data.load_forces()
