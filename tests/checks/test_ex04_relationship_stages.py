"""Exercise 04: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex04_relationship_stages as ex
from kamlib.models.key_accounts import STAGES
from kamlib.models.relationship_stages import add_links, exposure
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex04_key", ROOT / "exercises" / "keys" / "ex04_relationship_stages.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(v.id for v in ex.variant(t).vignettes), tuple(c.id for c in ex.variant(t).people))
             for t in TRAINEES[:50]}
    assert len(books) == 50


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    assert {v.id for v in ex.vignettes()} == set(KEY.STAGE)
    assert sorted(set(KEY.STAGE.values())) == sorted(STAGES)
    assert all(list(KEY.STAGE.values()).count(s) == 2 for s in STAGES)
    assert {p.id for p in ex.profiles()} == set(KEY.STRUCTURE)
    # fewer diamonds in the pool than accounts drawn: "every account" is never the right answer
    assert list(KEY.STRUCTURE.values()).count("diamond") < len(ex.variant("amy").accounts)


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_every_case_changes_who_it_hangs_on_and_has_one_fix():
    """Today's measure (kamlib's raw output) is never right after the news; exactly one option
    removes the risk after the news, and it is not the one that would have removed it before."""
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        today, after = set(exposure(my.network()).key_people), set(KEY.hangs_on(my))
        assert after and not today & after and my.leaves not in after
        fixes = [o.id for o in my.options if exposure(add_links(KEY.after_the_news(my), [o.ends])).key_people == ()]
        before = [o.id for o in my.options if exposure(add_links(my.network(), [o.ends])).key_people == ()]
        assert fixes == [KEY.the_fix(my)] and before != fixes


def test_partial_credit_per_item():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    first = my.vignettes[0].id
    one_wrong = {**right, first: next(s for s in STAGES if s != right[first])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(5 / 6, abs=1e-3)
    hangs = KEY.hangs_on(my)
    assert KEY.KEY.mark("q2", hangs[:1], my).hidden == pytest.approx(1 / len(hangs), abs=1e-3)


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex04_relationship_stages" / "ex04_relationship_stages.ipynb").read_text())
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
    leaver = ex.q2.evaluate([my.leaves], trainee="amy", keys=False)
    assert leaver.outcome == "not yet" and "person who leaves" in leaver.message.en
    assert my.leaves not in leaver.message.en
    inside = next(o.id for o in my.options if len({c.side for c in my.people if c.id in o.ends}) == 1)
    assert "same company" in ex.q3.evaluate(inside, trainee="amy", keys=False).message.en
    assert ex.q4.evaluate([a.id for a in my.accounts], trainee="amy", keys=False).outcome == "not yet"


def test_the_lecture_try_it_names_what_was_misread():
    assert ex.try_it.evaluate("mid").outcome == "correct"
    assert "opened a door" in ex.try_it.evaluate("early").message.en
    assert "sole or main" in ex.try_it.evaluate("partnership").message.en
    assert ex.try_it.evaluate("Mid-KAM").outcome == "not yet"  # spelled as in STAGES
