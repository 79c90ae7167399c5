"""ex04 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # the first stage kamlib lists, for every account
    "q1": "from kamlib import STAGES\n"
          "q1_answer = {v.id: STAGES[0] for v in my.vignettes}",
    # kamlib's measure of the network as it is today
    "q2": "from kamlib import exposure\n"
          "q2_answer = list(exposure(my.network()).key_people)",
    # the first link kamlib lists
    "q3": "q3_answer = my.options[0].id",
    # every account: kamlib offers no reason to leave one out
    "q4": "q4_answer = [a.id for a in my.accounts]",
}
