"""The question framework: forms, outcomes, display once, what the kernel records."""

from __future__ import annotations

import pytest

from kamlib.checks import framework as fw
from kamlib.checks.framework import (
    ANSWER_MIME,
    COMPLETE,
    NOT_ATTEMPTED,
    NOT_YET,
    AnswerNotAccepted,
    Assign,
    Ids,
    Labels,
    Lines,
    Mistake,
    Number,
    OneOf,
    Parts,
    Question,
    ____,
)
from kamlib.text import Text


def _question(**kw):
    base = dict(id="qx", exercise="demo", summary=Text("s", "s"), form=OneOf(("red", "green")),
                variant=lambda trainee: {"items": ["A", "B"]},
                hints=(Text("one", "一"), Text("two", "二")),
                mistakes=(Mistake("red", Text("Red means stop.", "红灯停。"), lambda v, d: v == "red"),))
    base.update(kw)
    return Question(**base)


@pytest.mark.parametrize(("form", "good", "bad"), [
    (OneOf(("a", "b")), " a ", ["c", 1, None]),
    (Labels(lambda d: d["items"], ("S", "P")), {"A": "S", "B": "P"}, [{"A": "S"}, {"A": "S", "B": "X"}, ["S", "P"], None]),
    (Assign(lambda d: d["items"], ("up", "down")), {"B": "up"}, [{"C": "up"}, {"A": 1}, "A"]),
    (Ids(lambda d: d["items"], count=1), ["B"], [["C"], ["A", "B"], "A", ["A", "A"]]),
    (Number("t/yr", minimum=0), 12, [-1, float("nan"), float("inf"), "12", True]),
    (Lines(minimum=1, maximum=2), ["How many trucks?"], [[], ["a", "b", "c"], ["", "x"], "text", [b"x"]]),
    (Parts({"n": Number("t"), "id": Ids(lambda d: d["items"])}), {"n": 1, "id": []}, [{"n": 1}, {"n": "x", "id": []}]),
])
def test_forms_accept_good_answers_and_say_what_is_wrong(form, good, bad):
    data = {"items": ["A", "B"]}
    value, problem = form.normalise(good, data)
    assert problem is None and value is not None
    for answer in bad:
        value, problem = form.normalise(answer, data)
        assert value is None and problem.en and problem.zh, answer


def test_outcomes_never_need_the_answer():
    q = _question()
    assert q.evaluate(____).outcome == NOT_ATTEMPTED
    assert q.evaluate("blue").outcome == NOT_YET
    assert q.evaluate("red").message.en == "Red means stop."
    assert q.evaluate("green", keys=False).outcome == COMPLETE


def test_check_shows_once_and_returns_nothing(capsys):
    q = _question()
    assert q.check("green") is None  # a None result gives no Out[] in Jupyter
    assert capsys.readouterr().out.count("qx") == 1


def test_check_raises_a_blank_or_malformed_answer_in_one_line():
    q = _question()
    with pytest.raises(AnswerNotAccepted) as err:
        q.check(____)
    assert err.value._render_traceback_() == ["… qx: not attempted. Replace ____ with your answer."]
    with pytest.raises(AnswerNotAccepted, match="must be one of"):
        q.record("blue")


def test_the_recorded_payload_is_the_answer_and_nothing_else():
    result = _question().evaluate("red", trainee="amy", keys=False)
    bundle = result._repr_mimebundle_()
    assert bundle[ANSWER_MIME] == {"v": 1, "exercise": "demo", "question": "qx", "trainee": "amy",
                                   "answer": "red", "problem": None}
    assert "text/html" in bundle and "text/plain" in bundle


def test_hints_come_in_order_one_at_a_time(capsys):
    q = _question()
    q.hint()
    q.hint()
    q.hint()
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1] for line in out] == ["one", "two", "two"]
    with pytest.raises(ValueError, match="from 1 to 2"):
        q.hint(5)


def test_the_trainee_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KAMLAB_TRAINEE", "amy")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    assert fw.trainee_id() == "amy"
    monkeypatch.delenv("KAMLAB_TRAINEE")
    assert fw.trainee_id() == "hub-user"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert fw.trainee_id()  # the login name


def test_keys_are_used_for_self_study_only(monkeypatch):
    """With the repository's keys on disk a self-learner hears 'correct'; while grading,
    or with KAMLAB_NO_KEYS (the grading sandbox, a trainee's bundle), never."""
    from kamlib.checks.ex02_key_accounts import q4, variant

    fw._KEYS.clear()
    key = fw._local_key("ex02_key_accounts")
    assert key is not None
    right = key.cell_changes(variant("amy"))
    assert q4.evaluate(right, trainee="amy").outcome == "correct"
    wrong = {} if right else {variant("amy").ids[0]: "Withdraw"}
    assert q4.evaluate(wrong, trainee="amy").outcome == NOT_YET
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert q4.evaluate(right, trainee="amy").outcome == COMPLETE
    monkeypatch.delenv("NBGRADER_EXECUTION")
    monkeypatch.setenv("KAMLAB_NO_KEYS", "1")
    assert q4.evaluate(right, trainee="amy").outcome == COMPLETE


def test_graded_questions_carry_no_answers():
    """Only a lecture's Try it may carry its answer (it is worth no points)."""
    import importlib
    import pkgutil

    import kamlib.checks

    for info in pkgutil.iter_modules(kamlib.checks.__path__):
        if not info.name.startswith("ex"):
            continue
        module = importlib.import_module(f"kamlib.checks.{info.name}")
        for q in module.QUESTIONS:
            assert q.practice_answer is None, (info.name, q.id)
            assert q.exercise == info.name
