"""Hostile submissions graded in one batch with the real nbgrader CLI, beside honest ones.

With the defences (the default) every hostile submission scores what it earned or is
flagged/ungraded for review, the batch finishes and the honest grades do not move.
The same batch under plain nbgrader (``KAMLAB_DEFENCES=off``) shows the attacks that
work there, so these tests can fail: see tests/grading/HOSTILE.md.
"""

import json
import os

import pytest

from tests.grading.course import Course, replace_answer
from tests.grading.hostile import CASES, HONEST
from tests.grading.wrong_answers import SWAPPED_AXES

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"
TIMEOUT = "--Execute.timeout=8"
BY_NAME = {case.name: case for case in CASES}


def _submit_all(course: Course, cases) -> None:
    solution, release = course.solution_notebook(), course.release_notebook()
    course.submit("solution", solution)
    course.submit("untouched", release)
    course.submit("wrong_q2", replace_answer(solution, "q2_answer", SWAPPED_AXES))
    for case in cases:
        course.submit(case.name, case.build(solution, release))


def _review(course: Course, student: str) -> dict:
    path = course.path / "review" / ASSIGNMENT / student / f"{ASSIGNMENT}.json"
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def defended(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("hostile"), ASSIGNMENT)
    _submit_all(course, CASES)
    course.batch = course.nbgrader("autograde", ASSIGNMENT, "--create", "--force", TIMEOUT, check=False)
    return course


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The same class under plain nbgrader; duplicated_cells is left out because it stops
    plain nbgrader's whole batch (test_plain_nbgrader_duplicated_cells_stop_the_batch)."""
    old = os.environ.get("KAMLAB_DEFENCES")
    os.environ["KAMLAB_DEFENCES"] = "off"
    try:
        course = Course(tmp_path_factory.mktemp("plain"), ASSIGNMENT)
        _submit_all(course, [c for c in CASES if c.name != "duplicated_cells"])
        course.batch = course.nbgrader("autograde", ASSIGNMENT, "--create", "--force", TIMEOUT, check=False)
    finally:
        os.environ.pop("KAMLAB_DEFENCES") if old is None else os.environ.__setitem__("KAMLAB_DEFENCES", old)
    return course


def test_the_suite_covers_the_required_kinds():
    kinds = " ".join(case.kind for case in CASES)
    for needed in ("edited test", "deleted test", "duplicated", "points", "redefined checker", "patched kamlib",
                   "__eq__", "AST transformers", "input transformers", "source notebook", "gradebook",
                   "sys.exit", "os._exit", "SIGINT", "fake", "huge output"):
        assert needed in kinds, needed
    assert len(CASES) >= 15


def test_the_defended_batch_finishes(defended):
    assert defended.batch.returncode == 0, defended.batch.stdout[-3000:] + defended.batch.stderr[-3000:]
    graded = {p.parent.parent.name for p in (defended.path / "autograded").glob(f"*/{ASSIGNMENT}/*.ipynb")}
    assert graded == set(HONEST) | set(BY_NAME)


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_grades_are_unchanged_and_unflagged(defended, student):
    scores = defended.scores(student)
    assert scores["auto"] == HONEST[student]
    assert scores["max_auto"] == 12
    review = _review(defended, student)
    assert review["status"] == "graded", review
    assert review["findings"] == [] and review["ungraded"] == []
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{defended.path / 'gradebook.db'}") as gb:
        submission = gb.find_submission(ASSIGNMENT, student)
        assert all(g.manual_score is None for nb in submission.notebooks for g in nb.grades)  # nobody wrote them
        assert not gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student).flagged


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_hostile_scores_what_it_earned_or_is_held_for_review(defended, name):
    case = BY_NAME[name]
    scores, review = defended.scores(name), _review(defended, name)
    assert scores["max_auto"] == 12, "points metadata must not change what a question is worth"
    assert review["status"] == case.expect if case.expect == "ungraded" else review["status"] != "graded", review
    if case.expect == "earned":
        assert scores["auto"] == case.earned, (scores, review)
    else:  # ungraded: what ran is scored, the submission waits for the instructor
        assert review["ungraded"], review
        assert scores["auto"] == case.earned
    if case.flag:
        assert review["findings"] or review["ungraded"], review


