"""PEST, five forces, SWOT and the competitor-extended market map: the models."""

from __future__ import annotations

import pytest

from kamlib.models.background_analysis import (
    FORCES,
    PEST,
    Factor,
    SwotItem,
    five_forces_pressure,
    junction_shares,
    junction_volumes,
    pest_table,
    route_shares,
    strongest_junctions,
    swot_grid,
    swot_quadrant,
)
from kamlib.models.channel_maps import build_channel_map
from kamlib.text import Text


@pytest.fixture
def g():
    return build_channel_map([("Us", "Dist", 0.6), ("Us", "Steel", 0.4), ("Dist", "Steel", 0.5),
                              ("Dist", "Mine", 0.5)], source_volumes=1000)


def test_shares_add_up_to_one_and_put_us_first(g):
    shares = junction_shares(g, {"A": {"Steel": 700, "Mine": 100}, "B": {"Mine": 200}})
    assert list(shares["Steel"]) == ["Us", "A", "B"]
    for row in shares.values():
        assert sum(row.values()) == pytest.approx(1, abs=1e-5)
    assert junction_volumes(g, {"A": {"Steel": 700}})["Steel"]["Us"] == pytest.approx(700)  # 400 + 300
    assert shares["Steel"]["Us"] == pytest.approx(0.5)


def test_route_shares_split_a_junction_by_route(g):
    shares = route_shares(g, {"A": {"Steel": 700}})
    assert shares[("Us", "Steel")] == pytest.approx(400 / 1400, abs=1e-6)
    assert shares[("Us", "Dist", "Steel")] == pytest.approx(300 / 1400, abs=1e-6)
    assert not any(route[-1] == "Mine" for route in shares)  # no competitor named: market unknown


def test_strongest_is_by_share_not_by_tonnes(g):
    assert strongest_junctions(g, {"A": {"Steel": 900, "Mine": 600}}) == {"A": "Mine"}
    assert strongest_junctions(g, {"A": {"Steel": 0}}) == {}


@pytest.mark.parametrize(("competitors", "message"), [
    ({"A": {"Nowhere": 5}}, "competitors\\['A'\\] names junction 'Nowhere'"),
    ({"A": {"Steel": -1}}, "competitors\\['A'\\]\\['Steel'\\] must be a number >= 0"),
    ({"Us": {"Steel": 5}}, "competitors names 'Us', a supplier"),
    ({"A": {"Us": 5}}, "a supplier: competitor volume goes on a junction"),
])
def test_bad_competitor_volumes_are_named(g, competitors, message):
    with pytest.raises(ValueError, match=message):
        junction_shares(g, competitors)


def test_pressure_levels_drivers_and_unsupported():
    low = five_forces_pressure(dict.fromkeys(FORCES, 2))
    assert (low.overall, low.level, low.drivers) == (2.0, "low", ())
    high = five_forces_pressure(dict.fromkeys(FORCES, 4) | {"substitutes": 5}, {"substitutes": "sealed bearings"})
    assert high.level == "high" and high.drivers[0] == "substitutes"
    assert high.unsupported == ("rivalry", "new_entrants", "buyer_power", "supplier_power")
    blank = five_forces_pressure(dict.fromkeys(FORCES, 4), {f: ["  "] for f in FORCES})
    assert blank.unsupported == FORCES  # a blank line is no evidence


@pytest.mark.parametrize(("ratings", "message"), [
    (dict.fromkeys(FORCES, 3) | {"rivalry": 6}, "ratings\\['rivalry'\\] must be a whole number from 1"),
    (dict.fromkeys(FORCES, 3) | {"buyer_power": 2.5}, "ratings\\['buyer_power'\\]"),
    (dict.fromkeys(FORCES, 3) | {"politics": 3}, "ratings has unknown force 'politics'"),
])
def test_bad_ratings_name_the_force(ratings, message):
    with pytest.raises(ValueError, match=message):
        five_forces_pressure(ratings)


def test_bad_evidence_names_the_force():
    with pytest.raises(ValueError, match="evidence has unknown force 'price'"):
        five_forces_pressure(dict.fromkeys(FORCES, 3), {"price": "x"})
    with pytest.raises(TypeError, match="evidence\\['rivalry'\\] must hold texts"):
        five_forces_pressure(dict.fromkeys(FORCES, 3), {"rivalry": [3]})


def test_swot_quadrants_and_grid():
    assert [swot_quadrant(True, False), swot_quadrant(False, False)] == ["weakness", "threat"]
    grid = swot_grid([SwotItem("a", "opportunity", Text("x", "甲"))])
    assert list(grid) == ["strength", "weakness", "opportunity", "threat"] and len(grid["opportunity"]) == 1
    with pytest.raises(ValueError, match="quadrant must be one of"):
        SwotItem("a", "chance", Text("x", "甲"))


def test_pest_table_and_bad_factors():
    f = Factor("ev", "technological", Text("EVs", "电动车"), "U")
    assert list(pest_table([f])) == list(PEST)
    with pytest.raises(ValueError, match="category must be one of"):
        Factor("ev", "legal", Text("EVs", "电动车"), "U")
    with pytest.raises(ValueError, match="'ev' is listed twice"):
        pest_table([f, f])
