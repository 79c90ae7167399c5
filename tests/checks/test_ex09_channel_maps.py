"""Exercise 09 v2: a region per trainee, answers marked by the instructor's key outside
the kernel, worked solutions that earn full marks for any trainee, self-checks that never
compute the answer, nothing graded inside kamlib, and a kamlib-calling script that earns
little."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import statistics
from pathlib import Path

import pytest

from kamlib.checks import ex09_channel_maps as ex
from kamlib.checks.framework import COMPLETE, CORRECT, NOT_YET

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = {q.id: q for q in ex.QUESTIONS}
POINTS = {"visible": 1, "hidden": 2}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEYS = _load("ex09_key_for_tests", ROOT / "exercises" / "keys" / "ex09_channel_maps.py")
KEY = KEYS.KEY
CALLER = _load("ex09_caller_for_tests", ROOT / "tests" / "grading" / "callers" / "ex09_channel_maps.py").ANSWERS


def key_answers(my) -> dict:
    """What the key expects, written as a trainee would hand it in."""
    partner = KEYS.fund_partner(my)
    segment = KEYS.visit_first(my)
    return {
        "q1": {"partner": partner, "t_yr": KEYS.inflows(my.map())[partner]},
        "q2": {"segment": segment, "t_yr": KEYS.through_switching(my)[segment]},
        "q3": KEYS.slips(my),
        "q4": {p.id: KEYS.ROLES[p.id] for p in my.parties},
    }


@functools.cache
def variant_and_key_answers(trainee: str):
    """A trainee's variant and the key's answers, drawn once for the four questions' tests."""
    my = ex.variant(trainee)
    return my, key_answers(my)


def points(question: str, answer, my) -> float:
    """Auto points (of 3) the grader gives ``answer``: form first, then the key."""
    value, problem = QUESTIONS[question].form.normalise(answer, my)
    if problem is not None:
        return 0.0
    mark = KEY.mark(question, value, my)
    return POINTS["visible"] * mark.visible + POINTS["hidden"] * mark.hidden


# --- variants ----------------------------------------------------------------------------------


def test_the_same_trainee_always_gets_the_same_region():
    a, b = ex.variant("amy"), ex.variant("amy")
    assert a == b
    assert a.edge_table() == b.edge_table() and a.notes == b.notes and a.drawn == b.drawn


def test_trainees_get_different_regions():
    regions = [ex.variant(f"trainee{i}") for i in range(30)]
    assert len({tuple(map(str, r.edges)) for r in regions}) == 30
    assert len({r.notes for r in regions}) == 30
    assert len({tuple(p.id for p in r.parties) for r in regions}) >= 25


def test_every_region_is_a_sound_lubricant_channel():
    from kamlib.models.channel_maps import channel_map_problems, segment_volumes, supplied_volume

    for i in range(100):
        my = ex.variant(f"t{i}")
        g = my.map()
        assert channel_map_problems(g) == []
        assert sum(segment_volumes(g).values()) == pytest.approx(supplied_volume(g))  # all of it reaches users
        kinds = {a["kind"] for _, a in my.nodes}
        assert {"supplier", "key_account", "distributor", "dealer", "oem", "end_user", "influencer"} <= kinds
        assert g.nodes[my.switching]["kind"] == "distributor"
        assert ex.COMPETITOR.en in g.nodes[my.switching]["brands"].en
        assert len(my.notes) == 11 and len(my.parties) == 6


def test_the_decisions_are_not_ties():
    """Each variant has one clear partner to back and one segment to visit first."""
    for i in range(200):
        my = ex.variant(f"t{i}")
        flow = KEYS.inflows(my.map())
        allowed = sorted((flow[n] for n, a in my.nodes if a["kind"] in ex.RESELLERS
                          and ex.COMPETITOR.en not in a["brands"].en), reverse=True)
        assert len(allowed) < 2 or allowed[0] - allowed[1] > 1.0
        at_stake = sorted(KEYS.through_switching(my).values(), reverse=True)
        assert len(at_stake) < 2 or at_stake[0] - at_stake[1] > 1.0


