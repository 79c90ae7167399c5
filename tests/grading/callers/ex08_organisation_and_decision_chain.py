"""ex08 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # kamlib cannot read a description: the first role it lists, for everyone
    "q1": "from kamlib import ROLES\n"
          "q1_answer = {p.id: ROLES[0] for p in my.personas}",
    # kamlib's uncovered roles, as it computes them by default (any contact counts; it knows nobody is leaving)
    "q2": "from kamlib import uncovered_roles\n"
          "q2_answer = list(uncovered_roles(my.chart, my.matrix))",
    # the end of kamlib's shortest route from the KAM to the decider, for the reason kamlib's route suggests
    "q3": "from kamlib import role_holders, route_to\n"
          "q3_answer = {'who': route_to(my.chart, my.matrix, 'kam', role_holders(my.chart)['decider'][0])[-1] "
          "if route_to(my.chart, my.matrix, 'kam', role_holders(my.chart)['decider'][0]) "
          "else role_holders(my.chart)['decider'][0], 'why': 'top'}",
    # the steps in the order kamlib lists them
    "q4": "q4_answer = [s.id for s in my.steps]",
}
