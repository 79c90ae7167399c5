"""Exercise 11: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex11_bad_example as ex
from kamlib.models.bad_example import contact_shape, links_left, outage_cost
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex11_key", ROOT / "exercises" / "keys" / "ex11_bad_example.py")



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    files = {(ex.variant(t).incident.id, tuple(c.id for c in ex.variant(t).controls), ex.variant(t).per_day)
             for t in TRAINEES[:50]}
    assert len(files) >= 48
    assert {ex.variant(t).incident.id for t in TRAINEES} == set(KEY.FAILURE)


def test_every_pool_item_has_a_key_entry_and_the_verdicts_all_occur():
    assert {c.id for c in ex.control_pool()} == set(KEY.SEES)
    assert {i.id for i in ex.incidents()} == set(KEY.FAILURE)
    verdicts = {KEY.verdict(c, i.id) for c in ex.control_pool() for i in ex.incidents()}
    assert verdicts == set(ex.VERDICTS)
    for incident in ex.incidents():  # in each incident, some control stops it and some cannot see it
        found = {KEY.verdict(c, incident.id) for c in ex.control_pool()}
        assert {"stops", "blind", "too_late"} <= found, incident.id


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_the_outage_runs_from_shutdown_to_restart_and_kamlibs_sum_needs_the_right_inputs():
    for trainee in TRAINEES[:50]:
        my = ex.variant(trainee)
        days = KEY.outage_days(my)
        assert 2 <= days <= 6
        right = outage_cost(days, my.per_day, my.flush_fee + my.reservoir_l * my.price_per_l).total
        assert right == pytest.approx(KEY.outage_total(my))
        # counting from the delivery, or leaving out the new charge of oil, is marked wrong
        from_delivery = (my.log[-1].day - my.log[0].day)
        assert KEY.KEY.mark("q2", {"days": float(from_delivery), "cost": right}, my).hidden == 0.5
        no_oil = outage_cost(days, my.per_day, my.flush_fee).total
        assert KEY.KEY.mark("q2", {"days": days, "cost": no_oil}, my).hidden == 0.5


def test_kamlibs_bow_tie_label_is_the_typical_mistake_and_links_left_is_the_calculator():
    differs = 0
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        lost = sorted(a.id for a in my.accounts if not links_left(list(a.links), "buyer"))
        assert lost == KEY.lost_accounts(my)
        bow_ties = sorted(a.id for a in my.accounts if contact_shape(list(a.links)) == "bow-tie")
        differs += bow_ties != lost
    assert differs > 0.8 * len(TRAINEES)


def test_partial_credit_per_item_and_per_part():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    first = my.controls[0].id
    one_wrong = {**right, first: next(v for v in ex.VERDICTS if v != right[first])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(5 / 6, abs=1e-3)
    stage, owner = KEY.FAILURE[my.incident.id]
    assert KEY.KEY.mark("q3", {"stage": stage, "owner": "driver"}, my).hidden == 0.5


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex11_bad_example" / "ex11_bad_example.ipynb").read_text())
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
    unit = next(t for t in TRAINEES if any(c.stage == "in_service" for c in ex.variant(t).controls))
    stops = ex.q1.evaluate({c.id: "stops" for c in ex.variant(unit).controls}, trainee=unit, keys=False)
    assert stops.outcome == "not yet" and "cannot stop the oil" in stops.message.en
    small = ex.q2.evaluate({"days": 3.0, "cost": 10.0}, trainee="amy", keys=False)
    assert small.outcome == "not yet" and "at least that" in small.message.en
    found = ex.q3.evaluate({"stage": "in_service", "owner": "plant_reliability"}, trainee="amy", keys=False)
    assert found.outcome == "not yet" and "not where it began" in found.message.en
    tonnes = ex.q4.evaluate({"lost": [my.accounts[0].id], "tonnes": my.accounts[0].volume_t + 7},
                            trainee="amy", keys=False)
    assert tonnes.outcome == "not yet" and "not the sum" in tonnes.message.en


def test_the_lecture_try_it_names_why_a_control_does_not_help():
    assert ex.try_it.evaluate("incoming_test").outcome == "correct"
    assert "reads what is written" in ex.try_it.evaluate("label_read").message.en
    assert "already in the turbine" in ex.try_it.evaluate("oil_analysis").message.en
    assert "plant's own check" in ex.try_it.evaluate("pick_check").message.en
