"""Valid examples for tests/test_bad_input.py: lubricant industry characteristics (module 05)."""

from functools import cache


@cache
def _case():
    import kamlib

    return kamlib.girth_gear_case()


def _sector():
    import kamlib

    return kamlib.load_sectors()["cement"]


EXAMPLES = {
    "Trait": lambda: {"text": __import__("kamlib").Text("dust", "粉尘"), "tag": "P"},
    "check_traits": lambda: {"traits": ["dust", "open girth gears"]},
    "match_traits": lambda: {"traits": ["dust"], "sector": _sector()},
    "cost_in_use": lambda: {"price": "20 CNY/kg", "consumption": "5.25 t/yr", "fill": "100 kg", "interval": "4000 h"},
    "compare_cost_in_use": lambda: {"current": _case().current, "proposed": _case().proposed},
    "break_even_price": lambda: {"comparison": _case()},
    "payback_months": lambda: {"comparison": _case(), "switching_cost": "15000 CNY"},
    "plot_cost_in_use": lambda: {"comparison": _case()},
    "plot_cost_waterfall": lambda: {"comparison": _case()},
    "render_lubricant_industry": lambda: {"current": {"price": "20 CNY/kg", "consumption": "5.25 t/yr"},
                                          "proposed": {"price": "48 CNY/kg", "consumption": "1.9 t/yr"},
                                          "changeover": {"per_point": "15000 CNY"}, "draw": False},
    "render_lubricant_industry_brainstorm": lambda: {"sector": "cement", "traits": ["dust"], "reveal": True},
}
SKIP = {("render_lubricant_industry", "canvas")}
