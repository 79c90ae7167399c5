"""Key to exercise 05 (instructor material: never released, hidden from the grading kernel).

Every expected answer is computed here from the trainee's workbook, with kamlib as the
calculator, exactly as the worked solution does it.
"""

from kamgrade.marking import Key, labels, number, one_of, parts
from kamlib.models.lubricant_industry import (
    changeover_cost,
    compare_cost_in_use,
    cost_in_use,
    payback_months,
)

#: q1: the spec or approval that decides the sale at each vignette.
VIGNETTES = {
    "Q7B": "nsf_h1", "H2M": "nsf_h1", "R5T": "nsf_h1",
    "K3D": "bn40", "W8P": "bn40", "F4N": "bn40",
    "J6S": "to4", "C9V": "to4", "T1G": "to4",
    "B5K": "utto", "M2X": "utto", "D8H": "utto",
    "P4W": "iec_60296", "N7C": "iec_60296", "G3R": "iec_60296",
    "V6J": "wind_oem", "L1F": "wind_oem", "S9Q": "wind_oem",
    "Y2L": "demulsibility", "E5Z": "demulsibility", "U3Y": "demulsibility",
    "Z8A": "engine_oem", "X4E": "engine_oem", "A7U": "engine_oem",
}

#: q4: (product, sector) where the sector's requirement is one the product does not meet.
CLOSED = {
    ("gear_320", "wind"),  # no turbine maker's approval
    ("gear_320", "food"),  # not NSF H1
    ("gear_320w", "food"),  # approved by the region's turbine maker, but not NSF H1
    ("grease_h1", "rail"),  # no railway bureau approval
    ("engine_hd", "fleets"),  # no engine maker's approval
    ("engine_hd", "marine"),
}


def comparison(my):
    """Graphite against the transparent lubricant on all the plant's drives."""
    d = my.drives
    current = cost_in_use(**d.graphite, **d.shared, points=d.drives)
    proposed = cost_in_use(**d.transparent, **d.shared, points=d.drives)
    return compare_cost_in_use(current, proposed)


def switching_cost(my) -> float:
    """Cleaning every drive, the production lost while each stops (none in a planned shutdown), the trial once."""
    d = my.drives
    rate = "0 CNY/h" if d.in_shutdown else d.shared["downtime_rate"]
    return changeover_cost(d.cleaning, d.stop, rate, d.one_off, points=d.drives)


def ours(my) -> bool:
    return my.drives.supplier.en.startswith("Harbourlight")


def open_t(row) -> float:
    _, _, volume, share, _ = row
    return volume * (1 - share / 100)


def best_sector(my) -> str:
    product = my.opportunity.product
    allowed = [r for r in my.opportunity.rows if (product, r[0]) not in CLOSED]
    return max(allowed, key=open_t)[0]


def reason(my) -> str:
    largest = max(my.opportunity.rows, key=open_t)[0]
    return "spec" if largest != best_sector(my) else "open_volume"


KEY = Key("ex05_lubricant_industry", {
    "q1": labels(lambda my: {v.id: VIGNETTES[v.id] for v in my.vignettes}),
    "q2": parts({"saving_cny": number(lambda my: comparison(my).saving, rel_tol=0.01),
                 "payback_months": number(lambda my: payback_months(comparison(my), (switching_cost(my), "CNY")),
                                          rel_tol=0.02, abs_tol=0.05)}),
    "q3": parts({"before_t": number(lambda my: comparison(my).current.t_per_year if ours(my) else 0.0,
                                    rel_tol=0.01, abs_tol=0.01),
                 "after_t": number(lambda my: comparison(my).proposed.t_per_year, rel_tol=0.01, abs_tol=0.01)}),
    "q4": parts({"sector": one_of(best_sector), "reason": one_of(reason)}, weights={"sector": 2, "reason": 1}),
})
