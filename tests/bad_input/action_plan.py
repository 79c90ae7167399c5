"""Valid examples for tests/test_bad_input.py: the after-class action plan (module 12)."""

GOAL = {"text": "Li Wei: KA04 share of wallet from 45 % to 50 % by day 90", "owner": "Li Wei",
        "metric": "share_of_wallet_pct", "baseline": 45, "target": 50, "deadline_days": 90}


def _accounts():
    import kamlib

    return kamlib.load_accounts()


def _plan():
    import kamlib

    return kamlib.load_example_plan("en")


EXAMPLES = {
    "Cue": lambda: {"letter": "S", "cue": __import__("kamlib").Text("a", "甲"), "found": True},
    "Goal": lambda: dict(GOAL),
    "ActionPlan": lambda: {"account": _accounts()[3], "goals": _plan().goals},
    "smart_cues": lambda: {"goal": GOAL["text"], "names": ["KA04"], "owners": ["Li Wei"]},
    "missing_letters": lambda: {"cues": __import__("kamlib").smart_cues(GOAL["text"])},
    "goal_problems": lambda: {"goal": _plan().goals[0], "index": 0},
    "plan_problems": lambda: {"account": "KA04", "goals": [GOAL], "accounts": _accounts()},
    "make_plan": lambda: {"account": "KA04", "goals": [GOAL], "accounts": _accounts()},
    "account_links": lambda: {"account": "KA04", "accounts": _accounts()},
    "plan_consistency": lambda: {"plan": _plan()},
    "plan_markdown": lambda: {"plan": _plan(), "language": "en"},
    "plan_html": lambda: {"plan": _plan(), "language": "zh"},
    "export_action_plan": lambda: {"plan": _plan(), "path": __import__("tempfile").mkdtemp() + "/plan.md"},
    "plot_action_plan": lambda: {"plan": _plan()},
    "plot_smart_cues": lambda: {"cues": [__import__("kamlib").smart_cues(GOAL["text"])]},
    "render_action_plan": lambda: {"account": "KA04", "goals": [GOAL], "draw": False},
}
# export_action_plan's path: a drawn text such as "a.md" would write into the working folder;
# its bad paths are tested in tests/data/test_action_plan.py, inside tmp_path.
SKIP = {("render_action_plan", "canvas"), ("export_action_plan", "path")}
