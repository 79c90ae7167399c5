"""``python -m kamgrade autograde`` on N workers gives exactly nbgrader's serial grades, and
never loses a grade: manual grades survive a regrade, a failed merge leaves the gradebook
as it was. (The whole hostile class is compared across both modes in test_hostile.py.)"""

import json
import os
import shutil
from pathlib import Path

import pytest

from kamgrade import parallel as grade
from tests.grading.course import Course, mix, replace_answer
from tests.grading.test_hostile import wrong_q1

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"


def grades(course_path: Path) -> dict:
    """Everything autograde decides, per student and cell."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course_path / 'gradebook.db'}") as gb:
        for sub in gb.find_assignment(ASSIGNMENT).submissions:
            for nb in sub.notebooks:
                out[sub.student.id, "flagged"] = nb.flagged
                for g in nb.grades:
                    out[sub.student.id, g.name] = (g.auto_score, g.manual_score, g.needs_manual_grade)
    return out


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """One class of 5 (right, wrong, empty, flagged, half) graded serially and in parallel, at once."""
    serial = Course(tmp_path_factory.mktemp("serial"), ASSIGNMENT)
    solution, release = serial.solution_notebook(), serial.release_notebook()
    tamper = replace_answer(solution, "q3_answer", "import math\nmath.isclose = lambda *a, **k: True\n"
                            + "".join(next(c for c in solution["cells"] if c["metadata"].get("nbgrader", {})
                                           .get("grade_id") == "q3_answer")["source"]))
    class_ = {"ana": solution, "bo": release, "chen": replace_answer(solution, "q1_answer", wrong_q1("chen")),
              "eli": tamper, "fan": mix(solution, release, ("q2", "q3"))}
    for student, nb in class_.items():
        serial.submit(student, nb)
    parallel_path = tmp_path_factory.mktemp("parallel")
    shutil.copytree(serial.path, parallel_path, dirs_exist_ok=True)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        plain = pool.submit(serial.autograde)
        result = grade.parallel_autograde(parallel_path, ASSIGNMENT, jobs=2, log=lambda *_: None)
        plain.result()
    return serial.path, parallel_path, result


def test_parallel_grades_equal_serial_grades(twins):
    serial, parallel, result = twins
    assert result["jobs"] == 2 and result["students"] == 5 and not result["failed"]
    want, got = grades(serial), grades(parallel)
    assert len(want) == 5 * (9 + 1)  # 8 test cells + q5, and the flag
    assert got == want
    assert want["ana", "q1_hidden"][0] == 2 and want["chen", "q1_hidden"][0] == 0  # a mixed class
    assert want["eli", "flagged"] and not want["ana", "flagged"]


def test_the_comparison_sees_a_changed_grade(twins, tmp_path):
    from nbgrader.api import Gradebook

    _, parallel, _ = twins
    copy = tmp_path / "copy"
    shutil.copytree(parallel, copy)
    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as gb:
        gb.find_grade("q1_hidden", ASSIGNMENT, ASSIGNMENT, "ana").auto_score = 0
        gb.db.commit()
    assert grades(copy) != grades(parallel)


def test_autograded_notebooks_and_reviews_are_in_place(twins):
    serial, parallel, _ = twins
    for student in ("ana", "bo", "chen", "eli", "fan"):
        assert (parallel / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        mine = json.loads((parallel / "review" / ASSIGNMENT / student / f"{ASSIGNMENT}.json").read_text())
        theirs = json.loads((serial / "review" / ASSIGNMENT / student / f"{ASSIGNMENT}.json").read_text())
        assert mine["status"] == theirs["status"]
    assert not list(parallel.glob(".grading-*")) and not list(parallel.glob(".gradebook-merge-*"))


def test_regrading_keeps_manual_grades_like_serial(twins, tmp_path):
    from nbgrader.api import Gradebook

    serial, parallel, _ = twins
    for path in (serial, parallel):
        with Gradebook(f"sqlite:///{path / 'gradebook.db'}") as gb:
            gb.find_grade("q5_answer", ASSIGNMENT, ASSIGNMENT, "ana").manual_score = 3
            gb.db.commit()
    course = Course.__new__(Course)
    course.path, course.assignment = serial, ASSIGNMENT
    course.autograde("--student=ana")
    grade.parallel_autograde(parallel, ASSIGNMENT, jobs=2, log=lambda *_: None)
    assert grades(parallel)["ana", "q5_answer"][1] == 3
    assert grades(parallel)["ana", "q5_answer"] == grades(serial)["ana", "q5_answer"]


def test_a_failed_merge_leaves_the_gradebook_untouched(twins, tmp_path, monkeypatch):
    _, parallel, _ = twins
    copy = tmp_path / "copy"
    shutil.copytree(parallel, copy)
    before = (copy / "gradebook.db").read_bytes()

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        grade.parallel_autograde(copy, ASSIGNMENT, jobs=2, log=lambda *_: None)
    assert (copy / "gradebook.db").read_bytes() == before
    assert not list(copy.glob(".gradebook-merge-*"))
