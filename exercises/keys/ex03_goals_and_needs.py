"""Key to exercise 03 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, Mark, labels, one_of, parts
from kamlib.models.goals_and_needs import NEED_CATEGORIES, kind_of

#: q1: the need or wish each quote shows.
QUOTES = {
    "K7P": "volume", "N1S": "volume",
    "B5N": "cost", "C7R": "cost",
    "D9X": "profit", "F8D": "profit",
    "T8F": "safety", "Q6H": "safety",
    "G2L": "image", "L9B": "image",
    "R2W": "achievement", "J3K": "achievement",
    "W6A": "status", "Y2G": "status",
    "M3J": "friendship", "X4M": "friendship",
    "H4C": "security", "E5T": "security",
    "P5V": "survival", "V3Q": "survival",
}

#: q2: the source behind each claim card (``unverified``: none found for the claim as stated).
CLAIMS = {
    "A6T": "webster_wind", "H3R": "webster_wind",
    "N8E": "miller_heiman", "C2M": "miller_heiman",
    "W9D": "zaltman", "R5J": "zaltman",
    "T4K": "ceb_google", "K1W": "ceb_google",
    "M7A": "unverified", "D6P": "unverified", "P2F": "unverified",
}

#: q3: per case, the business need and the personal wish the person showed (the notes rule out
#: the role's usual suspect: price for Gao Lan, cost for Ma Rui and Qian Hui, uptime for Hu Jun,
#: image for Xie Ning, cost per tonne for Yuan Tao).
CASES = {
    "G5W": ("image", "status"),
    "M2R": ("volume", "security"),
    "Q8H": ("safety", "status"),
    "H6J": ("cost", "achievement"),
    "X3N": ("profit", "survival"),
    "Y4D": ("image", "friendship"),
}

#: q4: what each draft value statement serves of its person's need and wish.
STATEMENTS = {
    "S7K": "neither", "S2D": "both", "S9P": "personal_only", "S4M": "business_only",
    "T3B": "business_only", "T8N": "neither", "T1W": "personal_only", "T6G": "both",
    "U5C": "business_only", "U2J": "neither", "U9A": "both", "U7F": "personal_only",
    "V4E": "neither", "V8L": "personal_only", "V1S": "business_only", "V6R": "both",
    "W2P": "neither", "W7C": "business_only", "W5H": "personal_only", "W9K": "both",
    "Z8F": "neither", "Z3T": "personal_only", "Z6B": "business_only", "Z1M": "both",
}


def quote_labels(my) -> dict:
    return {q.id: QUOTES[q.id] for q in my.quotes}


def mark_quotes(answer, my, secret=b"") -> Mark:
    """Per quote: the right category earns it all; the right list (business or personal) with the
    wrong category, half."""
    key = quote_labels(my)
    answer = answer if isinstance(answer, dict) else {}
    credit = 0.0
    for item, category in key.items():
        given = answer.get(item)
        if given == category:
            credit += 1.0
        elif given in NEED_CATEGORIES and kind_of(given) == kind_of(category):
            credit += 0.5
    fraction = round(credit / len(key), 4)
    return Mark(fraction, fraction, f"{credit:g} of {len(key)} quotes' worth right (half for the right list only).")


mark_quotes.expected = quote_labels

KEY = Key("ex03_goals_and_needs", {
    "q1": mark_quotes,
    "q2": labels(lambda my: {c.id: CLAIMS[c.id] for c in my.claims}),
    "q3": parts({"business": one_of(lambda my: CASES[my.case.id][0]),
                 "personal": one_of(lambda my: CASES[my.case.id][1])}),
    "q4": labels(lambda my: {s.id: STATEMENTS[s.id] for s in my.statements}),
})
