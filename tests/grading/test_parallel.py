"""tools/grade.py autograde on N workers gives exactly nbgrader's serial grades, and never
loses a grade: a failed merge leaves the gradebook as it was."""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.grading.course import ROOT, Course, replace_answer
from tests.grading.hostile import _cell, _src
from tests.grading.wrong_answers import SWAPPED_AXES

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402

ASSIGNMENT = "ex02_key_accounts"
PLAIN_MEAN = "def weighted_score(scores, weights):\n    return sum(scores.values()) / len(scores)\n"


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
    """One class of 6 (right, wrong, empty, tampering) graded serially and in parallel."""
    serial = Course(tmp_path_factory.mktemp("serial"), ASSIGNMENT)
    solution, release = serial.solution_notebook(), serial.release_notebook()
    tamper = replace_answer(solution, "q3_answer", "import math\nmath.isclose = lambda *a, **k: True\n"
                            + _src(_cell(solution, "q3_answer")))
    class_ = {"ana": solution, "bo": release, "chen": replace_answer(solution, "q2_answer", SWAPPED_AXES),
              "dana": replace_answer(solution, "q1_answer", PLAIN_MEAN), "eli": tamper,
              "fan": replace_answer(release, "q4_answer", _src(_cell(solution, "q4_answer")))}
    for student, nb in class_.items():
        serial.submit(student, nb)
    parallel_path = tmp_path_factory.mktemp("parallel")
    shutil.copytree(serial.path, parallel_path, dirs_exist_ok=True)
    serial.autograde()
    result = grade.parallel_autograde(parallel_path, ASSIGNMENT, jobs=3, log=lambda *_: None)
    return serial.path, parallel_path, result


def test_parallel_grades_equal_serial_grades(twins):
    serial, parallel, result = twins
    assert result["jobs"] == 3 and result["students"] == 6 and not result["failed"]
    want, got = grades(serial), grades(parallel)
    assert len(want) == 6 * (9 + 1)  # 8 test cells + q5, and the flag
    assert got == want
    assert want["ana", "q1_hidden"][0] == 2 and want["dana", "q1_hidden"][0] == 0  # a mixed class
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
    for student in ("ana", "bo", "chen", "dana", "eli", "fan"):
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
    Course.existing(serial, ASSIGNMENT).autograde("ana")
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
