"""Hostile submissions graded with the real nbgrader CLI, beside honest ones, in both modes:
``nbgrader autograde`` with the course config, and ``python -m kamgrade autograde`` (make grade).

Every hostile kind scores exactly what its own answers earn, and is flagged or ungraded
with a reason; honest submissions (logging and warnings included) score full marks and
nothing is held; no trainee's score or file and no other row of the gradebook changes;
the batch finishes and lists every trainee exactly once. See tests/grading/HOSTILE.md.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat

import pytest

from tests.grading.course import ROOT, Course, cell, mix, replace_answer
from tests.grading.hostile import CASES, HONEST, WRONG_Q1

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"
LIMITS = ("--Execute.timeout=8", "--SandboxedExecute.notebook_timeout=20")
BY_NAME = {case.name: case for case in CASES}


def _key():
    spec = importlib.util.spec_from_file_location("ex02_key", ROOT / "exercises" / "keys" / f"{ASSIGNMENT}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrong_q1(student: str) -> str:
    """A literal q1 answer the key marks wrong on every one of ``student``'s situations."""
    from kamlib.checks.ex02_key_accounts import DEFINITIONS, variant

    right = _key().definitions(variant(student))
    wrong = {item: next(label for label in DEFINITIONS if label != answer) for item, answer in right.items()}
    return f"q1_answer = {wrong!r}"


def _fill(nb: dict, student: str) -> dict:
    text = json.dumps(nb).replace(json.dumps(WRONG_Q1)[1:-1], json.dumps(wrong_q1(student) + "\n")[1:-1])
    return json.loads(text)


def _submit_all(course: Course) -> None:
    solution, release = course.solution_notebook(), course.release_notebook()
    course.submit("solution", solution)
    course.submit("untouched", release)
    course.submit("wrong_q1", replace_answer(mix(solution, release, ("q2", "q3", "q4")), "q1_answer", wrong_q1("wrong_q1")))
    for case in CASES:
        folder = course.folder(case.name)
        nb = case.build(solution, release)
        if nb is not None:
            course.submit(case.name, _fill(nb, case.name))
        for name, text in case.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        for name, target in case.links.items():
            os.symlink(course.path / target, folder / name)


def _snapshot(course: Course) -> dict:
    """Every file outside the students' own rows that grading must not touch."""
    keep = {}
    for path in sorted(course.path.rglob("*")):
        rel = path.relative_to(course.path)
        if rel.parts[0] in ("source", "release", "keys", "nbgrader_config.py", ".kamlab_secret") and path.is_file():
            keep[str(rel)] = path.read_bytes()
    return keep


MODES = ("nbgrader", "make grade")


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """The same class graded in both modes at once (plain nbgrader is serial: the two
    batches share the machine's cores)."""
    from concurrent.futures import ThreadPoolExecutor

    from kamgrade.keys import course_secret

    courses = {}
    for mode in MODES:
        course = Course(tmp_path_factory.mktemp(mode.replace(" ", "_")), ASSIGNMENT)
        course_secret(course.path)
        _submit_all(course)
        course.mode, course.before = mode, _snapshot(course)
        courses[mode] = course
    with ThreadPoolExecutor(2) as pool:
        runs = {mode: pool.submit(c.autograde if mode == "nbgrader" else c.grade,
                                  *(LIMITS if mode == "nbgrader" else ("--", *LIMITS)))
                for mode, c in courses.items()}
        for mode, future in runs.items():
            courses[mode].done = future.result()
    return courses


@pytest.fixture(params=MODES)
def batch(request, batches):
    return batches[request.param]


def test_both_modes_give_the_same_scores(batches):
    students = [*HONEST, *BY_NAME]
    plain, parallel = (batches[m] for m in MODES)
    assert {s: plain.scores(s)["auto"] for s in students} == {s: parallel.scores(s)["auto"] for s in students}
    assert {s: plain.review(s)["status"] for s in students} == {s: parallel.review(s)["status"] for s in students}


def test_hostile_md_lists_every_kind():
    table = (ROOT / "tests" / "grading" / "HOSTILE.md").read_text(encoding="utf-8")
    for name in [*HONEST, *BY_NAME]:
        assert f"| {name} |" in table, f"HOSTILE.md has no row for {name}: rerun python -m tests.grading.hostile_table"