def test_sandbox_hides_source_and_gradebook(defended):
    """The two file attacks failed for the sandbox's reason, not by luck."""
    read = json.loads((defended.path / "autograded" / "read_source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    names = {o.get("evalue", "") for c in read["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"}
    assert any("weighted_score" in n for n in names)  # nothing was defined: source/ was not there to read
    assert (defended.path / "gradebook.db").exists()


def test_huge_output_is_cut(defended):
    path = defended.path / "autograded" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 2_000_000


def test_export_says_ungraded_not_zero(defended):
    dest = defended.path / "grades.csv"
    defended.nbgrader("export", f"--to={dest}")
    import csv

    rows = {r["student_id"]: r for r in csv.DictReader(dest.open())}
    for name in ("os_exit", "hang"):
        assert rows[name]["status"] == "ungraded" and rows[name]["score"] == "", rows[name]
        assert "died" in rows[name]["reasons"] or "timed out" in rows[name]["reasons"]
    assert rows["solution"]["status"] == "graded" and float(rows["solution"]["score"]) == 12
    assert rows["ast_transformer"]["status"] == "flagged"


def test_review_csv_lists_held_submissions_with_reasons(defended, tmp_path):
    import csv
    import sys

    from tests.grading.course import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    import grade

    dest = tmp_path / "review.csv"
    assert grade.main(["report", ASSIGNMENT, "--course", str(defended.path), "--to", str(dest)]) == 0
    rows = list(csv.DictReader(dest.open()))
    assert any(r["student"] == "ast_transformer" and r["status"] == "flagged" and "AST transformers" in r["reason"]
               for r in rows)
    assert any(r["student"] == "hang" and r["status"] == "ungraded" and r["kind"] == "ungraded" for r in rows)
    assert all(r["status"] == "graded" and r["reason"] == "" for r in rows if r["student"] in HONEST)
    assert {r["student"] for r in rows} == set(HONEST) | set(BY_NAME)


# --- what plain nbgrader does with the same class (the "plain" column of HOSTILE.md) --------------

def test_plain_nbgrader_is_fooled(plain):
    """If these start failing, nbgrader learnt a defence: update HOSTILE.md."""
    assert plain.scores("ast_transformer")["auto"] == 12
    assert plain.scores("input_transformer")["auto"] == 12
    assert plain.scores("read_source")["auto"] == 12
    assert plain.scores("redefined_checkers")["auto"] == 8
    assert plain.scores("patched_stdlib")["auto"] == 3


def test_plain_nbgrader_lets_a_submission_rewrite_grades(plain):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{plain.path / 'gradebook.db'}") as gb:
        assert gb.find_submission(ASSIGNMENT, "write_gradebook").score == 16
        assert gb.find_submission(ASSIGNMENT, "solution").score == 0  # graded earlier, zeroed by the attack


def test_plain_nbgrader_leaves_killed_and_hung_submissions_unscored(plain):
    for name in ("os_exit", "hang"):
        scores = plain.scores(name)
        assert scores["auto"] == 0  # and `nbgrader export` would say 0.0, not "ungraded"


def test_plain_nbgrader_duplicated_cells_stop_the_batch(tmp_path):
    old = os.environ.get("KAMLAB_DEFENCES")
    os.environ["KAMLAB_DEFENCES"] = "off"
    try:
        course = Course(tmp_path, ASSIGNMENT)
        course.submit("a_duplicated", BY_NAME["duplicated_cells"].build(course.solution_notebook(), course.release_notebook()))
        course.submit("b_solution", course.solution_notebook())
        done = course.nbgrader("autograde", ASSIGNMENT, "--create", "--force", TIMEOUT, check=False)
    finally:
        os.environ.pop("KAMLAB_DEFENCES") if old is None else os.environ.__setitem__("KAMLAB_DEFENCES", old)
    assert done.returncode != 0
    assert not (course.path / "autograded" / "b_solution").exists()
