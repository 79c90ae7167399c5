"""Exercise 05: variants, the key, the worked solution and what is special about its questions."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kamlib.checks import ex05_lubricant_industry as ex
from kamlib.models.lubricant_industry import compare_cost_in_use, cost_in_use
from tests.grading.course import ROOT, source

TRAINEES = [f"trainee{i}" for i in range(200)]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = _load("ex05_key", ROOT / "exercises" / "keys" / "ex05_lubricant_industry.py")


def _expected(my) -> dict:
    return {q.id: KEY.KEY.expected(q.id, my) for q in ex.QUESTIONS}



def test_the_same_trainee_always_gets_the_same_variant_and_neighbours_differ():
    assert ex.variant("amy") == ex.variant("amy")
    books = {(tuple(v.id for v in ex.variant(t).vignettes), ex.variant(t).drives.account) for t in TRAINEES[:50]}
    assert len(books) >= 48


def test_every_vignette_has_a_label_ids_say_nothing_and_every_spec_is_used():
    pool = {v.id for v in ex.vignettes()}
    assert pool == set(KEY.VIGNETTES) and set(KEY.VIGNETTES.values()) == set(ex.SPECS)
    for label in ex.SPECS:
        ids = [vid for vid in pool if KEY.VIGNETTES[vid] == label]
        assert len(ids) == 3 and len({vid[0] for vid in ids}) == 3, ids


def test_the_closed_sectors_are_sectors_of_their_products():
    catalogue = ex.products()
    for product, sector in KEY.CLOSED:
        assert sector in catalogue[product][1], (product, sector)


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_keys_answers_are_well_formed_and_trip_no_mistake(trainee):
    my = ex.variant(trainee)
    for q in ex.QUESTIONS:
        result = q.evaluate(_expected(my)[q.id], trainee=trainee, keys=False)
        assert result.outcome == "complete", (q.id, result.message.en)
        assert KEY.KEY.fraction(q.id, result.payload["answer"], my) == 1.0


def test_the_switch_always_saves_and_the_largest_buyer_is_never_the_opportunity():
    """By construction (not by computing answers in kamlib): the transparent lubricant costs less in
    every part, and the sector that buys the most is one we already hold much of."""
    reasons = set()
    for trainee in TRAINEES:
        my = ex.variant(trainee)
        costs = KEY.comparison(my)
        assert all(v <= 0 for v in costs.differences().values()) and costs.saving > 0
        assert my.drives.drives >= 2
        assert max(my.opportunity.rows, key=lambda r: r[2])[0] != KEY.best_sector(my)
        reasons.add(KEY.reason(my))
    assert reasons == {"open_volume", "spec"}


def test_kamlibs_raw_comparison_is_a_typical_mistake():
    """One drive, the graphite grease counted as ours, the cleaning fee alone: each loses the points."""
    for trainee in TRAINEES[:40]:
        my = ex.variant(trainee)
        d = my.drives
        one = compare_cost_in_use(cost_in_use(**d.graphite, **d.shared), cost_in_use(**d.transparent, **d.shared))
        mark = KEY.KEY.mark("q2", {"saving_cny": one.saving, "payback_months": 1.0}, my)
        assert mark.hidden == 0.0
        if not KEY.ours(my):
            assert KEY.KEY.mark("q3", {"before_t": one.current.t_per_year * d.drives,
                                       "after_t": one.proposed.t_per_year * d.drives}, my).hidden == 0.5


def _solution_answers(trainee: str, monkeypatch) -> dict:
    monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
    nb = json.loads((ROOT / "solutions" / "ex05_lubricant_industry" / "ex05_lubricant_industry.ipynb").read_text())
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
    units = ex.q2.evaluate({"saving_cny": 5e8, "payback_months": 0.01}, trainee="amy", keys=False)
    assert units.outcome == "not yet" and "per tonne" in units.message.en
    assert not any(ch.isdigit() for ch in units.message.en)
    same = ex.q3.evaluate({"before_t": 4.0, "after_t": 4.0}, trainee="amy", keys=False)
    assert same.outcome == "not yet" and "changes the tonnes" in same.message.en
    everything = {v.id: "bn40" for v in my.vignettes}
    assert ex.q1.evaluate(everything, trainee="amy", keys=False).message.en.startswith("You gave every account")


def test_the_lecture_try_it_catches_the_lubricant_only_break_even():
    assert ex.try_it.evaluate(62.24).outcome == "correct"
    assert ex.try_it.evaluate(62.2).outcome == "correct"
    wrong = ex.try_it.evaluate(round(105000 / 1900, 2))
    assert wrong.outcome == "not yet" and "lubricant cost only" in wrong.message.en
