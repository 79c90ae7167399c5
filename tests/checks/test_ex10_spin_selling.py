"""Exercise 10's own checks (what every question must do is in test_every_question.py):
label feedback names the confusion, never the item; a feature-dumping call script
fails q4; copying the course's rule-based labellers does not answer q2 or q3."""

from __future__ import annotations

import pytest

from kamlib.checks import ex10_spin_selling as ex
from kamlib.checks.framework import CORRECT, INCORRECT, AnswerNotAccepted
from kamlib.data.spin import load_scenario
from kamlib.models.spin import classify_question

LABEL_QUESTIONS = (ex.q1, ex.q2, ex.q3)


@pytest.mark.parametrize("q", ex.QUESTIONS, ids=lambda q: q.id)
def test_feedback_never_contains_the_expected_answer(q):
    expected = q.reference()
    wrong_answers = [lambda: "nonsense", lambda: {}, lambda: ["Hello."], *(m.wrong for m in q.mistakes)]
    for wrong in wrong_answers:
        message = q.evaluate(wrong).message
        assert repr(expected) not in message
        if isinstance(expected, dict):  # never "s12 should be S"
            for key, value in expected.items():
                assert f"{key}: {value}" not in message and f"'{key}': '{value}'" not in message


@pytest.mark.parametrize("q", LABEL_QUESTIONS, ids=lambda q: q.id)
def test_one_wrong_label_names_the_confusion_not_the_item(q):
    expected = q.reference()
    key = next(iter(expected))
    other = next(v for v in {"S", "P", "I", "N", "implied", "explicit", "F", "A", "B"} - {expected[key]}
                 if v in set(expected.values()))
    result = q.evaluate(lambda: {**expected, key: other})
    assert result.outcome == INCORRECT
    assert "1 of" in result.message and "is not right yet" in result.message
    assert key not in result.message


