"""Valid examples for tests/test_bad_input.py: organisation and the decision chain (module 08)."""


def _case():
    import kamlib

    return kamlib.load_organisation()


EXAMPLES = {
    "Person": lambda: {"id": "pm", "name": __import__("kamlib").Text("Dong Wei", "董伟"), "level": "director",
                       "function": "production", "roles": ("decider",)},
    "org_chart": lambda: {"people": [_case().person(p) for p in ("gm", "pm")], "influences": [("pm", "gm")]},
    "decision_chain": lambda: {"chart": _case().chart, "steps": ["re", "pm"]},
    "role_holders": lambda: {"chart": _case().chart},
    "contact_matrix": lambda: {"strengths": {"kam": {"pm": 2}}, "chart": _case().chart},
    "role_coverage": lambda: {"chart": _case().chart, "matrix": _case().matrix},
    "coverage_share": lambda: {"chart": _case().chart, "matrix": _case().matrix, "threshold": 2},
    "uncovered_roles": lambda: {"chart": _case().chart, "matrix": _case().matrix, "threshold": 2},
    "route_to": lambda: {"chart": _case().chart, "matrix": _case().matrix, "start": "kam", "target": "pm"},
    "single_points_of_failure": lambda: {"chart": _case().chart, "matrix": _case().matrix},
    "ContactMatrix": lambda: {"ours": ("kam",), "theirs": ("pm",), "strengths": ((2,),)},
    "load_organisation": lambda: {"customer": "northbridge"},
    "TeamMember": lambda: {"id": "kam", "name": __import__("kamlib").Text("Li Na", "李娜"),
                           "title": __import__("kamlib").Text("KAM", "大客户经理")},
    "Organisation": lambda: {k: getattr(_case(), k) for k in ("id", "account", "name", "chart", "titles", "chain",
                                                               "steps", "matrix")},
    "plot_org_chart": lambda: {"chart": _case().chart, "chain": _case().chain, "matrix": _case().matrix,
                               "titles": _case().titles},
    "plot_contact_matrix": lambda: {"matrix": _case().matrix, "chart": _case().chart, "names": None},
    "render_organisation_and_decision_chain": lambda: {"strengths": {"kam": {"pm": 2}}, "threshold": 2,
                                                       "draw": False},
}
