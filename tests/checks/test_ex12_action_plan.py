"""Exercise 12: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex12_action_plan as ex
from kamlib.models.action_plan import SMART_LETTERS, missing_letters, smart_cues
from kamlib.models.key_accounts import CELLS
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex12_key", ROOT / "exercises" / "keys" / "ex12_action_plan.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(g.id for g in ex.variant(t).goals), ex.variant(t).account.id) for t in TRAINEES[:50]}
    assert len(books) >= 48


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    assert {g.id for g in ex.goal_pool()} == set(KEY.MISSING)
    assert sorted(KEY.MISSING.values()) == sorted(SMART_LETTERS * 4)
    assert {g.id for g in ex.strategy_pool()} == set(KEY.SERVES)
    assert sorted(KEY.SERVES.values()) == sorted(CELLS * 3)
    for letter in SMART_LETTERS:  # the id's letters say nothing about the label
        assert len({gid[1] for gid, x in KEY.MISSING.items() if x == letter}) == 4


def test_the_cues_alone_are_a_typical_mistake_on_the_pool():
    """Read with the whole vocabulary and the owners, the cues name the right letter for A and T
    goals only: product names pass S, numbers of people pass M, and R is never decided."""
    owners = [en for en, _ in ex.TEAM]
    from kamlib.data.action_plan import goal_vocabulary

    right = 0
    for goal in ex.goal_pool():
        text = goal.text.en.replace("{owner}", "Li Wei")
        found = missing_letters(smart_cues(text, goal_vocabulary(), owners))
        right += found == [KEY.MISSING[goal.id]]
        if KEY.MISSING[goal.id] in ("S", "M", "R"):
            assert found == [], (goal.id, found)
    assert right <= 8


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0
    assert sorted(KEY.fault(r, my) for r in my.table) == sorted(["owner", "owner", "metric", "baseline", "target",
                                                                 "none"])


def test_partial_credit_per_item():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    first = my.goals[0].id
    one_wrong = {**right, first: next(x for x in SMART_LETTERS if x != right[first])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    rows = KEY.KEY.expected("q2", my)
    sound = next(r for r, f in rows.items() if f == "none")
    assert KEY.KEY.mark("q2", {**rows, sound: "owner"}, my).hidden == pytest.approx(5 / 6, abs=1e-3)
    want = KEY.day_90_volume(my)
    assert KEY.KEY.mark("q3", want * 1.03, my).hidden == 0.5
    assert KEY.KEY.mark("q3", my.account.potential_3y_t, my).hidden == 0.0


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex12_action_plan" / "ex12_action_plan.ipynb").read_text())
    namespace: dict = {}
    for c in nb["cells"]:
        grade_id = c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if c["cell_type"] == "code" and (grade_id in ("setup", "edition") or grade_id.endswith("_answer")):
            exec(source(c), namespace)
    return {q.id: namespace[f"{q.id}_answer"] for q in ex.QUESTIONS}


@pytest.mark.parametrize("trainee", TRAINEES[:30])
def test_the_worked_solution_earns_full_marks_for_any_trainee(trainee, monkeypatch):
    my = ex.variant(trainee)
    for qid, answer in _solution_answers(trainee, monkeypatch).items():
        value, problem = getattr(ex, qid).form.normalise(answer, my)
        assert problem is None
        mark = KEY.KEY.mark(qid, value, my)
        assert (mark.visible, mark.hidden) == (1.0, 1.0), (trainee, qid, mark)


def test_mistakes_are_named_without_values():
    my = ex.variant("amy")
    team_row = next(r for r in my.table if r.owner not in {en for en, _ in ex.TEAM})
    labels = {r.id: "none" if r is team_row else "metric" for r in my.table}
    result = ex.q2.evaluate(labels, trainee="amy", keys=False)
    assert result.outcome == "not yet" and "one named owner" in result.message.en
    result = ex.q3.evaluate(my.account.potential_3y_t, trainee="amy", keys=False)
    assert result.outcome == "not yet" and "3-year potential" in result.message.en
    assert ex.q3.evaluate(my.account.volume_t, trainee="amy", keys=False).outcome == "not yet"


def test_the_lecture_try_it():
    assert ex.try_it.evaluate("T").outcome == "correct"
    assert "Zhao Min owns it" in ex.try_it.evaluate("A").message.en
    assert ex.try_it.evaluate("t").outcome == "not yet"
    assert missing_letters(smart_cues(ex.TRY_IT_GOAL.en, ["Northbridge"], ["Zhao Min"])) == ["T"]
