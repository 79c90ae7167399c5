"""The question framework: three outcomes, feedback that never leaks the answer,
hidden tests that trust nothing, and silence on stderr."""

import sys
import warnings

import pytest

from kamlib.checks.framework import (
    CORRECT,
    INCORRECT,
    NOT_ATTEMPTED,
    AnswerNotAccepted,
    Case,
    Mistake,
    Question,
    ____,
    compare,
)


def make_question(**overrides):
    spec = dict(
        id="qt", summary="sum of a list", answer_name="total", reference=lambda xs: float(sum(xs)),
        cases=lambda: [Case(([1.0, 2.0],), label="the short list")],
        hidden_cases=lambda rng: [Case(([rng.uniform(0, 9) for _ in range(5)],)) for _ in range(5)],
        hints=("Add them up.", "Use sum()."),
        mistakes=(Mistake("count", "You counted the items instead of adding them.", lambda xs: float(len(xs))),),
    )
    spec.update(overrides)
    return Question(**spec)


def not_implemented(xs):
    raise NotImplementedError()


def test_three_outcomes():
    q = make_question()
    assert q.evaluate(____).outcome == NOT_ATTEMPTED
    assert q.evaluate(not_implemented).outcome == NOT_ATTEMPTED
    assert q.evaluate(lambda xs: 0.0).outcome == INCORRECT
    assert q.evaluate(lambda xs: float(sum(xs))).outcome == CORRECT


def test_feedback_names_the_mistake_and_never_the_expected_value():
    q = make_question()
    assert q.evaluate(lambda xs: float(len(xs))).message == "You counted the items instead of adding them."
    message = q.evaluate(lambda xs: 99.0).message
    assert "3.0" not in message and "3" not in message.replace("q", "")
    assert "the short list" in message


def test_errors_in_the_answer_are_reported_as_incorrect_not_raised():
    result = make_question().evaluate(lambda xs: xs[10])
    assert result.outcome == INCORRECT
    assert "IndexError" in result.message


def test_test_raises_only_when_not_correct(capsys):
    q = make_question()
    q.test(lambda xs: float(sum(xs)))
    with pytest.raises(AnswerNotAccepted, match="not attempted"):
        q.test(____)
    with pytest.raises(AnswerNotAccepted, match="not yet"):
        q.test(lambda xs: 1.0)


def test_answer_not_accepted_renders_without_a_traceback():
    err = AnswerNotAccepted("✗ q1: not yet.")
    assert err._render_traceback_() == ["AnswerNotAccepted: ✗ q1: not yet."]


def test_grade_catches_an_answer_hard_coded_for_the_visible_case():
    q = make_question()
    hard_coded = lambda xs: 3.0  # noqa: E731 -- right only for the visible [1, 2]
    assert q.evaluate(hard_coded).outcome == CORRECT
    with pytest.raises(AnswerNotAccepted, match="hidden tests"):
        q.grade(hard_coded)
    q.grade(lambda xs: float(sum(xs)))


class Liar:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class FakeFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


@pytest.mark.parametrize("cheat", [Liar(), FakeFloat(0.0)])
def test_objects_that_claim_equality_get_nothing(cheat):
    q = make_question()
    assert q.evaluate(lambda xs: cheat).outcome == INCORRECT
    with pytest.raises(AnswerNotAccepted):
        q.grade(lambda xs: cheat)


def test_compare_is_strict_about_types():
    assert compare({"a": 1.0}, {"a": 1}) is None  # int where a number is expected is fine
    assert compare("x", Liar()) == "expected a str, got a Liar"
    assert compare([1, 2], (1, 2)) == "expected a list, got a tuple"
    assert compare({"a": "A"}, {"a": "A", "b": "B"}) == "unexpected b"
    assert compare(["a", "b"], ["b", "a"]) == "the right items in the wrong order"
    assert compare(1.0, True) == "expected a number, got True or False"


def test_a_noisy_answer_writes_nothing_to_stderr(capfd):
    def noisy(xs):
        print("debug", file=sys.stderr)
        warnings.warn("deprecated thing", DeprecationWarning, stacklevel=1)
        return float(sum(xs))

    make_question().grade(noisy)
    assert capfd.readouterr().err == ""


def test_hints_come_one_at_a_time_and_then_stay_on_the_last(capsys):
    q = make_question()
    assert q.hint().startswith("Hint 1 of 2")
    assert q.hint().startswith("Hint 2 of 2")
    assert q.hint().startswith("Hint 2 of 2")
    assert q.hint(1).startswith("Hint 1 of 2")
    with pytest.raises(ValueError, match="number must be from 1 to 2, got 3"):
        q.hint(3)


def test_value_questions_compare_one_value():
    q = make_question(kind="value", reference=lambda: "Maintain", cases=lambda: [Case()], hidden_cases=None)
    assert q.evaluate("Maintain").outcome == CORRECT
    assert q.evaluate("maintain").outcome == INCORRECT
    assert q.evaluate(____).outcome == NOT_ATTEMPTED


def test_a_function_answer_must_be_callable():
    result = make_question().evaluate(3.0)
    assert result.outcome == INCORRECT and "should be a function" in result.message


def test_kind_is_checked():
    with pytest.raises(ValueError, match="kind must be 'function' or 'value'"):
        make_question(kind="table")


def test_a_custom_judge_decides_and_its_reason_is_shown():
    def judge(expected, got):
        return None if sorted(got) == sorted(expected) else "a missing member"

    q = make_question(reference=lambda xs: list(xs), judge=judge, mistakes=())
    assert q.evaluate(lambda xs: list(reversed(xs))).outcome == CORRECT
    result = q.evaluate(lambda xs: xs[:1])
    assert result.outcome == INCORRECT and result.message.startswith("A missing member (the short list)")