@pytest.mark.parametrize("q", LABEL_QUESTIONS, ids=lambda q: q.id)
def test_label_answers_need_exact_types(q):
    expected = q.reference()

    class Liar(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    assert q.evaluate(lambda: {k: Liar(v) for k, v in expected.items()}).outcome == INCORRECT
    assert q.evaluate(lambda: list(expected.items())).outcome == INCORRECT
    assert "missing" in q.evaluate(lambda: dict(list(expected.items())[1:])).message
    with pytest.raises(AnswerNotAccepted):
        q.grade(lambda: {k.lower(): v for k, v in expected.items()})


def test_q1_copying_the_classifier_fails():
    copied = {qid: classify_question(text).type for qid, text in ex.q1_questions().items()}
    assert copied != ex.q1_reference(), "q1 must hold questions the classifier gets wrong"
    assert sum(copied[k] != v for k, v in ex.q1_reference().items()) >= 2
    assert ex.q1.evaluate(lambda: copied).message.startswith("These are exactly the classifier's labels")


def test_q1_to_q3_material_is_balanced():
    assert sorted(ex.q1_reference().values()) == sorted("SPIN" * 4)
    assert set(ex.q2_reference().values()) == {"implied", "explicit"}
    assert sorted(ex.q3_reference().values()) == sorted("FAB" * 4)
    assert len(set(ex.Q1_IDS)) == 16 and len(set(ex.Q2_IDS)) == 12 and len(set(ex.Q3_IDS)) == 12
    statements = ex.q3_statements()
    assert all(statements[k]["needs_stated"] for k, v in ex.q3_reference().items() if v == "B")
    a04 = next(k for k, v in ex.Q3_KEYS.items() if v == "a04")
    assert statements[a04]["needs_stated"], "an advantage after an unrelated explicit need is the hard case"


def test_trainee_ids_do_not_give_the_answer_away():
    for keys in (ex.Q1_KEYS, ex.Q2_KEYS, ex.Q3_KEYS):
        assert all(key[0] in "QBM" and key[1:].isdigit() for key in keys)
    for labels in (ex.q1_reference(), ex.q2_reference(), ex.q3_reference()):
        first = list(labels.values())[:4]
        assert len(set(first)) < len(first) or first != sorted(first), "no tell-tale order"


@pytest.mark.parametrize("scenario", ["cement_open_gear", "mining_haul_trucks"])
def test_scripted_calls_per_scenario(scenario):
    good = ex.replay(ex.example_call("good", scenario), scenario, show=False)
    poor = ex.replay(ex.example_call("poor", scenario), scenario, show=False)
    assert good.outcome.name in ("order", "advance") and not good.early_pitches
    assert poor.outcome.name in ("continuation", "no-sale") and poor.early_pitches


def test_a_feature_dumping_script_fails_q4():
    dump = list(ex.example_call("poor"))
    result = ex.q4.evaluate(lambda: dump)
    assert result.outcome == INCORRECT and result.message.startswith("That is a feature dump")
    with pytest.raises(AnswerNotAccepted, match="feature dump"):
        ex.q4.grade(lambda: dump)


def test_pitching_first_then_spin_passes_the_self_check_but_not_the_hidden_test():
    script = ["Our grease is a transparent synthetic with a high-viscosity base oil.",
              "Are you happy with your grease consumption?",
              "How does the extra grease affect your maintenance budget?",
              "How would halving grease consumption help your budget?"]
    assert ex.q4.evaluate(lambda: script).outcome == CORRECT
    with pytest.raises(AnswerNotAccepted, match=r"pitched the product before that \(turn 1\)"):
        ex.q4.grade(lambda: script)


def test_q4_hidden_test_refuses_a_boring_call():
    limit = load_scenario(ex.SCENARIO).rules["situation_limit"]
    situation = ["How many kilns and mills run on open girth gears?",
                 "How much grease does each kiln drive use per year?",
                 "Who supplies your girth-gear lubricant at the moment?",
                 "How long do the kiln campaigns run?",
                 "How old is the girth gear on kiln 2?",
                 "How dusty is the raw-mill area?"]
    spin = ["Are you happy with your grease consumption?",
            "How does the extra grease affect your maintenance budget?",
            "How would halving grease consumption help your budget?"]
    script = situation + spin
    assert sum(classify_question(s).type == "S" for s in situation) > limit
    assert ex.q4.evaluate(lambda: script).outcome == CORRECT
    with pytest.raises(AnswerNotAccepted, match="Too many situation questions"):
        ex.q4.grade(lambda: script)


@pytest.mark.parametrize("script, message", [
    ("How many kilns?", "expected a list of str"),
    ([], "expected 1 to 12 lines"),
    (["Are you happy with your grease?"] * 13, "expected 1 to 12 lines"),
    (["Are you happy with your grease?", 3], "line 2 should be a non-empty str"),
    (["x" * 301 + "?"], "over 300 characters"),
])
def test_q4_bad_scripts_get_clear_messages(script, message):
    result = ex.q4.evaluate(lambda: script)
    assert result.outcome == INCORRECT and message.lower() in result.message.lower()


def test_replay_prints_the_turns_and_debrief(capsys):
    debrief = ex.replay(ex.example_call("poor"))
    out = capsys.readouterr().out
    assert "early_pitch" in out and "Outcome: no-sale" in out
    assert debrief.early_pitches == [4, 5, 6]


def test_try_it_in_the_lecture():
    from kamlib.data.spin import load_spin_questions

    p06 = next(q for q in load_spin_questions() if q.id == "p06")
    assert p06.type == "P" and classify_question(p06.en).type != "P", "the Try it is a classifier miss"
    assert ex.try_it.evaluate("P").outcome == CORRECT
    assert ex.try_it.evaluate("S").outcome == INCORRECT


def test_copying_the_rule_based_labellers_does_not_answer_q2_or_q3():
    from kamlib.data.spin import load_spin_statements
    from kamlib.models.spin import fab_label, need_label

    bank = load_spin_statements()
    buyer = {s.id: s for s in bank.buyer}
    seller = {s.id: s for s in bank.seller}
    by_rule_q2 = {key: need_label(buyer[bank_id].text) for key, bank_id in ex.Q2_KEYS.items()}
    by_rule_q3 = {key: fab_label(seller[bank_id].text, seller[bank_id].context)[0].upper()
                  for key, bank_id in ex.Q3_KEYS.items()}
    assert ex.q2.evaluate(lambda: by_rule_q2).message.startswith("2 of 12 labels are not right")
    assert ex.q3.evaluate(lambda: by_rule_q3).message.startswith("1 of 12 labels is not right")


def test_the_exercise_notebook_shows_the_bank_items_the_checker_grades():
    import json
    import re
    from pathlib import Path

    from kamlib.data.spin import load_spin_questions, load_spin_statements

    path = Path(__file__).parents[2] / "exercises/source/ex10_spin_selling/ex10_spin_selling.ipynb"
    text = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
    bank = load_spin_statements()
    sources = [
        (ex.Q1_KEYS, {q.id: q.en for q in load_spin_questions()}),
        (ex.Q2_KEYS, {s.id: s.text for s in bank.buyer}),
        (ex.Q3_KEYS, {s.id: s.text for s in bank.seller}),
    ]
    for keys, texts in sources:
        for key, bank_id in keys.items():
            row = re.search(rf"^\| {key} \|(.*)$", text, re.MULTILINE)
            assert row, f"{key} is not in the notebook"
            assert texts[bank_id] in row.group(1), f"{key} shows another text than {bank_id}"
