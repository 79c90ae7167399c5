"""Key to exercise 02 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's variant, with kamlib as
the calculator, exactly as the worked solution does it.
"""

from kamgrade.marking import Key, assignment, ids, labels, number, parts
from kamlib.models.key_accounts import abc_classes, score_accounts

#: q1: which of the lecture's four questions each situation answers.
SITUATIONS = {
    "S4Q": "large", "K7M": "large", "B2T": "large", "P9D": "large",
    "W3F": "future_profit", "H6R": "future_profit", "L5N": "future_profit", "T8J": "future_profit",
    "E1X": "direction", "R4C": "direction", "D7S": "direction", "G2V": "direction",
    "Y5K": "must_not_lose", "C8G": "must_not_lose", "N3P": "must_not_lose", "A6B": "must_not_lose",
}


def definitions(my):
    return {s.id: SITUATIONS[s.id] for s in my.situations}


def open_volume(account) -> float:
    """Wallet (our volume / our share) minus what we sell there, t/yr."""
    return account.volume_t * 100 / account.share_of_wallet_pct - account.volume_t


def most_open(my) -> list:
    return sorted(my.accounts, key=lambda a: (-open_volume(a), a.id))[:2]


def a_list(volumes) -> set:
    return {k for k, c in abc_classes(volumes).items() if c == "A"}


def cell_changes(my) -> dict:
    """{id: cell under the manager's weights} for the accounts whose cell changes."""
    team = {s.id: s.cell for s in score_accounts(my.accounts)}
    manager = {s.id: s.cell for s in score_accounts(my.accounts, attractiveness_weights=my.manager_weights)}
    return {k: manager[k] for k in team if team[k] != manager[k]}


KEY = Key("ex02_key_accounts", {
    "q1": labels(definitions),
    "q2": parts({"accounts": ids(lambda my: [a.id for a in most_open(my)]),
                 "open_t": number(lambda my: sum(open_volume(a) for a in most_open(my)), rel_tol=0.01)},
                weights={"accounts": 1, "open_t": 2}),
    "q3": parts({"join": ids(lambda my: sorted(a_list(my.potentials()) - a_list(my.volumes()))),
                 "drop": ids(lambda my: sorted(a_list(my.volumes()) - a_list(my.potentials())))}),
    "q4": assignment(cell_changes),
})
