"""Key to exercise 04 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's casebook, exactly as the worked
solution does it: the stages and the diamond decisions are the instructor's labels; who the
relationship hangs on and which link removes the risk are measured with kamlib on the network
*after* the news.
"""

from kamgrade.marking import Key, ids, labels, one_of
from kamlib.models.relationship_stages import add_links, exposure, remove_contact

#: q1: each described account's relationship stage.
STAGE = {
    "R7T": "pre", "F2K": "pre", "M9C": "early", "W4D": "early", "B6H": "mid", "K3S": "mid",
    "P8N": "partnership", "G5V": "partnership", "Q1Z": "synergistic", "J6E": "synergistic",
    "D3X": "uncoupling", "N8L": "uncoupling",
}

#: q4: move towards a diamond ("diamond") or keep the one channel ("bow_tie").
STRUCTURE = {
    "H4M": "diamond", "C2W": "diamond", "A6G": "diamond", "Y8D": "diamond",
    "T7B": "bow_tie", "L9F": "bow_tie", "S5K": "bow_tie", "V3R": "bow_tie", "E8P": "bow_tie", "U2N": "bow_tie",
    "O4S": "bow_tie",
}


def after_the_news(my):
    """The colleague's network once every piece of news has happened."""
    return remove_contact(add_links(my.network(), my.new_links), my.leaves)


def hangs_on(my) -> list:
    return list(exposure(after_the_news(my)).key_people)


def the_fix(my) -> str:
    after = after_the_news(my)
    return next(o.id for o in my.options if exposure(add_links(after, [o.ends])).key_people == ())


KEY = Key("ex04_relationship_stages", {
    "q1": labels(lambda my: {v.id: STAGE[v.id] for v in my.vignettes}),
    "q2": ids(hangs_on),
    "q3": one_of(the_fix),
    "q4": ids(lambda my: [a.id for a in my.accounts if STRUCTURE[a.id] == "diamond"]),
})
