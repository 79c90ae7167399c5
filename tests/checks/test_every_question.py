"""Every exercise question, in both directions: the reference passes its visible and
hidden tests, each typical mistake gets its own message and fails the grade, an
untouched stub is *not attempted*, hints come in tiers, and feedback never prints
the expected answer. New exercises (kamlib/checks/exNN_*.py) are picked up by glob."""

import importlib
import random
from pathlib import Path

import pytest

from kamlib.checks.framework import CORRECT, INCORRECT, NOT_ATTEMPTED, AnswerNotAccepted

CHECKS = Path(__file__).resolve().parents[2] / "kamlib" / "checks"
EXERCISES = [importlib.import_module(f"kamlib.checks.{p.stem}") for p in sorted(CHECKS.glob("ex[0-9]*.py"))]
QUESTIONS = [(module, q) for module in EXERCISES for q in module.QUESTIONS]
IDS = [f"{module.__name__.rpartition('.')[2]}.{q.id}" for module, q in QUESTIONS]


def every_case(q):
    hidden = q.hidden_cases(random.Random(q.seed)) if q.hidden_cases and q.kind == "function" else []
    return [*q.cases(), *hidden]


def test_there_are_exercises():
    assert len(EXERCISES) >= 3
    assert all(len(module.QUESTIONS) >= 4 for module in EXERCISES)


@pytest.mark.parametrize(("module", "q"), QUESTIONS, ids=IDS)
def test_reference_passes_visible_and_hidden(module, q):
    assert q.evaluate(q.reference).outcome == CORRECT
    q.grade(q.reference)


@pytest.mark.parametrize(("module", "q"), QUESTIONS, ids=IDS)
def test_each_mistake_is_named_and_fails_the_grade(module, q):
    assert q.mistakes, "declare the typical mistakes, each with its feedback"
    cases = every_case(q)
    for mistake in q.mistakes:
        result = q.evaluate(mistake.wrong, cases)
        assert result.outcome == INCORRECT, mistake.name
        assert mistake.message in result.message, mistake.name
        with pytest.raises(AnswerNotAccepted):
            q.grade(mistake.wrong)


@pytest.mark.parametrize(("module", "q"), QUESTIONS, ids=IDS)
def test_an_untouched_stub_is_not_attempted(module, q):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    assert q.evaluate(stub).outcome == NOT_ATTEMPTED
    with pytest.raises(AnswerNotAccepted, match="not attempted"):
        q.grade(stub)


@pytest.mark.parametrize(("module", "q"), QUESTIONS, ids=IDS)
def test_hints_come_in_three_tiers(module, q):
    assert len(q.hints) == 3 and len(set(q.hints)) == 3


@pytest.mark.parametrize(("module", "q"), QUESTIONS, ids=IDS)
def test_feedback_never_contains_the_expected_answer(module, q):
    wrong_answers = [lambda *a, **k: "nonsense", lambda *a, **k: {}, *(m.wrong for m in q.mistakes)]
    for case in q.cases():
        expected = case.call(q.reference)
        for wrong in wrong_answers:
            assert repr(expected) not in q.evaluate(wrong, [case]).message
