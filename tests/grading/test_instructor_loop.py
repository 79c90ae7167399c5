"""The instructor's loop with the real nbgrader CLI, as docs/instructor.md tells it:
generate -> release -> fetch / submit (two trainees) -> collect through a local exchange ->
autograde -> manual grade (Gradebook API, as formgrader does) -> generate and return
feedback -> export CSV. Feedback never shows hidden cells; collect never follows a link
planted in the exchange's inbound."""

import csv
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.grading.course import Course, replace_answer
from tests.grading.test_hostile import wrong_q1

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"
HIDDEN_CODE = ("BEGIN HIDDEN TESTS", ".record(q1_answer)", ".record(q2_answer)")


def page_text(path: Path) -> str:
    """A feedback page as the trainee reads it (tags gone: highlighting splits code into spans)."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def run(args, cwd, exchange, check=True):
    import subprocess

    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}"],
                          cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    base = tmp_path_factory.mktemp("loop")
    exchange = base / "exchange"
    exchange.mkdir(mode=0o777)
    instructor = base / "course"
    instructor.mkdir()
    course = Course(instructor, ASSIGNMENT)  # copies the config and source/, runs generate_assignment
    run(["release_assignment", ASSIGNMENT, "--course=kamlab"], instructor, exchange)
    solution = course.solution_notebook()
    answers = {"ana": solution, "bo": replace_answer(solution, "q1_answer", wrong_q1("bo"))}
    for student, nb in answers.items():
        home = base / f"home_{student}"
        home.mkdir()
        cache = f"--Exchange.cache={home / 'cache'}"  # each trainee is their own OS user in class
        run(["fetch_assignment", ASSIGNMENT, "--course=kamlab", cache], home, exchange)
        fetched = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        released = json.loads(fetched.read_text())
        assert "BEGIN HIDDEN TESTS" not in fetched.read_text()  # the release never had them
        for cell in released["cells"]:  # the trainee types the answers into the fetched notebook
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            if grade_id.endswith("_answer"):
                cell["source"] = next(c["source"] for c in nb["cells"]
                                      if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
        fetched.write_text(json.dumps(released))
        run(["submit", ASSIGNMENT, "--course=kamlab", f"--student={student}", cache], home, exchange)
    inbound = exchange / "kamlab" / "inbound"
    os.symlink(instructor / "source" / ASSIGNMENT, inbound / f"eve+{ASSIGNMENT}+2030-01-01 00:00:00.000000 UTC+x1")
    planted = inbound / f"mallory+{ASSIGNMENT}+2030-01-01 00:00:00.000000 UTC+x2"
    planted.mkdir()
    os.symlink(instructor / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", planted / f"{ASSIGNMENT}.ipynb")
    (planted / "timestamp.txt").write_text("2030-01-01 00:00:00.000000 UTC")
    run(["collect", ASSIGNMENT], instructor, exchange)
    run(["autograde", ASSIGNMENT, "--Execute.timeout=30"], instructor, exchange)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{instructor / 'gradebook.db'}") as gb:  # what formgrader's save does
        for student, points in (("ana", 4), ("bo", 2)):
            grade = gb.find_grade("q5_answer", ASSIGNMENT, ASSIGNMENT, student)
            grade.manual_score = points
            grade.needs_manual_grade = False
        gb.db.commit()
    run(["generate_feedback", ASSIGNMENT], instructor, exchange)
    run(["release_feedback", ASSIGNMENT], instructor, exchange)
    for student in answers:
        home = base / f"home_{student}"
        run(["fetch_feedback", ASSIGNMENT, "--course=kamlab", f"--student={student}",
             f"--Exchange.cache={home / 'cache'}"], home, exchange)
    run(["export", f"--to={instructor / 'grades.csv'}"], instructor, exchange)
    return base, instructor, exchange


def test_collected_submissions_are_the_trainees_work(loop):
    _, instructor, _ = loop
    for student in ("ana", "bo"):
        assert (instructor / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()


def test_collect_never_follows_a_planted_link(loop):
    """eve's 'submission' is a link to source/; mallory's holds a link to the source notebook."""
    _, instructor, _ = loop
    assert not (instructor / "submitted" / "eve").exists()
    mallory = instructor / "submitted" / "mallory" / ASSIGNMENT
    assert not (mallory / f"{ASSIGNMENT}.ipynb").exists() and not os.path.islink(mallory / f"{ASSIGNMENT}.ipynb")


def test_exported_grades_include_manual_scores(loop):
    _, instructor, _ = loop
    rows = {r["student_id"]: r for r in csv.DictReader((instructor / "grades.csv").open())}
    assert float(rows["ana"]["score"]) == 12 + 4 and rows["ana"]["status"] == "graded"
    assert float(rows["bo"]["score"]) == 9 + 2 and rows["bo"]["max_score"] == "16.0"
    assert "BEGIN SOLUTION" not in (instructor / "grades.csv").read_text()


def test_trainees_get_feedback_without_hidden_tests(loop):
    base, _, _ = loop
    for student in ("ana", "bo"):
        pages = list((base / f"home_{student}" / ASSIGNMENT / "feedback").glob("*/*.html"))
        assert len(pages) == 1, pages
        text = page_text(pages[0])
        assert "q1.check(q1_answer)" in text  # the self-check cell is shown
        assert "hidden tests: not shown" in text
        for code in HIDDEN_CODE:
            assert code not in text, (student, code)
    bo = page_text(next((base / "home_bo" / ASSIGNMENT / "feedback").glob("*/*.html")))
    assert "q1 (hidden cell): 0 of 2 points" in bo  # the trainee still learns what it earned


def test_plain_nbgrader_feedback_would_show_them(loop, tmp_path):
    """The other direction: without the defences, generate_feedback shows the hidden cells."""
    _, instructor, exchange = loop
    copy = tmp_path / "course"
    shutil.copytree(instructor, copy, ignore=shutil.ignore_patterns("feedback"))
    os.environ["KAMLAB_DEFENCES"] = "off"
    try:
        run(["generate_feedback", ASSIGNMENT], copy, exchange)
    finally:
        del os.environ["KAMLAB_DEFENCES"]
    text = page_text(copy / "feedback" / "ana" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    assert all(code in text for code in HIDDEN_CODE)
