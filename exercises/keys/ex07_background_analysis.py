"""Key to exercise 07 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's market file, with kamlib as the
calculator, exactly as the worked solution does it.
"""

from kamgrade.marking import Key, labels, number, one_of, parts

#: q1: each fact's PEST category.
FACTS = {
    "C1V": "economic", "E5P": "economic", "H1T": "economic", "P1U": "economic",
    "G8X": "political", "P7C": "political", "U4M": "political", "X3D": "political",
    "D4W": "social", "T7L": "social", "U5T": "social", "U7B": "social",
    "D9Y": "technological", "E9D": "technological", "H2T": "technological", "W1U": "technological",
}

#: q2: the force each fact bears on, for a seller of industrial gear oil.
FORCE_FACTS = {
    "L6Y": "buyer_power", "M1Q": "buyer_power", "S7F": "buyer_power",
    "U8K": "new_entrants", "X2B": "new_entrants", "Z5W": "new_entrants",
    "J8Y": "rivalry", "L3R": "rivalry", "M8U": "rivalry",
    "C9U": "substitutes", "K2D": "substitutes", "M3V": "substitutes",
    "P1X": "supplier_power", "Q2C": "supplier_power", "Y7X": "supplier_power",
}

#: q3: whether a note says the competitor's volume is locked for next year (True) or open (False).
LOCKED = {
    "F2L": False, "N7N": False, "V1D": False,
    "C4Q": True, "D8W": True, "N1G": True,
}

#: q4: the quadrant each SWOT item really belongs in (from Harbourlight's side).
SWOT_ITEMS = {
    "J7M": "opportunity", "P9M": "opportunity", "X7H": "opportunity",
    "K1E": "strength", "N9J": "strength", "V6E": "strength",
    "C3Q": "threat", "E4X": "threat", "E7T": "threat",
    "E2F": "weakness", "H1R": "weakness", "U3J": "weakness",
}


def open_tonnes(my) -> dict:
    """{segment: the competitors' t/yr that can be won next year}."""
    found = {s: 0.0 for s in my.segments}
    for note in my.notes:
        if not LOCKED[note.id]:
            found[note.segment] += note.tonnes
    return found


def best_segment(my) -> str:
    winnable = open_tonnes(my)
    return min(winnable, key=lambda s: (-winnable[s], s))


KEY = Key("ex07_background_analysis", {
    "q1": labels(lambda my: {f.id: FACTS[f.id] for f in my.facts}),
    "q2": labels(lambda my: {f.id: FORCE_FACTS[f.id] for f in my.force_facts}),
    "q3": parts({"segment": one_of(best_segment),
                 "t_yr": number(lambda my: open_tonnes(my)[best_segment(my)], rel_tol=0.01, abs_tol=1)},
                weights={"segment": 1, "t_yr": 2}),
    "q4": labels(lambda my: {i.id: SWOT_ITEMS[i.id] for i in my.swot}),
})