def test_the_colleague_slips_vary_and_are_few():
    seen = {}
    for i in range(200):
        found = KEYS.slips(ex.variant(f"t{i}"))
        assert 2 <= len(found) <= 3
        for note, label in found.items():
            seen.setdefault(label, set()).add(note)
    assert set(seen) == set(ex.SLIPS)
    # no note id stands for a kind of slip
    assert all(len(notes) >= 5 for notes in seen.values())


# --- the key's answers --------------------------------------------------------------------------


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_the_keys_answer_is_well_formed_and_trips_no_mistake(question):
    q = QUESTIONS[question]
    for i in range(200):
        trainee = f"t{i}"
        my, answers = variant_and_key_answers(trainee)
        answer = answers[question]
        result = q.evaluate(answer, trainee=trainee, keys=False)
        assert result.outcome == COMPLETE, (trainee, result)
        assert points(question, answer, my) == pytest.approx(3.0)


def test_with_the_keys_at_hand_the_self_study_check_says_correct():
    my = ex.variant("selfstudy")
    for question, answer in key_answers(my).items():
        assert QUESTIONS[question].evaluate(answer, trainee="selfstudy").outcome == CORRECT


def _solution_cells() -> dict:
    nb = json.loads((ROOT / "exercises" / "source" / "ex09_channel_maps" / "ex09_channel_maps.ipynb").read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in nb["cells"]
            if c["cell_type"] == "code" and "nbgrader" in c["metadata"]}


def test_the_worked_solution_earns_full_marks_for_any_trainee(monkeypatch):
    cells = _solution_cells()
    for i in range(30):
        trainee = f"solver{i}"
        monkeypatch.setenv("KAMLAB_TRAINEE", trainee)
        ns: dict = {}
        exec(cells["setup"], ns)  # noqa: S102 - the course's own notebook
        ns["plot_channel_map"] = lambda g: None  # no drawing in a unit test
        exec(cells["map"], ns)  # noqa: S102
        my = ex.variant(trainee)
        for question in QUESTIONS:
            exec(cells[f"{question}_answer"], ns)  # noqa: S102
            answer = ns[f"{question}_answer"]
            assert QUESTIONS[question].evaluate(answer, trainee=trainee, keys=False).outcome == COMPLETE
            assert points(question, answer, my) == pytest.approx(3.0), (trainee, question, answer)


def test_a_neighbours_answers_earn_less():
    totals = []
    for i in range(30):
        mine, theirs = ex.variant(f"t{i}"), ex.variant(f"t{i + 1}")
        copied = key_answers(theirs)
        totals.append(sum(points(q, copied[q], mine) for q in QUESTIONS))
    assert max(totals) < 12
    assert statistics.mean(totals) < 4


# --- bad answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "answer", "says"), [
    ("q1", "dist_xishan", "must be a dict with the keys"),
    ("q1", {"partner": "nowhere", "t_yr": 100}, "partner: Your answer must be one of"),
    ("q1", {"partner": "ka_direct", "t_yr": "a lot"}, "t_yr: Your answer must be a number"),
    ("q2", {"segment": "moon", "t_yr": 10}, "segment: Your answer must be one of"),
    ("q2", {"segment": ex.variant("amy").segments[0], "t_yr": -5}, "t_yr: A number from 0"),
    ("q3", {"N99": "share"}, "'N99' not in your list"),
    ("q3", {"N1": "typo"}, "Each label must be one of"),
    ("q3", ["N1"], "must be a dict"),
    ("q4", {"P3K": "user"}, "Label exactly the items"),
])
def test_malformed_answers_get_a_form_problem(question, answer, says):
    result = QUESTIONS[question].evaluate(answer, trainee="amy", keys=False)
    assert result.outcome == NOT_YET
    assert says in result.message.en
    assert result.message.zh and result.message.zh != result.message.en


def _named(my, kind):
    return next(n for n, a in my.nodes if a["kind"] == kind)


