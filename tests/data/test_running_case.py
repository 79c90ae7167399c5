"""The running case agrees with itself: the products each sector buys, the scores and the
channel map's volumes all follow from one set of account data."""

from __future__ import annotations

import itertools

import pytest

from kamlib.data.course import load_supplier, product_options
from kamlib.data.key_accounts import load_accounts
from kamlib.data.lubricant_industry import load_sectors

# --- products that define each sector (DOMAIN.md M9) ----------------------------------------------

@pytest.mark.parametrize("sector", sorted({a.sector for a in load_accounts()}))
def test_every_account_buys_what_defines_its_sector(sector):
    accounts = [a for a in load_accounts() if a.sector == sector]
    for entry in load_sectors()[sector].products:
        alternatives = entry.split("|")
        for a in accounts:
            assert set(alternatives) & set(a.products), f"{a.id} ({sector}) buys none of {entry}: {a.products}"
        bought = {p for a in accounts for p in a.products}
        assert set(alternatives) <= bought, f"no {sector} account buys {set(alternatives) - bought}"


def test_sector_defining_products_are_there():
    defining = {s: " ".join(v.products) for s, v in load_sectors().items()}
    assert "rolling" in defining["steel"] and "needle" in defining["textile"]
    assert "turbine" in defining["power"] and "grease:H1" in defining["food"]
    assert {"engine", "to4"} <= set(defining["mining"].split())
    assert "to4|utto" in defining["construction"]


def test_h1_grades_are_food_plants_and_registered_families_only():
    h1 = set(load_supplier()["nsf_h1"])
    for a in load_accounts():
        grades = {p.split(":")[0] for p in a.products if p.endswith(":H1")}
        assert grades <= h1, a.id
        assert bool(grades) == (a.sector == "food"), f"{a.id}: H1 grades are for food and beverage plants"
    assert "grease:H1" in product_options() and "engine:H1" not in product_options()


# --- one source for volumes: the accounts and the channel map agree --------------------------------

def _map():
    from kamlib.data.channel_maps import load_channel_map

    return load_channel_map("running_case")


def _tonnes(accounts, served: str) -> dict[str, float]:
    from kamlib.models.key_accounts import sector_volumes

    return sector_volumes(accounts, served=served)


def disagreements(g, accounts) -> list[str]:
    """Where the map's direct branch and the direct accounts differ (per sector, 0.5 t)."""
    from kamlib.models.channel_maps import edge_volumes

    direct = _tonnes(accounts, "direct")
    on_map = {v: t for (u, v), t in edge_volumes(g).items() if u == "ka_direct"}
    return [f"{sector}: map {on_map.get(sector, 0):,.1f} t, accounts {direct.get(sector, 0):,.1f} t"
            for sector in sorted(set(on_map) | set(direct))
            if abs(on_map.get(sector, 0) - direct.get(sector, 0)) > 0.5]


def test_the_direct_branch_delivers_what_the_direct_accounts_buy_per_sector():
    from kamlib.models.channel_maps import inflows

    g, accounts = _map(), load_accounts()
    assert disagreements(g, accounts) == []
    assert inflows(g)["ka_direct"] == pytest.approx(sum(_tonnes(accounts, "direct").values()), abs=0.5)


def test_either_side_changed_alone_is_caught():
    import dataclasses

    accounts = load_accounts()
    g = _map()
    g.edges["ka_direct", "steel"]["share"] -= 30 / 9000
    g.edges["ka_direct", "mining"]["share"] += 30 / 9000
    assert disagreements(g, accounts) == ["mining: map 1,740.0 t, accounts 1,710.0 t",
                                          "steel: map 3,120.0 t, accounts 3,150.0 t"]
    bigger = [dataclasses.replace(a, volume_t=a.volume_t + 90) if a.id == "KA03" else a for a in accounts]
    assert disagreements(_map(), bigger) == ["steel: map 3,150.0 t, accounts 3,240.0 t"]
    moved = [dataclasses.replace(a, served="distributor") if a.id == "KA19" else a for a in accounts]
    assert disagreements(_map(), moved) == ["rail: map 180.0 t, accounts 0.0 t"]


