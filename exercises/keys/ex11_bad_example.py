"""Key to exercise 11 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's case file, exactly as the worked
solution does it.
"""

from kamgrade.marking import Key, ids, labels, number, one_of, parts
from kamlib.checks.ex11_bad_example import STAGES

#: Where the wrong oil got in, and who owns the practice that failed, per incident.
FAILURE = {"N4": ("blending", "blender_qc"), "T7": ("repacking", "distributor_warehouse"),
           "W2": ("lube_room", "plant_lube_room")}
#: The incidents in which each control, run at or after the failure's stage, can see the wrong oil.
SEES = {
    "R4K": {"N4"},              # a sample of the filling run itself
    "Q9B": set(),               # printed from the tank's record: the tank was right
    "J2T": {"T7"},              # only drums the distributor fills; N4's drums passed sealed
    "P6W": {"T7"},              # the fill log says engine oil; N4's batch number was copied from the tank
    "H3N": set(),               # count and labels: the label was wrong
    "D9Q": set(),               # papers
    "V5C": {"N4", "T7"},        # a sample of the oil in each drum
    "G7L": set(),               # the label again
    "K1F": {"W2"},              # the unlabelled drum is set aside; N4's and T7's drums had labels
    "X2B": set(),               # the can's label said turbine oil in every incident
    "Y8S": {"N4", "T7", "W2"},  # sees the oil, in the unit
    "Z5H": {"N4", "T7", "W2"},
}
IN_UNIT = {"in_service"}


def verdict(control, incident: str) -> str:
    order = list(STAGES)
    if order.index(control.stage) < order.index(FAILURE[incident][0]):
        return "before"
    if incident not in SEES[control.id]:
        return "blind"
    return "too_late" if control.stage in IN_UNIT else "stops"


def outage_hours(my) -> int:
    shutdown, restart = my.log[-2], my.log[-1]

    def hours(entry):
        return entry.day * 24 + int(entry.time[:2])

    return hours(restart) - hours(shutdown)


def outage_days(my) -> float:
    return outage_hours(my) / 24


def outage_total(my) -> float:
    return outage_days(my) * my.per_day + my.flush_fee + my.reservoir_l * my.price_per_l


def lost_accounts(my) -> list:
    return sorted(a.id for a in my.accounts if not any(b != "buyer" for _, b in a.links))


def tonnes_lost(my) -> float:
    lost = set(lost_accounts(my))
    return sum(a.volume_t for a in my.accounts if a.id in lost)


KEY = Key("ex11_bad_example", {
    "q1": labels(lambda my: {c.id: verdict(c, my.incident.id) for c in my.controls}),
    "q2": parts({"days": number(outage_days, rel_tol=0.005, abs_tol=0.01, partial_tol=None),
                 "cost": number(outage_total, rel_tol=0.001, abs_tol=1.0, partial_tol=None)}),
    "q3": parts({"stage": one_of(lambda my: FAILURE[my.incident.id][0]),
                 "owner": one_of(lambda my: FAILURE[my.incident.id][1])}),
    "q4": parts({"lost": ids(lost_accounts), "tonnes": number(tonnes_lost, rel_tol=0.001, abs_tol=0.5,
                                                                partial_tol=None)}),
})
