"""Sector records, the brainstorm's matching and the cost-in-use arithmetic."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.models.lubricant_industry import (
    GIRTH_GEAR_CASE,
    Sector,
    Trait,
    break_even_price,
    changeover_cost,
    check_traits,
    compare_cost_in_use,
    cost_in_use,
    girth_gear_case,
    match_traits,
    payback_months,
)
from kamlib.text import Text


def test_sector_is_a_frozen_record_with_a_bilingual_name():
    sector = Sector("wind", Text("Wind power", "风电"), (Trait(Text("micropitting", "微点蚀"), "P"),),
                    (Trait(Text("OEM approvals", "主机厂认证"), "P"),), ("R28",))
    assert str(sector.name) == "Wind power" and sector.name.zh == "风电"
    with pytest.raises(dataclasses.FrozenInstanceError):
        sector.id = "solar"
    with pytest.raises(ValueError, match="tag must be one of 'E', 'P', 'U'"):
        Trait(Text("dust", "粉尘"), "maybe")


def test_the_brainstorm_keeps_no_more_than_three_traits_and_matches_words_in_either_language():
    sector = Sector("cement", Text("Cement", "水泥"),
                    (Trait(Text("dust", "粉尘"), "P", match=("dust", "粉尘")),
                     Trait(Text("heat", "高温"), "P", match=("heat", "高温"))), (), ("R27",))
    assert check_traits(["  ", "dust"]) == ["dust"]
    with pytest.raises(ValueError, match="no more than 3"):
        check_traits(["a", "b", "c", "d"])
    assert match_traits(["窑头粉尘大", "Heat near the kiln"], sector) == {"needs": [[0], [1]], "specs": [], "buying": []}


# --- cost-in-use -----------------------------------------------------------------------------------

def test_a_total_loss_point_by_hand():
    """Graphite grease on one girth-gear drive: 5.25 t/yr at 20 CNY/kg, 80 h/yr at 80 CNY/h,
    3 CNY/kg disposal: 105,000 + 6,400 + 15,750 = 127,150 CNY/yr."""
    cost = cost_in_use(**GIRTH_GEAR_CASE["current"])
    assert cost.components() == {"lubricant": 105000.0, "labour": 6400.0, "disposal": 15750.0, "downtime": 0.0}
    assert cost.total == 127150.0 and cost.t_per_year == 5.25 and cost.name == "graphite grease"


def test_an_oil_change_point_by_hand():
    """A 200 kg gearbox changed every 4,000 h, running 6,000 h a year: 1.5 changes, 300 kg +
    20 kg/yr top-up = 320 kg/yr; 4 h labour and 8 h stop per change."""
    cost = cost_in_use("32 CNY/kg", "20 kg/yr", fill="200 kg", interval="4000 h", operating="6000 h/yr",
                       labour_per_change="4 h", labour_rate="100 CNY/h", downtime_per_change="8 h",
                       downtime_rate="1000 CNY/h", disposal="2 CNY/kg")
    assert cost.changes_per_year == 1.5 and cost.kg_per_point == 320
    assert cost.components() == {"lubricant": 10240.0, "labour": 600.0, "disposal": 640.0, "downtime": 12000.0}


def test_a_fleet_on_a_km_basis():
    trucks = cost_in_use("25 CNY/kg", fill="36 kg", interval="60000 km", operating="180000 km/yr", points=40)
    assert trucks.changes_per_year == 3 and trucks.kg_per_year == 40 * 108 and trucks.total == 25 * 40 * 108


@pytest.mark.parametrize(("price", "consumption"), [
    ("20000 CNY/t", "5250 kg/yr"), ((20, "元/公斤"), "5.25 吨/年"), ("20,000 元/吨", (437.5, "kg/month")),
    ("20 cny/KG", "5.25 T/YR"),
])
def test_units_convert(price, consumption):
    assert cost_in_use(price, consumption).lubricant == 105000.0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"price": "-20 CNY/kg"}, "price must be 0 or more CNY/kg, got '-20 CNY/kg'"),
    ({"price": 20}, "price needs a unit: write it as '20 CNY/kg' or (20, 'CNY/kg')"),
    ({"price": "20"}, "price needs a unit"),
    ({"price": "20 CNY/L"}, "price must be in CNY/kg, CNY/t; got the unit 'CNY/L'"),
    ({"consumption": "5 CNY/kg"}, "consumption must be in kg/yr, t/yr"),
    ({"fill": "100 kg", "interval": "0 h"}, "interval must be more than 0 h, got '0 h'"),
    ({"fill": "100 kg"}, "interval is needed when fill is given"),
    ({"fill": "100 kg", "interval": "4000 h", "operating": "100000 km/yr"}, "interval must be in km"),
    ({"operating": "9000 h/yr"}, "operating must be at most 8760 h/yr"),
    ({"labour_rate": "80"}, "labour_rate needs a unit"),
    ({"points": 0}, "points must be a whole number >= 1"),
])
def test_bad_input_names_the_argument(kwargs, message):
    arguments = {"price": "20 CNY/kg", "consumption": "5 t/yr", **kwargs}
    with pytest.raises((ValueError, TypeError), match=message.replace("(", r"\(").replace(")", r"\)")):
        cost_in_use(**arguments)


def test_the_worked_case_its_break_even_price_and_payback():
    case = girth_gear_case()
    assert (case.current.total, case.proposed.total, case.saving) == (127150.0, 100100.0, 27050.0)
    assert round(case.price_ratio, 2) == 2.4 and case.differences()["lubricant"] == -13800.0
    assert round(break_even_price(case), 2) == 62.24  # (127,150 - 3,200 - 5,700) / 1,900
    assert changeover_cost(**GIRTH_GEAR_CASE["changeover"]) == 15000.0  # the stop is in the planned shutdown
    assert round(payback_months(case, "15000 CNY"), 2) == 6.65
    assert girth_gear_case(points=4).saving == 4 * 27050.0


def test_no_saving_never_pays_back_and_points_must_match():
    dear = compare_cost_in_use(cost_in_use("20 CNY/kg", "2 t/yr"), cost_in_use("60 CNY/kg", "2 t/yr"))
    assert dear.saving < 0 and math.isinf(payback_months(dear, "1000 CNY"))
    with pytest.raises(ValueError, match="proposed must cover the same points as current"):
        compare_cost_in_use(cost_in_use("20 CNY/kg", points=2), cost_in_use("20 CNY/kg"))
    with pytest.raises(TypeError, match="comparison must be a CostComparison"):
        payback_months("case", "1000 CNY")


_money = st.floats(0, 500, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=60, deadline=None)
@given(price=_money, tonnes=st.floats(0, 20).map(lambda v: round(v, 3)), hours=st.integers(0, 500),
       rate=_money, points=st.integers(1, 30))
def test_costs_add_up_and_scale_with_the_points(price, tonnes, hours, rate, points):
    args = {"price": (price, "CNY/kg"), "consumption": (tonnes, "t/yr"), "labour": (hours, "h/yr"),
            "labour_rate": (rate, "CNY/h"), "disposal": "3 CNY/kg", "downtime": "2 h/yr", "downtime_rate": (rate, "CNY/h")}
    one, many = cost_in_use(**args), cost_in_use(**args, points=points)
    assert math.isclose(many.total, points * one.total, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(many.total, sum(many.components().values()), rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=60, deadline=None)
@given(current=st.floats(1, 100), proposed=st.floats(1, 200), c_t=st.floats(0.1, 10), p_t=st.floats(0.1, 10))
def test_at_the_break_even_price_the_costs_are_equal(current, proposed, c_t, p_t):
    now = cost_in_use((current, "CNY/kg"), (c_t, "t/yr"), labour="50 h/yr", labour_rate="80 CNY/h")
    case = compare_cost_in_use(now, cost_in_use((proposed, "CNY/kg"), (p_t, "t/yr"), labour="20 h/yr",
                                                labour_rate="80 CNY/h"))
    price = break_even_price(case)
    if price >= 0:
        even = cost_in_use((price, "CNY/kg"), (p_t, "t/yr"), labour="20 h/yr", labour_rate="80 CNY/h")
        assert math.isclose(even.total, now.total, rel_tol=1e-6)