def test_the_self_checks_name_impossible_answers():
    my = ex.variant("amy")
    flow = KEYS.inflows(my.map())
    segment = _named(my, "end_user")
    result = ex.q1.evaluate({"partner": segment, "t_yr": flow[segment]}, trainee="amy", keys=False)
    assert "reseller" in result.message.en
    result = ex.q1.evaluate({"partner": my.switching, "t_yr": flow[my.switching]}, trainee="amy", keys=False)
    assert "Northstar" in result.message.en
    exclusive = next(n for n, a in my.nodes if a["kind"] == "distributor" and n != my.switching)
    result = ex.q1.evaluate({"partner": exclusive, "t_yr": flow[exclusive] + 500}, trainee="amy", keys=False)
    assert "inflows" in result.message.en
    result = ex.q2.evaluate({"segment": segment, "t_yr": flow[my.switching] * 2}, trainee="amy", keys=False)
    assert result.outcome == NOT_YET
    notes = {n.id: n for n in my.notes}
    drawn_right = next(i for i in notes if i not in KEYS.slips(my))
    assert "missing" in ex.q3.evaluate({drawn_right: "missing"}, trainee="amy", keys=False).message.en
    assert "every note" in ex.q3.evaluate({i: "share" for i in notes}, trainee="amy", keys=False).message.en
    same = ex.q4.evaluate({p.id: "user" for p in my.parties}, trainee="amy", keys=False)
    assert "same role" in same.message.en


def test_feedback_never_states_an_expected_answer():
    """Every self-check message (hints too) is fixed text: no tonnes, no node of the region."""
    for i in range(20):
        my = ex.variant(f"t{i}")
        right = key_answers(my)
        wrong = {"q1": {"partner": my.switching, "t_yr": 1.0}, "q2": {"segment": my.segments[0], "t_yr": 1e9},
                 "q3": {n.id: "missing" for n in my.notes}, "q4": {p.id: "channel" for p in my.parties}}
        for question, answer in wrong.items():
            message = QUESTIONS[question].evaluate(answer, trainee=f"t{i}", keys=False).message
            text = message.en + message.zh
            assert str(right["q1"]["partner"]) not in text and f"{right['q1']['t_yr']:,.0f}" not in text


def test_every_message_is_bilingual():
    for q in ex.QUESTIONS:
        for text in [q.summary, *q.hints, *(m.message for m in q.mistakes)]:
            assert text.en.strip() and text.zh.strip()
            assert re.search(r"[\u4e00-\u9fff]", text.zh), text.zh


# --- nothing graded in kamlib ---------------------------------------------------------------------


def test_kamlib_holds_no_key():
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "kamlib").rglob("*.py")}
    for path, text in sources.items():
        assert not re.search(r"(from|import)\s+exercises|exercises\.keys", text), path
        for name in ("fund_partner", "through_switching", "visit_first", "def slips"):
            assert name not in text, (path, name)
    data = ROOT / "kamlib" / "data"
    assert not list(data.glob("*hidden*")), "no hidden maps or answers in kamlib/data"
    import yaml

    for record in yaml.safe_load((data / "channel_maps_parties.yaml").read_text(encoding="utf-8")):
        assert set(record) == {"id", "en", "zh"}, "the parties' roles are instructor material"
    assert set(KEYS.ROLES) == {p.id for p in ex.parties()}
    # the variant object carries data, never a verdict
    assert not {"slips", "answer", "expected", "roles"} & set(vars(ex.variant("amy")))


def test_no_kamlib_function_hands_over_the_answer():
    """The kamlib-calling script (tests/grading/callers) earns at most a quarter of the auto points."""
    scores = []
    for i in range(40):
        my = ex.variant(f"caller{i}")
        total = 0.0
        for question, source in CALLER.items():
            ns = {"my": my}
            exec(source, ns)  # noqa: S102 - the course's own hostile answers
            total += points(question, ns[f"{question}_answer"], my)
        scores.append(total / 12)
    assert statistics.mean(scores) <= 0.25, statistics.mean(scores)


# --- the lecture's Try it ------------------------------------------------------------------------


def test_try_it_in_the_lecture():
    from kamlib.data.channel_maps import load_channel_map
    from kamlib.models.channel_maps import route_volumes

    volume = route_volumes(load_channel_map("running_case"))[ex.TRY_IT_ROUTE]
    assert ex.try_it.evaluate(volume).outcome == CORRECT
    assert ex.try_it.evaluate(round(volume)).outcome == CORRECT  # to the nearest tonne
    assert ex.try_it.evaluate(36000 * 0.32 * 0.30 * 0.55).outcome == CORRECT
    assert "added" in ex.try_it.evaluate(36000 * (0.32 + 0.30 + 0.55)).message.en
    assert ex.try_it.evaluate(volume * 2).outcome == NOT_YET
