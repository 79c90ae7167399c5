"""Key to exercise 12 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, ids, labels, number
from kamlib.checks.ex12_action_plan import TEAM

#: q1: the SMART letter each first-draft goal misses.
MISSING = {
    # S: names a product, never the account
    "G7K": "S", "G2P": "S", "G9D": "S", "G4W": "S",
    # M: numbers of people or weeks, no measure of the result
    "G5M": "M", "G8R": "M", "G1T": "M", "G6C": "M",
    # A: a team, a department, "someone"
    "G3H": "A", "G7V": "A", "G2B": "A", "G4N": "A",
    # R: beyond what the account's data allows in 90 days
    "G9S": "R", "G5F": "R", "G1L": "R", "G8Q": "R",
    # T: a frequency, "as soon as", "starting next year": no end date
    "G3Z": "T", "G6J": "T", "G2X": "T", "G7E": "T",
}

#: q4: the selection-matrix cell each candidate goal is written for.
SERVES = {
    "S4K": "Invest for growth", "S8D": "Invest for growth", "S5Q": "Invest for growth",
    "S6P": "Invest selectively", "S3M": "Invest selectively", "S1W": "Invest selectively",
    "S2C": "Maintain", "S8B": "Maintain", "S2Y": "Maintain",
    "S9T": "Manage for cash", "S5H": "Manage for cash", "S7G": "Manage for cash",
    "S3R": "Withdraw", "S6V": "Withdraw", "S1N": "Withdraw",
}

PHRASES = {"share of wallet": "share_of_wallet_pct", "volume": "volume_t", "gross margin": "gross_margin_pct",
           "product families supplied": "product_families"}
OWNERS = {en for en, _ in TEAM}


def figure(account, metric: str) -> float:
    return float(len(account.products)) if metric == "product_families" else float(getattr(account, metric))


def fault(row, my) -> str:
    """The field of ``row`` to repair: at most one per row."""
    written = next(m for phrase, m in PHRASES.items() if f" {phrase} from " in row.text)
    if written != row.metric:
        return "metric"
    if row.owner not in OWNERS:
        return "owner"
    if abs(row.baseline - figure(my.account, row.metric)) > 1e-9:
        return "baseline"
    if row.target <= row.baseline:
        return "target"
    return "none"


def day_90_volume(my) -> float:
    """The course's rule of thumb: the gap to the 3-year potential closes evenly over 36 months."""
    a = my.account
    return a.volume_t + (a.potential_3y_t - a.volume_t) * 3 / 36


def fitting(my) -> list:
    from kamlib.data.key_accounts import load_accounts
    from kamlib.models.action_plan import account_links

    cell = account_links(my.account.id, load_accounts())["cell"]
    return [c.id for c in my.candidates if SERVES[c.id] == cell]


KEY = Key("ex12_action_plan", {
    "q1": labels(lambda my: {g.id: MISSING[g.id] for g in my.goals}),
    "q2": labels(lambda my: {r.id: fault(r, my) for r in my.table}),
    "q3": number(day_90_volume, rel_tol=0.01, abs_tol=0.5),
    "q4": ids(fitting),
})
