"""exercises/class_report.ipynb runs on a synthetic class (a gradebook written through
nbgrader's API, review files as the grader writes them) and reports what is in it."""

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.grading.course import ROOT

pytestmark = pytest.mark.slow

REPORT = ROOT / "exercises" / "class_report.ipynb"


@pytest.fixture(autouse=True, scope="module")
def venv_on_path():
    """nbgrader's Gradebook runs `alembic` from PATH when it creates a database."""
    old = os.environ["PATH"]
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{old}"
    yield
    os.environ["PATH"] = old
CELLS = {"q1_tests": 1, "q1_hidden": 2, "q2_tests": 1, "q2_hidden": 2}


def synthetic_class(folder, held=True):
    """Ten trainees: q1 tracks ability, q2 is answered by the weakest only; one ungraded, one flagged."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gb:
        gb.add_assignment("ex02_key_accounts")
        gb.add_notebook("ex02_key_accounts", "ex02_key_accounts")
        for name, points in CELLS.items():
            gb.add_grade_cell(name, "ex02_key_accounts", "ex02_key_accounts", max_score=points, cell_type="code")
        for i in range(10):
            student = f"t{i:02d}"
            gb.add_student(student)
            gb.add_submission("ex02_key_accounts", student)
            strong = i < 5
            got = {"q1_tests": 1 if strong else 0, "q1_hidden": 2 if strong else 0,
                   "q2_tests": 0 if strong else 1, "q2_hidden": 0 if i < 8 else 2}
            for name, score in got.items():
                grade = gb.find_grade(name, "ex02_key_accounts", "ex02_key_accounts", student)
                grade.auto_score, grade.needs_manual_grade = score, False
        # t09 hung: ungraded, its zeros are not scores
        for name in CELLS:
            gb.find_grade(name, "ex02_key_accounts", "ex02_key_accounts", "t09").auto_score = 0
        gb.db.commit()
    review = folder / "review" / "ex02_key_accounts"
    statuses = {"t09": ("ungraded", [{"cell": "q2_answer", "reason": "no answer within 60 s (timed out)"}], []),
                "t03": ("flagged", [], [{"kind": "scan", "cell": "q1_answer", "reason": "changes IPython AST transformers"}])}
    for i in range(10):
        student = f"t{i:02d}"
        status, ungraded, findings = statuses.get(student, ("graded", [], [])) if held else ("graded", [], [])
        (review / student).mkdir(parents=True, exist_ok=True)
        (review / student / "ex02_key_accounts.json").write_text(json.dumps(
            {"student": student, "assignment": "ex02_key_accounts", "notebook": "ex02_key_accounts",
             "status": status, "ungraded": ungraded, "findings": findings}))


def run_report(folder):
    nb = nbformat.read(REPORT, as_version=4)
    old = os.environ.get("KAMLAB_GRADEBOOK")
    os.environ["KAMLAB_GRADEBOOK"] = str(folder / "gradebook.db")
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        os.environ.pop("KAMLAB_GRADEBOOK") if old is None else os.environ.__setitem__("KAMLAB_GRADEBOOK", old)
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") + o.get("data", {}).get("text/html", "")
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    return text, images


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    synthetic_class(folder)
    return run_report(folder)


def test_report_counts_graded_and_held(report):
    text, _ = report
    assert "ex02_key_accounts: 8 graded, 2 held for review" in text
    assert "ungraded: 1   flagged: 1" in text
    assert "t09" in text and "timed out" in text
    assert "t03" in text and "AST transformers" in text


def test_report_item_statistics(report):
    from kamlib.models import grading

    text, images = report
    assert images >= 2  # the distribution and the difficulty/discrimination charts
    # the numbers the notebook prints are the model's, for the 8 trainees not held
    graded = [f"t{i:02d}" for i in range(10) if i not in (3, 9)]
    scores = {s: {"q1_tests": 1 if int(s[1:]) < 5 else 0, "q1_hidden": 2 if int(s[1:]) < 5 else 0,
                  "q2_tests": 0 if int(s[1:]) < 5 else 1, "q2_hidden": 0 if int(s[1:]) < 8 else 2} for s in graded}
    rows = {r["item"]: r for r in grading.item_table(scores, CELLS)}
    assert f"{rows['q1_tests']['difficulty']}" in text  # 4 of 8 -> 0.5
    assert rows["q2_tests"]["point_biserial"] < 0  # answered by the weaker trainees only
    assert "look at this item" in text


def test_held_trainees_are_left_out_of_the_statistics(tmp_path):
    """Without the review files, the hung trainee's zeros count: the report says 10 graded."""
    synthetic_class(tmp_path, held=False)
    text, _ = run_report(tmp_path)
    assert "ex02_key_accounts: 10 graded, 0 held for review" in text
    assert "ungraded: 0   flagged: 0" in text
