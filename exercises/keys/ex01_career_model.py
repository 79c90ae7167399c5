"""Key to exercise 01 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, ids, labels, number, one_of, parts
from kamlib.models.career_model import share_of

#: q1: the position each person works from.
PEOPLE = {
    "K7D": "E", "Q9A": "E", "W3E": "E", "P7F": "E", "L1Y": "E",
    "T3W": "S", "F5M": "S", "H1S": "S", "J4K": "S", "G6T": "S",
    "B8R": "B", "R4J": "B", "M8B": "B", "S9C": "B", "V8Q": "B",
    "N2H": "I", "D6P": "I", "C2N": "I", "A5V": "I", "E3L": "I",
}

#: q2: the income sources that keep coming when the person stops working (the others stop).
CONTINUING_INCOME = ("D2K", "H6B", "J8N", "C5R", "T9H", "B4W")

#: q3: the owner-like habits (the others make the account depend on one person, or wait for orders).
OWNER_HABITS = ("H3A", "H1P", "H9M", "H5R", "H4B", "H6Q")
#: q3: why a KAM needs them.
REASON = "system"

#: q4: the order routes that keep coming while the KAM is away (a contract, a system, a trained team).
CONTINUING_ROUTES = ("R2C", "R5D", "R9T", "R6Q", "R7N")


def continuing(streams, keep) -> list:
    return [s.id for s in streams if s.id in keep]


KEY = Key("ex01_career_model", {
    "q1": labels(lambda my: {p.id: PEOPLE[p.id] for p in my.people}),
    "q2": parts({"keeps_coming": ids(lambda my: continuing(my.income, CONTINUING_INCOME)),
                 "share_pct": number(lambda my: share_of(my.income, continuing(my.income, CONTINUING_INCOME)),
                                     rel_tol=0.01, abs_tol=0.5, partial_tol=0.05)},
                weights={"keeps_coming": 1, "share_pct": 2}),
    "q3": parts({"habits": ids(lambda my: [h.id for h in my.habits if h.id in OWNER_HABITS]),
                 "reason": one_of(lambda my: REASON)},
                weights={"habits": 2, "reason": 1}),
    "q4": parts({"keeps_coming": ids(lambda my: continuing(my.routes, CONTINUING_ROUTES)),
                 "share_pct": number(lambda my: share_of(my.routes, continuing(my.routes, CONTINUING_ROUTES)),
                                     rel_tol=0.01, abs_tol=0.5, partial_tol=0.05)},
                weights={"keeps_coming": 1, "share_pct": 2}),
})
