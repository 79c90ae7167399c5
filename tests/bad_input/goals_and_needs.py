"""Valid examples for tests/test_bad_input.py: the goals of key-account management (module 03)."""


def _profiles():
    import kamlib

    return {"Luo Bin": kamlib.needs_profile(kamlib.load_buyer_quotes(), "luo")}


EXAMPLES = {
    "BuyerQuote": lambda: {"id": "q1", "person": "luo", "text": __import__("kamlib").Text("stops cost us", "停机损失"),
                           "category": "volume"},
    "kind_of": lambda: {"category": "security"},
    "needs_profile": lambda: {"quotes": __import__("kamlib").load_buyer_quotes(), "person": "luo"},
    "value_statement": lambda: {"business": "cost", "personal": "security", "needs": ["cost"], "wishes": ["security"]},
    "buyer_needs": lambda: {"person": "luo"},
    "plot_needs_profile": lambda: {"profiles": _profiles(), "highlight": ["cost"]},
    "render_goals_and_needs": lambda: {"person": "luo", "business": "cost", "personal": "security", "draw": False},
}
SKIP = {("render_goals_and_needs", "canvas")}
