"""Exercise 02: variants, the key, the worked solution and the hostile kamlib caller."""

from __future__ import annotations

import importlib.util
import json
import statistics

import pytest

from kamlib import abc_classes, score_accounts
from kamlib.checks import ex02_key_accounts as ex
from kamlib.checks.framework import ____
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex02_key", ROOT / "exercises" / "keys" / "ex02_key_accounts.py")


def _expected(my) -> dict:
    open_two = KEY.most_open(my)
    return {"q1": KEY.definitions(my),
            "q2": {"accounts": sorted(a.id for a in open_two), "open_t": sum(KEY.open_volume(a) for a in open_two)},
            "q3": {"join": sorted(KEY.a_list(my.potentials()) - KEY.a_list(my.volumes())),
                   "drop": sorted(KEY.a_list(my.volumes()) - KEY.a_list(my.potentials()))},
            "q4": KEY.cell_changes(my)}


def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    portfolios = {tuple(ex.variant(t).ids) for t in TRAINEES[:50]}
    assert len(portfolios) >= 45


def test_every_situation_has_a_label_in_the_key_and_ids_say_nothing():
    pool = {s.id for s in ex.situations()}
    assert pool == set(KEY.SITUATIONS)
    for label in ex.DEFINITIONS:
        ids = [sid for sid in pool if KEY.SITUATIONS[sid] == label]
        assert len(ids) == 4
        assert len({sid[0] for sid in ids}) == 4, ids  # no shared prefix to tell a label by


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        result = q.evaluate(_expected(my)[q.id], trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex02_key_accounts" / "ex02_key_accounts.ipynb").read_text())
    namespace: dict = {}
    for c in nb["cells"]:
        grade_id = c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if c["cell_type"] == "code" and (grade_id == "setup" or grade_id.endswith("_answer")):
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


def test_a_neighbours_answers_earn_less(monkeypatch):
    lost = 0
    for mine, theirs in zip(TRAINEES[:20], TRAINEES[20:40], strict=True):
        answers = _solution_answers(theirs, monkeypatch)
        my = ex.variant(mine)
        total = sum(KEY.KEY.mark(q, getattr(ex, q).form.normalise(a, my)[0], my).hidden
                    for q, a in answers.items() if getattr(ex, q).form.normalise(a, my)[1] is None)
        lost += total < 4
    assert lost == 20


def test_mistakes_are_named_without_values():
    my = ex.variant("amy")
    result = ex.q2.evaluate({"accounts": my.ids[:2], "open_t": 1.0}, trainee="amy", keys=False)
    assert result.outcome == "not yet" and "wallet" in result.message.en
    assert not any(ch.isdigit() for ch in result.message.en)
    everything = {s.id: "large" for s in my.situations}
    assert ex.q1.evaluate(everything, trainee="amy", keys=False).message.en.startswith("You gave every situation")


def test_a_kamlib_caller_scores_at_most_a_quarter_on_average():
    caller = _load("ex02_caller", ROOT / "tests" / "grading" / "callers" / "ex02_key_accounts.py")
    totals = []
    for trainee in TRAINEES[:60]:
        my = ex.variant(trainee)
        namespace = {"my": my, "abc_classes": abc_classes, "score_accounts": score_accounts, "____": ____}
        points = 0.0
        for qid, text in caller.ANSWERS.items():
            exec(text, namespace)
            value, problem = getattr(ex, qid).form.normalise(namespace[f"{qid}_answer"], my)
            if problem is None:
                mark = KEY.KEY.mark(qid, value, my)
                points += mark.visible + 2 * mark.hidden
        totals.append(points / 12)
    assert statistics.mean(totals) <= 0.25, statistics.mean(totals)
