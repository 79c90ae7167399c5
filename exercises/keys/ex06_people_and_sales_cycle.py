"""Key to exercise 06 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, ids, labels, one_of, parts
from kamlib.checks.ex06_people_and_sales_cycle import MAX_ACCOUNTS

#: q1: each person's social style.
PEOPLE = {
    "P4R": "driver", "B9F": "driver", "R1K": "driver", "F6P": "driver", "Y7D": "driver", "Z6R": "driver",
    "K8M": "expressive", "L3Q": "expressive", "M4E": "expressive", "V9B": "expressive", "E1W": "expressive",
    "A2X": "expressive",
    "T2H": "amiable", "D7N": "amiable", "C8S": "amiable", "N5T": "amiable", "G8J": "amiable", "S5M": "amiable",
    "W6C": "analytical", "J5V": "analytical", "H2Z": "analytical", "Q3G": "analytical", "U4L": "analytical",
    "O9H": "analytical",
}

#: q2: each moment's place in the sales cycle; selling is demonstrating capability, then obtaining commitment.
STAGES = ("trust", "needs", "demonstrate", "commit", "satisfy")
MOMENTS = {
    "M4B": "trust", "M9T": "needs", "M1S": "demonstrate", "M7K": "commit", "M2C": "satisfy",
    "F8W": "trust", "F1R": "needs", "F3D": "demonstrate", "F6G": "commit", "F5N": "satisfy",
    "B2H": "trust", "B7S": "needs", "B9C": "demonstrate", "B6T": "commit", "B4M": "satisfy",
    "W3N": "trust", "W8B": "needs", "W6D": "demonstrate", "W5R": "commit", "W1F": "satisfy",
    "P4G": "trust", "P1T": "needs", "P7C": "demonstrate", "P2W": "commit", "P9M": "satisfy",
    "G1W": "trust", "G5B": "needs", "G6T": "demonstrate", "G3M": "commit", "G8R": "satisfy",
}

#: q3: the style each opening is written for ("none": a feature pitch that fits no one).
OPENINGS = {
    "O3F": "analytical", "O8K": "driver", "O1M": "none", "O6T": "expressive", "O4B": "amiable",
    "O7W": "expressive", "O2D": "amiable", "O9S": "none", "O5H": "analytical", "O2R": "driver",
    "O6N": "amiable", "O1P": "driver", "O8G": "none", "O4C": "expressive", "O7L": "analytical",
}


def cycle_order(my) -> list:
    return sorted((m.id for m in my.moments), key=lambda m: STAGES.index(MOMENTS[m]))


def opening_for(my, which: int) -> str:
    style = my.contacts[which].style
    return next(o.id for o in my.openings if OPENINGS[o.id] == style)


def staffing(candidate, my) -> str:
    """'fits', or the branch's rule the candidate breaks (each breaks at most one)."""
    if my.sector not in candidate.sectors:
        return "industry"
    if candidate.region != my.region:
        return "region"
    if my.culture not in candidate.cultures:
        return "culture"
    if candidate.accounts >= MAX_ACCOUNTS:
        return "capacity"
    return "fits"


KEY = Key("ex06_people_and_sales_cycle", {
    "q1": labels(lambda my: {p.id: PEOPLE[p.id] for p in my.people}),
    "q2": ids(cycle_order, ordered=True),
    "q3": parts({"first": one_of(lambda my: opening_for(my, 0)), "second": one_of(lambda my: opening_for(my, 1))}),
    "q4": labels(lambda my: {c.id: staffing(c, my) for c in my.candidates}),
})
