"""Every exercise, round trip with the real nbgrader CLI and the course config.

release/ is what nbgrader makes of source/; the worked solution scores full marks for
two different trainees; the untouched release scores 0; each trainee's own literal
answers score full marks for them and lose points handed in as the neighbour's; a
script that only calls kamlib scores at most a quarter; a question left unanswered loses
exactly its points and no other.

The 简体中文 edition of an exercise (``exNN_stem_zh``) is its own nbgrader assignment,
graded by the same key and variants: ``ex10_spin_selling_zh`` runs with the English
exercises (one extra nbgrader batch); the other zh editions, one batch each, run when
asked for with ``-m all_editions`` (e.g. ``pytest tests/grading/test_roundtrip.py -m all_editions``).
"""

from __future__ import annotations

import importlib
import json
import os

import pytest

from kamgrade.keys import exercise_of
from tests.grading.course import ROOT, Course, cell, source

pytestmark = pytest.mark.slow

ASSIGNMENTS = sorted(p.name for p in (ROOT / "exercises" / "source").iterdir() if p.is_dir())
ZH_IN_DEFAULT_SUITE = "ex10_spin_selling_zh"  # the zh edition graded in every full run


def _param(assignment: str):
    more_zh = assignment.endswith("_zh") and assignment != ZH_IN_DEFAULT_SUITE
    return pytest.param(assignment, marks=[pytest.mark.all_editions] if more_zh else [])


EXERCISES = [_param(a) for a in ASSIGNMENTS]
TRAINEES = ("amy", "bo")
CALLERS = ("caller1",)  # the CLI marks it as the key does; the offline test covers 40 trainees


def questions(nb: dict) -> list[str]:
    return [c["metadata"]["nbgrader"]["grade_id"][:-7] for c in nb["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").endswith("_answer")
            and c["cell_type"] == "code"]


def literal_answers(exercise: str, solution: dict, trainee: str) -> dict[str, str]:
    """The solution's answers for ``trainee``, as literal cells (what a trainee hands in)."""
    from kamlib.i18n import get_language, using_language

    before = os.environ.get("KAMLAB_TRAINEE")
    os.environ["KAMLAB_TRAINEE"] = trainee
    try:
        namespace: dict = {}
        # a zh edition's setup cell switches kamlib to Chinese: undone here, or later tests on this worker see it
        with using_language(get_language()):
            for c in solution["cells"]:
                meta = c.get("metadata", {}).get("nbgrader", {})
                if c["cell_type"] == "code" and not meta.get("grade"):  # everything but the test cells
                    exec(source(c), namespace)  # noqa: S102 -- the course's own worked solution
    finally:
        os.environ.pop("KAMLAB_TRAINEE") if before is None else os.environ.__setitem__("KAMLAB_TRAINEE", before)
    return {q: f"{q}_answer = {json.loads(json.dumps(namespace[f'{q}_answer']))!r}" for q in questions(solution)}


def with_answers(release: dict, answers: dict[str, str]) -> dict:
    nb = json.loads(json.dumps(release))
    for q, text in answers.items():
        cell(nb, f"{q}_answer")["source"] = text
    return nb


@pytest.fixture(scope="module", params=EXERCISES)
def graded(request, tmp_path_factory):
    """One batch per exercise: the worked solution as two trainees, the untouched release,
    amy's own literal answers as amy and as her neighbour dee, and the kamlib caller."""
    exercise = request.param
    course = Course(tmp_path_factory.mktemp(exercise), exercise)
    solution, release = course.solution_notebook(), course.release_notebook()
    for trainee in TRAINEES:
        course.submit(trainee, solution)
    course.submit("untouched", release)
    mine = literal_answers(exercise, solution, "amy_literal")
    course.submit("amy_literal", with_answers(release, mine))
    course.submit("dee_copies_amy", with_answers(release, mine))
    first = questions(release)[0]  # cy's own literal answers, the first question left as released
    cy = literal_answers(exercise, solution, "cy_skips_first")
    course.submit("cy_skips_first", with_answers(release, {q: a for q, a in cy.items() if q != first}))
    callers = importlib.import_module(f"tests.grading.callers.{exercise_of(exercise)}")
    for student in CALLERS:
        course.submit(student, with_answers(release, callers.ANSWERS))
    course.done = course.autograde("--Execute.timeout=30")
    course.exercise = exercise
    return course


def test_release_is_what_nbgrader_makes_of_source(graded):
    committed = json.loads((ROOT / "exercises" / "release" / graded.exercise / f"{graded.exercise}.ipynb").read_text())
    made = graded.release_notebook()
    strip = lambda nb: [(c["cell_type"], source(c), c["metadata"].get("nbgrader")) for c in nb["cells"]]  # noqa: E731
    assert strip(committed) == strip(made)


@pytest.mark.parametrize("trainee", TRAINEES)
def test_the_worked_solution_scores_full_marks_for_any_trainee(graded, trainee):
    scores = graded.scores(trainee)
    assert scores["auto"] == scores["max_auto"] >= 12, scores
    assert graded.review(trainee)["status"] == "graded"


def test_the_untouched_release_scores_zero(graded):
    assert graded.scores("untouched")["auto"] == 0


def test_two_trainees_get_different_variants(graded):
    checks = importlib.import_module(f"kamlib.checks.{exercise_of(graded.exercise)}")
    assert checks.variant("amy") != checks.variant("bo")


def test_literal_answers_score_full_marks_for_their_own_trainee(graded):
    scores = graded.scores("amy_literal")
    assert scores["auto"] == scores["max_auto"], scores


def test_an_unanswered_question_loses_exactly_its_points(graded):
    """cy's own literal answers with the first question left as released: only its points go."""
    release = graded.release_notebook()
    first = questions(release)[0]
    max_points = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"].get("points", 0)
                  for c in release["cells"] if c["cell_type"] == "code"
                  and c.get("metadata", {}).get("nbgrader", {}).get("grade")}
    lost = sum(p for g, p in max_points.items() if g.startswith(f"{first}_"))
    scores = graded.scores("cy_skips_first")
    assert lost > 0
    assert scores["auto"] == pytest.approx(scores["max_auto"] - lost), scores
    assert {g: scores[g] for g in max_points} == {g: 0 if g.startswith(f"{first}_") else p
                                                   for g, p in max_points.items()}


def test_the_neighbours_answers_lose_points(graded):
    """amy's literal answers, handed in by dee: marked against dee's variant."""
    assert graded.scores("dee_copies_amy")["auto"] < graded.scores("amy_literal")["auto"]


def test_the_cli_marks_a_kamlib_caller_as_the_key_does(graded):
    """The hostile kamlib caller, through the real CLI, scores what the offline measurement says
    (tests/checks/test_every_question.py: at most a quarter on average over 40 trainees)."""
    from tests.checks.test_every_question import caller_score

    for student in CALLERS:
        expected = caller_score(graded.exercise, student) * 12
        assert graded.scores(student)["auto"] == pytest.approx(expected, abs=0.02)
