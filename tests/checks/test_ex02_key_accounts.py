"""Exercise 02's own checks (what every question must do is in test_every_question.py):
hidden tests catch what the visible ones cannot, and the exercise data teaches the lesson."""

import pytest

from kamlib.checks import ex02_key_accounts as ex
from kamlib.checks.framework import CORRECT, INCORRECT, AnswerNotAccepted


def test_hard_coding_the_visible_answers_fails_the_hidden_tests():
    visible = {repr(case.args): case.call(ex.q4.reference) for case in ex.q4.cases()}

    def memorised(table):
        return visible.get(repr((table,)), {})

    assert ex.q4.evaluate(memorised).outcome == CORRECT
    with pytest.raises(AnswerNotAccepted):
        ex.q4.grade(memorised)


def test_exercise_table_is_the_six_accounts_in_order():
    table = ex.exercise_table()
    assert tuple(table) == ex.EXERCISE_IDS
    assert {row["sector"] for row in table.values()} >= {"steel", "cement", "wind", "food"}


def test_shortlist_of_the_exercise_is_not_trivial():
    answer = ex.q3.reference(ex.scored_table(), 3)
    assert len(answer) == 3
    assert "KA03" not in answer, "the biggest account should not make the list: that is the lesson"


def test_try_it_in_the_lecture():
    from kamlib.data import load_accounts
    from kamlib.models.accounts import score_accounts

    cell = next(s.cell for s in score_accounts(load_accounts()) if s.id == "KA07")
    assert ex.try_it.evaluate(cell).outcome == CORRECT
    assert ex.try_it.evaluate("Withdraw" if cell != "Withdraw" else "Maintain").outcome == INCORRECT
