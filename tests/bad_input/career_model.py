"""Valid examples for tests/test_bad_input.py: the personal career model (module 01)."""


def _text():
    import kamlib

    return kamlib.Text("visit", "拜访")


def _week():
    import kamlib

    return kamlib.load_week()


EXAMPLES = {
    "Stream": lambda: {"id": "rent", "text": _text(), "per_year": 60_000, "unit": "CNY/yr"},
    "Activity": lambda: {"id": "visit", "text": _text(), "hours": 6},
    "share_of": lambda: {"streams": [__import__("kamlib").Stream("rent", _text(), 60_000)], "ids": ["rent"]},
    "week_profile": lambda: {"activities": _week().activities, "sorting": dict(_week().sorting)},
    "plot_career_week": lambda: {"profile": None, "ax": None},
    "render_career_model": lambda: {"sorting": dict(_week().sorting), "hours": {"admin": 3}, "draw": False},
    "career_model_explorer": lambda: {"start": "lecture"},
}
SKIP = {("render_career_model", "canvas")}
