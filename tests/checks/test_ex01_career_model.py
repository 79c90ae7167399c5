"""Exercise 01: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex01_career_model as ex
from kamlib.models.career_model import QUADRANTS, share_of
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex01_key", ROOT / "exercises" / "keys" / "ex01_career_model.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(p.id for p in ex.variant(t).people), ex.variant(t).income) for t in TRAINEES[:50]}
    assert len(books) >= 48


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    assert {p.id for p in ex.people()} == set(KEY.PEOPLE)
    for q in QUADRANTS:
        assert sum(1 for label in KEY.PEOPLE.values() if label == q) == 5
    pools = ((ex.income_sources(), KEY.CONTINUING_INCOME), (ex.habits(), KEY.OWNER_HABITS),
             (ex.routes(), KEY.CONTINUING_ROUTES))
    for pool, keep in pools:
        ids = [i.id for i in pool]
        assert set(keep) < set(ids) and len(ids) == len(set(ids))
        assert 0.4 <= len(keep) / len(ids) <= 0.6  # neither side can be guessed from the pool's balance
    assert KEY.REASON in ex.REASONS and next(iter(ex.REASONS)) != KEY.REASON


def test_the_volumes_add_up_to_the_accounts_volume_roughly_and_are_never_zero():
    from kamlib.data.key_accounts import load_accounts

    volume = {a.id: a.volume_t for a in load_accounts()}
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        total = sum(r.per_year for r in my.routes)
        assert all(r.per_year >= 5 and r.unit == "t/yr" for r in my.routes)
        assert abs(total - volume[my.account]) <= 15, (trainee, total, volume[my.account])
        assert all(s.per_year >= 20_000 and s.unit == "CNY/yr" for s in my.income)


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_partial_credit_per_item_and_per_part():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    one_wrong = {**right, my.people[0].id: next(q for q in QUADRANTS if q != right[my.people[0].id])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    q2 = KEY.KEY.expected("q2", my)
    every = [s.id for s in my.income]
    # the kamlib caller's answer: every stream, 100 %: little credit for the ids, none for the share
    caller = KEY.KEY.mark("q2", {"keeps_coming": every, "share_pct": 100.0}, my).hidden
    assert caller == pytest.approx(1 / 3 * len(q2["keeps_coming"]) / len(every), abs=1e-3)
    right_ids_wrong_sum = {"keeps_coming": q2["keeps_coming"], "share_pct": q2["share_pct"] + 20}
    assert KEY.KEY.mark("q2", right_ids_wrong_sum, my).hidden == pytest.approx(1 / 3, abs=1e-3)
    q3 = KEY.KEY.expected("q3", my)
    assert KEY.KEY.mark("q3", {**q3, "reason": "proven"}, my).hidden == pytest.approx(2 / 3, abs=1e-3)


def test_a_share_that_does_not_match_the_chosen_streams_is_named_without_values():
    my = ex.variant("amy")
    first = my.income[0].id
    wrong = share_of(my.income, [first]) + 10
    result = ex.q2.evaluate({"keeps_coming": [first], "share_pct": wrong}, trainee="amy", keys=False)
    assert result.outcome == "not yet" and "does not match the sources you chose" in result.message.en
    assert f"{share_of(my.income, [first]):g}" not in result.message.en
    every = ex.q3.evaluate({"habits": [h.id for h in my.habits], "reason": "system"}, trainee="amy", keys=False)
    assert every.outcome == "not yet" and "every habit" in every.message.en


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex01_career_model" / "ex01_career_model.ipynb").read_text())
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


def test_the_lecture_try_it_names_the_typical_mistake():
    assert ex.try_it.evaluate("S").outcome == "correct"
    assert "not a system yet" in ex.try_it.evaluate("B").message.en
    assert "Nobody employs him" in ex.try_it.evaluate("E").message.en
    assert ex.try_it.evaluate("s").outcome == "not yet"  # spelled as in QUADRANTS
