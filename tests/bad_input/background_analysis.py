"""Valid examples for tests/test_bad_input.py: background and competition analysis (module 07)."""


def _map():
    import kamlib

    return kamlib.load_market_map()


def _ratings():
    return {"rivalry": 4, "new_entrants": 2, "substitutes": 2, "buyer_power": 4, "supplier_power": 3}


def _text():
    return __import__("kamlib").Text("IMO 2020", "IMO 2020")


EXAMPLES = {
    "Factor": lambda: {"id": "imo_2020", "category": "political", "text": _text(), "tag": "E", "source": "R29"},
    "SwotItem": lambda: {"id": "field_engineers", "quadrant": "strength", "text": _text()},
    "pest_table": lambda: {"factors": list(__import__("kamlib").load_pest())},
    "five_forces_pressure": lambda: {"ratings": _ratings(), "evidence": {"rivalry": "three majors"}},
    "swot_quadrant": lambda: {"internal": True, "helpful": False},
    "swot_grid": lambda: {"items": list(__import__("kamlib").load_swot().items)},
    "junction_volumes": lambda: {"g": _map(), "competitors": {"rival": {"steel": 100}}},
    "junction_shares": lambda: {"g": _map(), "competitors": {"rival": {"steel": 100}}},
    "route_shares": lambda: {"g": _map(), "competitors": {"rival": {"steel": 100}}},
    "strongest_junctions": lambda: {"g": _map(), "competitors": {"rival": {"steel": 100}}},
    "plot_five_forces": lambda: {"pressure": __import__("kamlib").five_forces_pressure(_ratings())},
    "plot_competitor_shares": lambda: {"shares": {"steel": {"us": 0.4, "rival": 0.6}}, "names": {"steel": "Steel"}},
    "render_background_analysis": lambda: {"ratings": _ratings(), "evidence": {"rivalry": "x"}, "draw": False},
}
SKIP = {("render_background_analysis", "canvas")}
