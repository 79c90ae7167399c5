"""Valid examples for tests/test_bad_input.py: case study, a bad example (module 11)."""


def _case():
    import kamlib

    return kamlib.load_turbine_oil_case()


def _bowtie():
    import kamlib

    return kamlib.load_bowtie_case()


EXAMPLES = {
    "CaseStage": lambda: {"id": "fill", "failure": True},
    "CaseControl": lambda: {"id": "test", "stage": "receiving", "catches": True},
    "ControlCatch": lambda: {"stage": "receiving", "control": "incoming_test", "outage": False},
    "first_catch": lambda: {"stages": _case().stages, "controls": list(_case().controls.values()),
                            "in_place": ["incoming_test"]},
    "OutageCost": lambda: {"days": 2.0, "per_day": 300000.0, "flush": 0.0, "lost_production": 600000.0,
                           "total": 600000.0},
    "outage_cost": lambda: {"days": 2, "per_day": 300000, "flush": 40000},
    "contact_shape": lambda: {"links": [("wang", "du")]},
    "links_left": lambda: {"links": [("wang", "du")], "leaving": "du"},
    "plot_control_chain": lambda: {"stages": _case().stages, "controls": list(_case().controls.values()),
                                   "in_place": ["pick_check"]},
    "plot_contacts": lambda: {"seller": _bowtie().seller, "buyer": _bowtie().buyer,
                              "links": _bowtie().links["diamond"], "leaving": "du"},
    "render_bad_example": lambda: {"in_place": ["incoming_test"], "days": 2, "per_day": 300000, "flush": 0,
                                   "draw": False},
}
SKIP = {("render_bad_example", "canvas")}
