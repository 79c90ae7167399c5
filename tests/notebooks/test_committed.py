"""Notebooks in git are clean and generated files have not drifted."""

import json
import subprocess
import sys

import pytest

from tests.notebooks.helpers import ROOT, ids, notebooks

ALL = notebooks("course/**/*.ipynb", "exercises/**/*.ipynb", "solutions/**/*.ipynb")


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"cells {dirty} have outputs or execution counts: clear them before committing"


def test_navigation_is_up_to_date():
    done = subprocess.run([sys.executable, "-m", "tools.nav", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_release_and_solutions_are_what_nbgrader_makes():
    done = subprocess.run([sys.executable, "-m", "tools.exercises", "check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
