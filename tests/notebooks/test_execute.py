"""Every lecture and solution notebook runs clean, in both editions; every release
notebook runs and reports *not attempted* instead of crashing."""

import pytest

from tests.notebooks.helpers import errors, execute, ids, notebooks

LECTURES = notebooks("course/*.ipynb", "course/zh/*.ipynb")
SOLUTIONS = notebooks("solutions/**/*.ipynb")
RELEASES = notebooks("exercises/release/**/*.ipynb")

pytestmark = pytest.mark.slow


def test_there_are_notebooks_in_both_editions():
    assert LECTURES and SOLUTIONS and RELEASES
    assert len(SOLUTIONS) == len(RELEASES)
    assert len([p for p in LECTURES if p.parent.name == "zh"]) * 2 == len(LECTURES)
    assert len([p for p in RELEASES if p.parent.name.endswith("_zh")]) * 2 == len(RELEASES)


@pytest.mark.parametrize("path", LECTURES + SOLUTIONS, ids=ids(LECTURES + SOLUTIONS))
def test_notebook_runs_without_error(path):
    execute(path)  # raises CellExecutionError with the failing cell


@pytest.mark.parametrize("path", RELEASES, ids=ids(RELEASES))
def test_release_reports_not_attempted(path):
    nb = execute(path, allow_errors=True)
    found = errors(nb)
    assert found, "an untouched release should fail its self-checks"
    for error in found:
        assert error["ename"] == "AnswerNotAccepted", f"{error['ename']}: {error['evalue']}"
        assert "not attempted" in error["evalue"] or "尚未作答" in error["evalue"]
