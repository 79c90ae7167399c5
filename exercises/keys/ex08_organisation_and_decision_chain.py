"""Key to exercise 08 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, ids, labels, one_of, parts
from kamlib.models.organisation_and_decision_chain import WORKING, role_holders

#: q1: the role each persona plays in the change.
PERSONAS = {
    "K3T": "initiator", "T1X": "initiator", "W8D": "user", "R3V": "user", "M4C": "influencer", "D6J": "influencer",
    "G8S": "influencer", "H7R": "buyer", "B5N": "decider", "P2F": "approver", "Q9L": "gatekeeper", "N2H": "gatekeeper",
    "C4W": "initiator", "A1Z": "initiator", "F7K": "user", "U2N": "user", "S8A": "influencer", "Y5G": "influencer",
    "Z7E": "influencer", "V6B": "buyer", "J2P": "decider", "L9M": "approver", "E3Q": "gatekeeper", "X4R": "gatekeeper",
}

#: q4: each step's place in its chain.
STAGES = ("raise", "trial", "recommend", "approve", "tender")
STEPS = {
    "S2D": "raise", "S4M": "trial", "S6T": "recommend", "S9B": "approve", "S7K": "tender",
    "T1G": "raise", "T6W": "trial", "T3C": "recommend", "T5R": "approve", "T8N": "tender",
    "K7S": "raise", "K9F": "trial", "K5N": "recommend", "K4B": "approve", "K2W": "tender",
    "H9Q": "raise", "H8P": "trial", "H6C": "recommend", "H1V": "approve", "H3L": "tender",
    "D5H": "raise", "D9M": "trial", "D8T": "recommend", "D3R": "approve", "D2S": "tender",
    "W5B": "raise", "W2C": "trial", "W9S": "recommend", "W4F": "approve", "W7K": "tender",
}


def working(my) -> set:
    """The people we reach with a working relationship who are staying."""
    return {p for p in my.chart if p != my.leaving and my.matrix.best(p) >= WORKING}


def uncovered(my) -> list:
    reached = working(my)
    return [role for role, people in role_holders(my.chart).items() if not set(people) & reached]


def next_contact(my) -> str:
    reached = working(my)
    return next(p for p in my.chain if p not in reached)


def chain_order(my) -> list:
    return sorted((s.id for s in my.steps), key=lambda s: STAGES.index(STEPS[s]))


KEY = Key("ex08_organisation_and_decision_chain", {
    "q1": labels(lambda my: {p.id: PERSONAS[p.id] for p in my.personas}),
    "q2": ids(uncovered),
    "q3": parts({"who": one_of(next_contact), "why": one_of(lambda my: "first_gap")}, weights={"who": 2, "why": 1}),
    "q4": ids(chain_order, ordered=True),
})
