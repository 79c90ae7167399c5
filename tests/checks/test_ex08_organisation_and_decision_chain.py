"""Exercise 08: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from kamlib.checks import ex08_organisation_and_decision_chain as ex
from kamlib.models.organisation_and_decision_chain import ROLES, role_holders, uncovered_roles
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex08_key", ROOT / "exercises" / "keys" / "ex08_organisation_and_decision_chain.py")


def test_a_variant_is_the_same_in_another_process():
    code = ("from kamlib.checks.ex08_organisation_and_decision_chain import variant; "
            "print(repr([(v.personas, v.matrix, v.leaving, v.steps) for v in map(variant, ('amy', 'bo', 't7'))]))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1


def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(p.id for p in ex.variant(t).personas), ex.variant(t).matrix) for t in TRAINEES[:50]}
    assert len(books) >= 48


def test_every_pool_item_has_a_label_and_ids_say_nothing():
    pool = [p.id for case in ex.personas().values() for p in case]
    assert sorted(pool) == sorted(KEY.PERSONAS) and len(set(pool)) == len(pool)
    assert set(KEY.PERSONAS.values()) == set(ROLES)
    for _, steps in ex.chains().values():
        assert sorted(KEY.STEPS[s.id] for s in steps) == sorted(KEY.STAGES)
        assert [KEY.STEPS[s.id] for s in steps] != list(KEY.STAGES)  # the file does not give the order away


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        expected = KEY.KEY.expected(q.id, my)
        result = q.evaluate(expected, trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_kamlibs_raw_coverage_is_the_typical_mistake_and_never_the_answer():
    """Two traps in every casebook: a role covered only by a name (strength 1) or by someone who is
    leaving; uncovered_roles with its defaults misses them."""
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        assert list(uncovered_roles(my.chart, my.matrix)) != KEY.uncovered(my)
        assert 2 <= len(KEY.uncovered(my)) <= 3
        assert my.leaving not in my.chain and my.matrix.best(my.leaving) == 3
        assert KEY.next_contact(my) in my.chain


def test_partial_credit_per_item_and_per_position():
    my = ex.variant("amy")
    right = KEY.KEY.expected("q1", my)
    one_wrong = {**right, my.personas[0].id: next(r for r in ROLES if r != right[my.personas[0].id])}
    assert KEY.KEY.mark("q1", one_wrong, my).hidden == pytest.approx(7 / 8, abs=1e-3)
    gaps = KEY.uncovered(my)
    assert 0 < KEY.KEY.mark("q2", gaps[:-1], my).hidden < 1
    assert KEY.KEY.mark("q2", list(role_holders(my.chart)), my).hidden <= 0.43  # listing every role earns little
    who = KEY.next_contact(my)
    assert KEY.KEY.mark("q3", {"who": who, "why": "top"}, my).hidden == pytest.approx(2 / 3, abs=1e-3)
    order = KEY.chain_order(my)
    assert KEY.KEY.mark("q4", [order[1], order[0], *order[2:]], my).hidden == 0.6


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex08_organisation_and_decision_chain"
                     / "ex08_organisation_and_decision_chain.ipynb").read_text())
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
    held = set(role_holders(my.chart))
    missing = [r for r in ROLES if r not in held]
    if missing:
        assert "nobody in this customer's chart" in ex.q2.evaluate(missing, trainee="amy", keys=False).message.en
    covered = next(p for p in my.chart if my.matrix.best(p) >= 2 and p != my.leaving)
    result = ex.q3.evaluate({"who": covered, "why": "first_gap"}, trainee="amy", keys=False)
    assert result.outcome == "not yet" and "already have a working relationship" in result.message.en


def test_the_lecture_try_it_explains_the_approver():
    assert ex.try_it.evaluate("decider").outcome == "correct"
    assert "signs after the tender" in ex.try_it.evaluate("approver").message.en
    assert "already has a working relationship" in ex.try_it.evaluate("buyer").message.en
