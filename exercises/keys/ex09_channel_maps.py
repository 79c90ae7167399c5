"""Key to exercise 09 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's region, with kamlib as the
calculator, exactly as the worked solution does it.
"""

from kamgrade.marking import Key, assignment, labels, number, one_of, parts
from kamlib.checks.ex09_channel_maps import COMPETITOR, RESELLERS
from kamlib.models.channel_maps import inflows, route_volumes

#: q4: each party's role on a channel map.
ROLES = {
    # the oil stops here: used in the party's own machines
    "P3K": "user", "W8N": "user", "J2D": "user", "C5R": "user", "X9F": "user", "T4H": "user",
    # the oil passes through to someone else (resale, first fill, oil sold inside a service)
    "M6B": "channel", "R1V": "channel", "G7S": "channel", "L3Q": "channel", "F2Z": "channel", "D8W": "channel",
    # no oil passes through, but the choice does
    "K9T": "influencer", "B6Y": "influencer", "H4M": "influencer", "N5E": "influencer", "V7A": "influencer",
    "E3P": "influencer",
}


def fund_partner(my) -> str:
    """The reseller selling our brand only with the largest inflow (ties: first by id)."""
    flow = inflows(my.map())
    nodes = dict(my.nodes)
    allowed = [n for n, a in nodes.items() if a["kind"] in RESELLERS and COMPETITOR.en not in a["brands"].en]
    return min(allowed, key=lambda n: (-flow[n], n))


def through_switching(my) -> dict:
    """{segment: our t/yr reaching it on routes through the switching distributor}."""
    at_stake: dict = {}
    for route, tonnes in route_volumes(my.map()).items():
        if my.switching in route:
            at_stake[route[-1]] = at_stake.get(route[-1], 0.0) + tonnes
    return at_stake


def visit_first(my) -> str:
    at_stake = through_switching(my)
    return min(at_stake, key=lambda s: (-at_stake[s], s))


def slips(my) -> dict:
    """{note id: how the drawn map disagrees with it} for the notes drawn wrong."""
    sent: dict = {}
    for note in my.notes:
        if note.tonnes is not None:
            sent[note.source] = sent.get(note.source, 0.0) + note.tonnes
    found = {}
    for note in my.notes:
        ahead = [r for r in my.drawn if (r["from"], r["to"]) == (note.source, note.target)]
        back = [r for r in my.drawn if (r["from"], r["to"]) == (note.target, note.source)]
        if not ahead:
            found[note.id] = "direction" if back else "missing"
            continue
        row = ahead[0]
        if (note.tonnes is None) != (row["kind"] == "influence"):
            found[note.id] = "kind"
        elif note.tonnes is not None and abs(row["share"] - note.tonnes / sent[note.source]) > 0.005:
            found[note.id] = "share"
        elif note.tonnes is not None and note.first_fill != (row["channel"] == "first_fill"):
            found[note.id] = "channel"
    return found


KEY = Key("ex09_channel_maps", {
    "q1": parts({"partner": one_of(fund_partner),
                 "t_yr": number(lambda my: inflows(my.map())[fund_partner(my)], rel_tol=0.01)}),
    "q2": parts({"segment": one_of(visit_first),
                 "t_yr": number(lambda my: through_switching(my)[visit_first(my)], rel_tol=0.01)}),
    "q3": assignment(slips),
    "q4": labels(lambda my: {p.id: ROLES[p.id] for p in my.parties}),
})
