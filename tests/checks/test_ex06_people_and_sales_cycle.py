"""Exercise 06: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex06_people_and_sales_cycle as ex
from kamlib.models.people_and_sales_cycle import SOCIAL_STYLES
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex06_key", ROOT / "exercises" / "keys" / "ex06_people_and_sales_cycle.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {tuple(p.id for p in ex.variant(t).people) for t in TRAINEES[:50]}
    assert len(books) >= 48


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    assert {p.id for p in ex.people()} == set(KEY.PEOPLE)
    for style in SOCIAL_STYLES:
        ids = [pid for pid, s in KEY.PEOPLE.items() if s == style]
        assert len(ids) == 6 and len({i[0] for i in ids}) == 6, ids
    for _, _, moments in ex.conversations().values():
        assert sorted(KEY.MOMENTS[m.id] for m in moments) == sorted(KEY.STAGES)
        assert [KEY.MOMENTS[m.id] for m in moments] != list(KEY.STAGES)  # the file does not give the order away
    for openings in ex.opening_sets().values():
        assert sorted(KEY.OPENINGS[o.id] for o in openings) == sorted([*SOCIAL_STYLES, "none"])


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_one_member_fits_and_each_other_breaks_exactly_one_rule():
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        assert sorted(KEY.staffing(c, my) for c in my.candidates) == sorted(ex.STAFFING)
        assert my.contacts[0].style != my.contacts[1].style


def test_partial_credit_per_item_and_per_position():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    one_wrong = {**right, my.people[0].id: next(s for s in SOCIAL_STYLES if s != right[my.people[0].id])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    order = KEY.cycle_order(my)
    swapped = [order[1], order[0], *order[2:]]
    assert KEY.KEY.mark("q2", swapped, my).hidden == 0.6


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex06_people_and_sales_cycle" / "ex06_people_and_sales_cycle.ipynb")
                    .read_text())
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
    same = ex.q3.evaluate({"first": my.openings[0].id, "second": my.openings[0].id}, trainee="amy", keys=False)
    assert same.outcome == "not yet" and "same opening" in same.message.en
    fits = ex.q4.evaluate({c.id: "fits" if i < 2 else "region" for i, c in enumerate(my.candidates)},
                          trainee="amy", keys=False)
    assert fits.outcome == "not yet" and fits.message.en.startswith("More than one member")


def test_the_lecture_try_it_names_the_scale_that_was_misread():
    assert ex.try_it.evaluate("expressive").outcome == "correct"
    assert "tell end of assertiveness" in ex.try_it.evaluate("amiable").message.en
    assert "emotes end of responsiveness" in ex.try_it.evaluate("driver").message.en
    assert ex.try_it.evaluate("Expressive").outcome == "not yet"  # spelled as in SOCIAL_STYLES
