"""Every lecture and solution notebook runs clean, in both editions, and every figure it frames by
fixed margins fits (tests/plots/fit.py); every release notebook runs and reports *not attempted*
instead of crashing."""

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
    execute(path, check_figures=True)  # raises CellExecutionError with the failing cell


@pytest.mark.parametrize("path", RELEASES, ids=ids(RELEASES))
def test_release_reports_not_attempted(path):
    nb = execute(path, allow_errors=True)
    found = errors(nb)
    assert found, "an untouched release should fail its self-checks"
    for error in found:
        assert error["ename"] == "AnswerNotAccepted", f"{error['ename']}: {error['evalue']}"
        assert "not attempted" in error["evalue"] or "尚未作答" in error["evalue"]


def test_a_framed_figure_that_does_not_fit_fails_the_run(tmp_path):
    import nbformat
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(
        "from kamlib.plots.style import panels\n"
        "left, right = panels(2, figsize=(6, 3), margins=(0.0, 0.0, 1.0, 1.0), wspace=0.0)\n"
        "left.set_title('cut at the top')\n"
        "right.set_ylabel('into the left panel');")]
    path = tmp_path / "framed.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(CellExecutionError, match="cut at the top.*outside the canvas on the top"):
        execute(path, check_figures=True)
