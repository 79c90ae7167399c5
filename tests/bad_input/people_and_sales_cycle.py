"""Valid examples for tests/test_bad_input.py: people and the sales cycle (module 06)."""


def _behaviours():
    import kamlib

    return kamlib.load_behaviours()


EXAMPLES = {
    "Behaviour": lambda: {"id": "asks", "axis": "assertiveness", "sign": -1,
                          "text": __import__("kamlib").Text("asks questions", "提问")},
    "social_style": lambda: {"assertiveness": 0.5, "responsiveness": -0.5},
    "place_person": lambda: {"observed": ["asks_questions", "sticks_to_facts"], "behaviours": _behaviours()},
    "plot_social_styles": lambda: {"placements": {"Mr Yang": __import__("kamlib").place_person(
        ["asks_questions", "sticks_to_facts"], _behaviours())}},
    "render_people_and_sales_cycle": lambda: {"observed": ["decides_fast", "reserved"], "draw": False},
}
SKIP = {("render_people_and_sales_cycle", "canvas")}
