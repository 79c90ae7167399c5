"""What every exercise question must do, for every exercise (found by glob).

* every question has a marker in the instructor's key, and nothing else does;
* every message a trainee reads has a Chinese version;
* the self-check never says a leaf value of the key's answer that the trainee did not
  already have (their own answer, the ids of their own variant);
* forms turn junk into a problem message, never an internal error;
* a script that only calls kamlib scores at most a quarter (tests/grading/callers).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.checks.framework import Mistake, ____
from tests.grading.course import ROOT

EXERCISES = sorted(p.stem for p in (ROOT / "exercises" / "keys").glob("ex*.py"))
TRAINEES = [f"t{i}" for i in range(40)]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def key_of(exercise):
    return _load(f"key_{exercise}", ROOT / "exercises" / "keys" / f"{exercise}.py").KEY


def checks_of(exercise):
    return importlib.import_module(f"kamlib.checks.{exercise}")


SAME_VARIANT_EXERCISES = [e for e in EXERCISES if e != "ex08_organisation_and_decision_chain"]


@pytest.fixture(scope="module")
def variants_per_hash_seed() -> list[dict[str, str]]:
    """Each exercise's variants for three trainees, drawn in three processes with different hash seeds."""
    code = ("import importlib, json, sys\n"
            "print(json.dumps({e: repr([importlib.import_module(f'kamlib.checks.{e}').variant(t)\n"
            "                           for t in ('amy', 'bo', 'trainee7')]) for e in sys.argv[1:]}))")
    return [json.loads(subprocess.run([sys.executable, "-c", code, *SAME_VARIANT_EXERCISES], capture_output=True,
                                      text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout)
            for seed in ("1", "2", "3")]


@pytest.mark.parametrize("exercise", SAME_VARIANT_EXERCISES)
def test_a_variant_is_the_same_in_another_process(exercise, variants_per_hash_seed):
    """The grader and the trainee's kernel draw the same variant: nothing may depend on hash order.
    (ex08's variant holds a graph whose repr has an address: its own test compares the fields.)"""
    seen = {variants[exercise] for variants in variants_per_hash_seed}
    assert len(seen) == 1 and seen != {"[]"}, seen


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_question_has_a_marker_and_nothing_else_does(exercise):
    assert sorted(q.id for q in checks_of(exercise).QUESTIONS) == sorted(key_of(exercise).markers)
    assert len(checks_of(exercise).QUESTIONS) >= 4


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_message_has_a_chinese_version(exercise):
    for q in checks_of(exercise).QUESTIONS:
        texts = [q.summary, *q.hints, *(m.message for m in q.mistakes)]
        assert q.hints, q.id
        for text in texts:
            assert CJK.search(text.zh), (q.id, text.zh)


def _leaves(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_leaves(v) | {str(k)} for k, v in value.items())) if value else set()
    if isinstance(value, (list, tuple, set)):
        return set().union(*(_leaves(v) for v in value)) if value else set()
    if isinstance(value, float):
        return {f"{value:g}", f"{round(value)}"}
    return {str(value)}


def _form_strings(form, data) -> set[str]:
    """The ids and labels a form offers the trainee (its choices are theirs to see)."""
    from kamlib.checks import framework as fw

    if isinstance(form, fw.Parts):
        return set(form.parts).union(*(_form_strings(f, data) for f in form.parts.values()))
    offered = []
    if isinstance(form, fw.OneOf):
        offered = form.choices(data)
    elif isinstance(form, (fw.Labels, fw.Assign)):
        offered = [*form.items(data), *(form.labels(data) if callable(form.labels) else form.labels)]
    elif isinstance(form, fw.Ids):
        offered = form.pool(data)
    return {str(x) for x in offered}


def _visible_ids(data, depth: int = 0) -> set[str]:
    """Every short string in the trainee's own variant (ids, names): theirs to see."""
    import dataclasses

    if depth > 6:
        return set()
    if isinstance(data, str):
        return {data} if len(data) <= 40 else set()
    if dataclasses.is_dataclass(data):
        return set().union(set(), *(_visible_ids(getattr(data, f.name), depth + 1) for f in dataclasses.fields(data)))
    if isinstance(data, dict):
        return set().union(set(), *(_visible_ids(k, depth + 1) | _visible_ids(v, depth + 1) for k, v in data.items()))
    if isinstance(data, (list, tuple, set, frozenset)):
        return set().union(set(), *(_visible_ids(v, depth + 1) for v in data))
    return set()


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_self_check_never_says_a_value_of_the_key(exercise):
    key, checks = key_of(exercise), checks_of(exercise)
    for trainee in TRAINEES[:15]:
        data = checks.variant(trainee)
        for q in checks.QUESTIONS:
            expected = key.expected(q.id, data)
            if expected is None:
                continue
            public = _visible_ids(data) | _form_strings(q.form, data) | {"True", "False", "0", "1"}
            secret = _leaves(expected) - public
            for answer in _wrong_answers(expected):
                result = q.evaluate(answer, trainee=trainee, keys=False)
                said = str(result.message.en) + str(result.message.zh)
                told = {leaf for leaf in secret - _leaves(answer) if re.search(rf"\b{re.escape(leaf)}\b", said)}
                assert not told, (q.id, answer, said)


