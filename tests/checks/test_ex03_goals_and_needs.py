"""Exercise 03: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest

from kamlib.checks import ex03_goals_and_needs as ex
from kamlib.data.goals_and_needs import buyer_needs, load_buyers
from kamlib.models.goals_and_needs import NEED_CATEGORIES, VERDICTS, kind_of
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex03_key", ROOT / "exercises" / "keys" / "ex03_goals_and_needs.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(q.id for q in ex.variant(t).quotes), tuple(c.id for c in ex.variant(t).claims))
             for t in TRAINEES[:50]}
    assert len(books) >= 48
    assert len({ex.variant(t).case.id for t in TRAINEES}) == len(ex.cases())


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    assert {q.id for q in ex.quotes()} == set(KEY.QUOTES)
    assert Counter(KEY.QUOTES.values()) == {c: 2 for c in NEED_CATEGORIES}
    for cards in ex.claim_cards().values():  # one slot, one source: a trainee's five differ
        assert len({KEY.CLAIMS[c.id] for c in cards}) == 1
    assert sorted(KEY.CLAIMS[cards[0].id] for cards in ex.claim_cards().values()) == sorted(ex.SOURCES)
    assert set(KEY.CASES) == set(ex.cases())
    for case in ex.cases().values():
        assert sorted(KEY.STATEMENTS[s.id] for s in case.statements) == sorted(VERDICTS)
        assert [KEY.STATEMENTS[s.id] for s in case.statements] != list(VERDICTS)  # the file does not give the order


def test_no_case_answers_like_the_lectures_buyer_with_the_same_job():
    """q3 asks for a reading of the person: the lecture's buyer with the same title (kamlib's raw
    output) never gives the whole answer."""
    by_role = {b.role.en: b.id for b in load_buyers().values()}
    for case in ex.cases().values():
        needs, wishes = buyer_needs(by_role[case.role.en])
        business, personal = KEY.CASES[case.id]
        assert (needs[0], wishes[0]) != (business, personal)
        assert kind_of(business) == "business" and kind_of(personal) == "personal"


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_partial_credit_per_quote_and_half_for_the_right_list():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    first = my.quotes[0].id
    same_list = next(c for c in NEED_CATEGORIES if c != right[first] and kind_of(c) == kind_of(right[first]))
    other_list = next(c for c in NEED_CATEGORIES if kind_of(c) != kind_of(right[first]))
    assert KEY.KEY.mark("q1", {**right, first: same_list}, my).hidden == pytest.approx(7.5 / 8, abs=1e-3)
    assert KEY.KEY.mark("q1", {**right, first: other_list}, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    answer = KEY.KEY.expected("q3", my)
    assert KEY.KEY.mark("q3", {**answer, "personal": "status" if answer["personal"] != "status" else "survival"},
                        my).hidden == 0.5


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex03_goals_and_needs" / "ex03_goals_and_needs.ipynb").read_text())
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
    same = ex.q2.evaluate({c.id: "zaltman" if i < 2 else s for i, (c, s) in enumerate(zip(my.claims, ex.SOURCES, strict=False))},
                          trainee="amy", keys=False)
    assert same.outcome == "not yet" and "same label" in same.message.en
    alike = ex.q4.evaluate({s.id: "both" for s in my.statements}, trainee="amy", keys=False)
    assert alike.outcome == "not yet" and alike.message.en.startswith("You gave every draft")


def test_the_lecture_try_it_tells_safety_from_security():
    assert ex.try_it.evaluate("safety").outcome == "correct"
    assert "Security (安全感) is the person's own" in ex.try_it.evaluate("security").message.en
    assert "not speaking about himself" in ex.try_it.evaluate("status").message.en
    assert ex.try_it.evaluate("cost").outcome == "not yet"
