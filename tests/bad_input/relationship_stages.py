"""Valid examples for tests/test_bad_input.py: relationship stages, bow-tie and diamond (module 04)."""


def _network():
    import kamlib

    return kamlib.load_contact_network("KA01")


def _contacts():
    import kamlib

    return list(kamlib.load_network_case("KA05").contacts)


EXAMPLES = {
    "Contact": lambda: {"id": "kam", "side": "seller", "level": "manager",
                        "role": __import__("kamlib").Text("KA manager", "大客户经理")},
    "Stage": lambda: {"id": "mid", "name": __import__("kamlib").Text("Mid-KAM", "中期"),
                      "summary": __import__("kamlib").Text("trust grows", "信任加深"),
                      "contacts": __import__("kamlib").Text("many", "多")},
    "check_stage": lambda: {"stage": "mid"},
    "describe_stage": lambda: {"stage": "early"},
    "contact_network": lambda: {"contacts": _contacts(), "links": [("s_kam", "b_buy")]},
    "add_links": lambda: {"g": _network(), "links": [("s_tech", "b_rel")]},
    "remove_contact": lambda: {"g": _network(), "contact": "s_kam"},
    "exposure": lambda: {"g": _network()},
    "contact_positions": lambda: {"g": _network()},
    "load_network_case": lambda: {"account": "KA05"},
    "load_contact_network": lambda: {"account": "KA10"},
    "plot_contact_network": lambda: {"g": _network(), "left": ["s_kam"]},
    "plot_stages": lambda: {"counts": {"early": 2}},
    "render_relationship_stages": lambda: {"account": "KA05", "draw": False},
}
SKIP = {("render_relationship_stages", "canvas")}
