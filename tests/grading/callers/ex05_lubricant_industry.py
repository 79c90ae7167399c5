"""ex05 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # no kamlib function reads a vignette: the first spec kamlib offers, for every account
    "q1": "from kamlib.checks.ex05_lubricant_industry import SPECS\n"
          "q1_answer = {v.id: next(iter(SPECS)) for v in my.vignettes}",
    # kamlib's comparison of the two lubricants as given (one drive), paid back by the cleaning fee
    "q2": "from kamlib import compare_cost_in_use, cost_in_use, payback_months\n"
          "d = my.drives\n"
          "c = compare_cost_in_use(cost_in_use(**d.graphite, **d.shared), cost_in_use(**d.transparent, **d.shared))\n"
          "q2_answer = {'saving_cny': c.saving, 'payback_months': payback_months(c, d.cleaning)}",
    # the tonnes of kamlib's comparison as they come
    "q3": "from kamlib import compare_cost_in_use, cost_in_use\n"
          "d = my.drives\n"
          "c = compare_cost_in_use(cost_in_use(**d.graphite, **d.shared), cost_in_use(**d.transparent, **d.shared))\n"
          "q3_answer = {'before_t': c.current.t_per_year, 'after_t': c.proposed.t_per_year}",
    # the sector that buys the most, for the first reason kamlib lists
    "q4": "from kamlib.checks.ex05_lubricant_industry import REASONS\n"
          "row = max(my.opportunity.table(), key=lambda r: r['volume_t'])\n"
          "q4_answer = {'sector': row['sector'], 'reason': next(iter(REASONS))}",
}
