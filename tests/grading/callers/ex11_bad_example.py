"""ex11 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # kamlib's chain for the lecture's case, with every control of the trainee's list "in place": whatever
    # first_catch says of the lecture's case, for every control (it stops at the receiving test there)
    "q1": "q1_answer = {c.id: 'stops' for c in my.controls}",
    # outage_cost with the days from the delivery to the restart, and no flush: the raw log, unread
    "q2": "from kamlib import outage_cost\n"
          "days = (my.log[-1].day - my.log[0].day)\n"
          "q2_answer = {'days': float(days), 'cost': outage_cost(days, my.per_day).total}",
    # the lecture's failure stage and the first owner kamlib offers
    "q3": "from kamlib.checks.ex11_bad_example import OWNERS\n"
          "q3_answer = {'stage': 'repacking', 'owner': next(iter(OWNERS))}",
    # every account kamlib calls a bow-tie, and their tonnes
    "q4": "from kamlib import contact_shape\n"
          "lost = [a.id for a in my.accounts if contact_shape(list(a.links)) == 'bow-tie']\n"
          "q4_answer = {'lost': lost, 'tonnes': sum(a.volume_t for a in my.accounts if a.id in lost)}",
}
