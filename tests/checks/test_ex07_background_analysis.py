"""Exercise 07: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex07_background_analysis as ex
from kamlib.models.background_analysis import FORCES, PEST, SWOT, junction_volumes
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex07_key", ROOT / "exercises" / "keys" / "ex07_background_analysis.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    files = {(tuple(f.id for f in ex.variant(t).facts), ex.variant(t).segments) for t in TRAINEES[:50]}
    assert len(files) >= 48


def test_every_pool_item_has_a_label_and_the_pools_are_balanced():
    assert {f.id for f in ex.facts()} == set(KEY.FACTS)
    assert {f.id for f in ex.force_facts()} == set(KEY.FORCE_FACTS)
    assert {i.id for i in ex.swot_items()} == set(KEY.SWOT_ITEMS)
    assert {n.id for n in ex.notes()} == set(KEY.LOCKED)
    for labels, options, each in ((KEY.FACTS, PEST, 4), (KEY.FORCE_FACTS, FORCES, 3), (KEY.SWOT_ITEMS, SWOT, 3)):
        assert sorted(labels.values()) == sorted(o for o in options for _ in range(each))
    assert sorted(KEY.LOCKED.values()) == [False] * 3 + [True] * 3


def test_no_graded_item_repeats_what_the_lecture_shows():
    from kamlib.data.background_analysis import load_forces, load_pest, load_swot

    shown = {f.text.en for f in load_pest()} | {i.text.en for i in load_swot().items}
    shown |= {e.text.en for v in load_forces().values() for e in v.evidence}
    graded = [i.text.en for pool in (ex.facts(), ex.force_facts(), ex.swot_items()) for i in pool]
    assert not set(graded) & shown
    assert ex.TRY_IT_FACT.en not in graded


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_the_competitors_biggest_segment_is_often_not_where_share_can_be_won():
    """kamlib's raw numbers (the most competitor tonnes) are the typical mistake: locked volume."""
    wrong = 0
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        volumes = junction_volumes(my.map(), my.competitors)
        held = {s: sum(v for p, v in row.items() if p != "harbourlight") for s, row in volumes.items()}
        top = max(held, key=held.get)
        wrong += KEY.KEY.mark("q3", {"segment": top, "t_yr": held[top]}, my).hidden < 1
    assert wrong >= 0.8 * len(TRAINEES)


def test_partial_credit_per_item_and_per_part():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    one_wrong = {**right, my.facts[0].id: next(c for c in PEST if c != right[my.facts[0].id])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    best = KEY.KEY.expected("q3", my)
    assert KEY.KEY.mark("q3", {**best, "t_yr": best["t_yr"] + 5000}, my).hidden == pytest.approx(1 / 3, abs=1e-3)


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex07_background_analysis" / "ex07_background_analysis.ipynb").read_text())
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
    segment = my.segments[0]
    much = ex.q3.evaluate({"segment": segment, "t_yr": 10 ** 6}, trainee="amy", keys=False)
    assert much.outcome == "not yet" and much.message.en.startswith("Your t/yr is more than all the competitors")
    alike = ex.q4.evaluate({i.id: "strength" for i in my.swot}, trainee="amy", keys=False)
    assert alike.outcome == "not yet" and "same quadrant" in alike.message.en


def test_the_lecture_try_it_points_at_who_decides():
    assert ex.try_it.evaluate("political").outcome == "correct"
    assert "ask who decides" in ex.try_it.evaluate("technological").message.en