def test_the_distributor_branches_carry_the_distributor_served_accounts():
    from kamlib.models.channel_maps import edge_volumes, segment_volumes

    g = _map()
    ends = segment_volumes(g)
    assert {a.sector for a in load_accounts()} <= set(ends), "every sector of the portfolio is on the map"
    via_trade: dict[str, float] = {}
    for (u, v), tonnes in edge_volumes(g).items():
        if g.nodes[u]["kind"] in ("distributor", "dealer") and v in ends:
            via_trade[v] = via_trade.get(v, 0.0) + tonnes
    for sector, tonnes in _tonnes(load_accounts(), "distributor").items():
        assert via_trade.get(sector, 0.0) >= tonnes, f"{sector}: distributors carry less than the accounts they serve"


def test_the_map_note_quotes_the_portfolio():
    accounts = load_accounts()
    direct = [a for a in accounts if a.served == "direct"]
    note = " ".join(_map().graph["note"].en.split())
    total = sum(a.volume_t for a in accounts)
    for phrase in (f"{len(accounts)} accounts, {total:,.0f} t/yr", f"{sum(a.volume_t for a in direct):,.0f} t/yr",
                   f"the {len(direct)} accounts", f"{len(accounts) - len(direct)} smaller accounts",
                   f"{total - sum(a.volume_t for a in direct):,.0f} t/yr"):
        assert phrase in note, phrase


# --- scores follow the data: budget, growth and profitability by SCORE_BANDS ------------------------

def test_every_wallet_can_be_worked_out():
    for a in load_accounts():
        assert a.volume_t > 0 and a.share_of_wallet_pct > 0, f"{a.id}: wallet = volume_t / share needs both"


@pytest.mark.parametrize("account", load_accounts(), ids=lambda a: a.id)
def test_budget_growth_and_profitability_scores_follow_the_rule(account):
    from kamlib.models.key_accounts import banded_scores

    rule = banded_scores(account)
    given = {k: account.attractiveness[k] for k in rule}
    assert given == rule, f"{account.name}: scores {given}, the rule gives {rule}"


@pytest.mark.parametrize(
    ("factor", "measure"),
    [("budget", lambda a: a.wallet_t), ("growth", lambda a: a.potential_3y_t / a.volume_t),
     ("profitability", lambda a: a.gross_margin_pct)],
)
def test_a_bigger_measure_never_scores_lower(factor, measure):
    ranked = sorted(load_accounts(), key=measure)
    for lower, higher in itertools.pairwise(ranked):
        assert lower.attractiveness[factor] <= higher.attractiveness[factor], (
            f"{higher.id} ({measure(higher):,.2f}) scores {factor} {higher.attractiveness[factor]} "
            f"< {lower.id} ({measure(lower):,.2f}) at {lower.attractiveness[factor]}"
        )


def test_the_review_examples():
    accounts = {a.id: a for a in load_accounts()}
    fourseasons, redstone = accounts["KA42"], accounts["KA03"]
    assert fourseasons.wallet_t < redstone.wallet_t
    assert fourseasons.attractiveness["budget"] < redstone.attractiveness["budget"]


# --- the lecture says what the data and the models give ---------------------------------------------

def _prose(stem: str) -> str:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "course" / f"{stem}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return " ".join(" ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").split())


def test_lecture_02_quotes_the_rule_and_the_running_case():
    from kamlib.models.key_accounts import SCORE_BANDS, score_accounts, shortlist

    prose = _prose("lec02_key_accounts")
    for factor, thresholds in SCORE_BANDS.items():
        row = " | ".join(f"{t:,g}" for t in thresholds)
        assert f"| {factor}:" in prose and f"from | {row} |" in prose, factor
    accounts = {a.id: a for a in load_accounts()}
    northbridge = accounts["KA01"]
    assert f"buys {northbridge.volume_t:,.0f} t at {northbridge.share_of_wallet_pct:g} %" in prose
    assert f"a wallet of about {northbridge.wallet_t:,.0f} t" in prose
    scores = {s.id: s for s in score_accounts(load_accounts())}
    redstone = scores["KA03"]
    assert f"*{redstone.cell}* (attractiveness {redstone.attractiveness:g}, strength {redstone.strength:g})" in prose
    top = accounts[shortlist(scores.values(), limit=10)[0]]
    assert f"Its top is {top.name.split()[0]}" in prose and f"buying {top.volume_t:g} t/yr" in prose
    assert scores[top.id].cell in prose