def _wrong_answers(expected) -> list:
    if isinstance(expected, dict):
        return [{}, {k: "x" for k in expected}, {k: v for k, v in list(expected.items())[:1]}]
    if isinstance(expected, list):
        return [[], expected[:1], ["x"]]
    if isinstance(expected, float):
        return [0.0, expected * 2 + 1]
    return ["x", ""]


_junk = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.binary(max_size=5),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                     max_leaves=12)


@pytest.mark.parametrize("exercise", EXERCISES)
@settings(max_examples=60, deadline=None)
@given(junk=_junk)
def test_forms_turn_junk_into_a_message(exercise, junk):
    checks = checks_of(exercise)
    data = checks.variant("amy")
    for q in checks.QUESTIONS:
        value, problem = q.form.normalise(junk, data)
        if problem is None:
            json.dumps(value)  # a well-formed answer is plain JSON
        else:
            assert problem.en and problem.zh


def caller_score(assignment: str, trainee: str) -> float:
    """What the hostile kamlib caller (tests/grading/callers) earns for ``trainee``, as a
    fraction of the auto points: the release's setup cell and the caller's cells run
    in-process, each answer marked by the key (as the grader does). ``assignment`` may be
    a zh edition (``exNN_stem_zh``): its setup cells then set the language to Chinese for
    the measurement, and the caller reads the Chinese texts; a caller cell that raises
    earns nothing, as in the grader."""
    from kamgrade.keys import exercise_of
    from kamlib.i18n import get_language, using_language

    exercise = exercise_of(assignment)
    key, checks = key_of(exercise), checks_of(exercise)
    caller = importlib.import_module(f"tests.grading.callers.{exercise}")
    release = json.loads((ROOT / "exercises" / "release" / assignment / f"{assignment}.ipynb").read_text())
    setup = [("".join(c["source"])) for c in release["cells"]
             if c["cell_type"] == "code" and not c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and c.get("metadata", {}).get("nbgrader", {}).get("locked")]
    before = os.environ.get("KAMLAB_TRAINEE")
    os.environ["KAMLAB_TRAINEE"] = trainee
    try:
        with using_language(get_language()):  # a zh edition's setup cell switches to Chinese: undone here
            namespace = {"____": ____}
            for text in setup:
                exec(text, namespace)
            data, points = checks.variant(trainee), 0.0
            for qid, text in caller.ANSWERS.items():
                try:
                    exec(text, namespace)
                except Exception:  # the cell fails in the grader too: no answer, no points
                    continue
                value, problem = getattr(checks, qid).form.normalise(namespace[f"{qid}_answer"], data)
                if problem is None:
                    mark = key.mark(qid, value, data, course_secret_for_tests())
                    points += mark.visible + 2 * mark.hidden
    finally:
        os.environ.pop("KAMLAB_TRAINEE") if before is None else os.environ.__setitem__("KAMLAB_TRAINEE", before)
        import matplotlib.pyplot as plt

        plt.close("all")  # setup cells may draw the trainee's map
    return points / (3 * len(checks.QUESTIONS))


def course_secret_for_tests() -> bytes:
    return b""


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_kamlib_caller_scores_at_most_a_quarter_on_average(exercise):
    totals = [caller_score(exercise, trainee) for trainee in TRAINEES]
    assert statistics.mean(totals) <= 0.25, (exercise, statistics.mean(totals), max(totals))


def test_mistakes_are_data_not_answers():
    """A Mistake recognises a wrong answer; it must not be a disguised reference (no 'expected')."""
    for exercise in EXERCISES:
        for q in checks_of(exercise).QUESTIONS:
            for mistake in q.mistakes:
                assert isinstance(mistake, Mistake)
                assert "expected" not in mistake.matches.__code__.co_names