def test_the_suite_covers_every_kind_of_the_review():
    kinds = " ".join(case.kind for case in CASES)
    for needed in ("edited test", "deleted test", "duplicated", "points", "redefined checker", "patched kamlib",
                   "__eq__", "AST transformers", "input transformers", "instructor's material", "gradebook",
                   "sys.exit", "os._exit", "SIGINT", "fake", "huge output", "stack frames", "copy of kamlib beside",
                   "copy of kamlib written", "stdlib building block", "comm handler", "custom exception handler",
                   "background thread", "notebook is a link", "file the notebook reads is a link",
                   "output notebook with a link", "schema_version", "pasted", "memory", "processes", "1 GiB file",
                   "disk", "sleeps past", "network", "logs and warns", "computed getattr", "own \"tests passed\""):
        assert needed in kinds, needed


def test_the_batch_finishes_and_lists_everyone_once(batch):
    from kamgrade.export import class_status

    rows, problems = class_status(batch.path, ASSIGNMENT)
    assert problems == []
    assert sorted(r["student_id"] for r in rows) == sorted([*HONEST, *BY_NAME])
    if batch.mode == "make grade":  # its exit status says some are ungraded, and who
        assert batch.done.returncode == 3, batch.done.stdout[-2000:] + batch.done.stderr[-2000:]
        assert "ungraded os_exit" in " ".join(batch.done.stdout.split())


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_grades_are_exact_and_nothing_is_held(batch, student):
    scores, review = batch.scores(student), batch.review(student)
    assert (scores["auto"], scores["max_auto"]) == (HONEST[student], 12)
    assert review["status"] == "graded", review
    assert scores["q5_answer"] is None or scores["q5_answer"] == 0  # nobody wrote a manual score


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_kind_scores_what_it_earned_and_says_why(batch, name):
    case = BY_NAME[name]
    review = batch.review(name)
    assert review["status"] == case.expect, (review, batch.done.stdout[-1500:])
    if case.expect != "graded":
        assert review["findings"] or review["ungraded"]
    scores = batch.scores(name)
    assert scores["max_auto"] == 12, "points metadata must not change what a question is worth"
    assert scores["auto"] == case.earned, (scores, review)


def test_no_one_elses_files_or_grades_change(batch):
    assert _snapshot(batch) == batch.before
    for path in (batch.path / "autograded").rglob("*"):  # nothing the kernel made comes back as a link
        assert not stat.S_ISLNK(os.lstat(path).st_mode), path
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{batch.path / 'gradebook.db'}") as gb:  # write_gradebook reached nobody
        manual = [g.manual_score for s in gb.find_assignment(ASSIGNMENT).submissions
                  for nb in s.notebooks for g in nb.grades]
        assert all(m is None for m in manual)


def test_limits_are_reported_in_plain_words(batch):
    reasons = {name: " ".join(u["reason"] for u in batch.review(name)["ungraded"])
               for name in ("memory", "processes", "big_file", "fill_disk", "sleeper", "hang", "os_exit")}
    assert "memory limit" in reasons["memory"]
    assert "process limit" in reasons["processes"]
    assert "file-size limit" in reasons["big_file"]
    assert "disk space" in reasons["fill_disk"]
    assert "ran longer than 20 s" in reasons["sleeper"]
    assert "timed out" in reasons["hang"]
    assert "kernel died" in reasons["os_exit"]


def test_flags_say_what_was_seen(batch):
    said = {name: " ".join(f["reason"] for f in batch.review(name)["findings"]) for name in BY_NAME}
    assert "stack frames" in said["stack_frames"]
    assert "ships its own kamlib" in said["kamlib_copy_shipped"]
    assert "sys.path" in said["kamlib_copy_written"]
    assert "custom exception handler" in said["custom_exc"]
    assert "background threads" in said["repatch_thread"]
    assert "link" in said["file_link"] and "gradebook.db" in said["file_link"]
    assert "schema_version 4 repaired" in said["schema_version"]
    assert "metadata was lost" in said["pasted_cells"]
    assert "computed name" in said["computed_getattr"]
    assert "printed 30,0" in said["huge_output"]
    notebook_link = batch.review("notebook_link")["ungraded"]
    assert any("link" in u["reason"] for u in notebook_link)


def test_huge_output_is_cut(batch):
    path = batch.path / "autograded" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 2_000_000


def test_feedback_hides_the_hidden_cells_and_the_key(batch):
    batch.nbgrader("generate_feedback", ASSIGNMENT, "--student=solution", "--force")
    (page,) = (batch.path / "feedback" / "solution" / ASSIGNMENT).glob("*.html")
    text = page.read_text()
    assert "record(q1_answer)" not in text and "hidden tests: not shown" in text
    assert "def definitions" not in text and "KEY = Key" not in text  # nothing of the key
    assert ".record(" not in "".join(cell(batch.release_notebook(), "q1_hidden")["source"])
