"""ex12 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # the first letter whose cue smart_cues does not find, "R" when it finds them all
    "q1": "from kamlib import goal_vocabulary, missing_letters, smart_cues\n"
          "q1_answer = {g.id: (missing_letters(smart_cues(g.text.en, goal_vocabulary())) or ['R'])[0] "
          "for g in my.goals}",
    # the field make_plan or plan_consistency names first, 'none' when both accept the row
    "q2": "from kamlib import load_accounts, make_plan, plan_consistency\n"
          "def named(row):\n"
          "    try:\n"
          "        plan = make_plan(my.account.id, [row.goal()], load_accounts())\n"
          "    except ValueError as err:\n"
          "        field = str(err).split(':')[0].split('.')[-1]\n"
          "        return field if field in ('owner', 'metric', 'baseline', 'target') else 'none'\n"
          "    found = plan_consistency(plan, load_accounts())\n"
          "    return found[0][0].split('.')[-1] if found else 'none'\n"
          "q2_answer = {r.id: named(r) for r in my.table}",
    # the most plan_consistency accepts: the 3-year potential
    "q3": "q3_answer = my.account.potential_3y_t",
    # the first two candidates kamlib lists
    "q4": "q4_answer = [c.id for c in my.candidates[:2]]",
}
