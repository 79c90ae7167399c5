"""The grading sandbox and the tamper scan, without nbgrader (fast)."""

import json
import subprocess
import sys
import warnings

import pytest

from tests.grading.course import ROOT
from tests.grading.hostile import CASES

sys.path.insert(0, str(ROOT / "tools"))
import grade_hooks  # noqa: E402

PROBE = """
import os, sys
for path in sys.argv[1:]:
    try:
        open(path).read(); print("read", path)
    except OSError as err:
        print("no-read", path, type(err).__name__)
try:
    open(os.path.join(os.getcwd(), "mine.txt"), "w").write("ok"); print("wrote own folder")
except OSError:
    print("no-write own folder")
try:
    open(sys.argv[2] + ".x", "w").write("x"); print("wrote beside the gradebook")
except OSError:
    print("no-write beside the gradebook")
"""


def manager(cwd, hide):
    km = grade_hooks.SandboxKernelManager(kernel_name="python3", hide=[str(h) for h in hide])
    km._launch_args = {"cwd": str(cwd)}
    return km


@pytest.fixture
def course(tmp_path):
    (tmp_path / "course" / "source").mkdir(parents=True)
    (tmp_path / "course" / "source" / "solution.ipynb").write_text("the answers")
    (tmp_path / "course" / "gradebook.db").write_text("grades")
    own = tmp_path / "course" / "autograded" / "ana" / "ex"
    own.mkdir(parents=True)
    return tmp_path / "course", own


@pytest.mark.skipif(grade_hooks.sandbox_available() is not None, reason=str(grade_hooks.sandbox_available()))
def test_sandbox_hides_the_course_but_not_the_submission(course):
    root, own = course
    km = manager(own, [root])
    km.connection_file = str(own / "kernel.json")  # any existing file
    (own / "kernel.json").write_text("{}")
    secret, gradebook = root / "source" / "solution.ipynb", root / "gradebook.db"
    command = km.sandbox_args() + [sys.executable, "-c", PROBE, str(secret), str(gradebook)]
    out = subprocess.run(command, cwd=own, capture_output=True, text=True, timeout=60).stdout
    assert f"no-read {secret}" in out and f"no-read {gradebook}" in out
    assert "wrote own folder" in out and (own / "mine.txt").read_text() == "ok"
    # a write beside the gradebook lands in the sandbox's throwaway tmpfs, never on disk
    assert gradebook.read_text() == "grades" and not (root / "gradebook.db.x").exists()
    # the other direction: the same probe outside the sandbox reads and writes everything
    plain = subprocess.run([sys.executable, "-c", PROBE, str(secret), str(gradebook)], cwd=own,
                           capture_output=True, text=True, timeout=60).stdout
    assert f"read {secret}" in plain and "wrote beside the gradebook" in plain


def test_without_bwrap_grading_warns_and_goes_on(course, monkeypatch):
    root, own = course
    grade_hooks.sandbox_available.cache_clear()
    monkeypatch.setattr(grade_hooks.shutil, "which", lambda name: None)
    try:
        km = manager(own, [root])
        km.connection_file = str(own / "kernel.json")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            command = km.format_kernel_cmd()
        assert "bwrap" not in command[0] and "ipykernel" in " ".join(command)
        assert any("sandbox is OFF" in str(w.message) for w in caught)
    finally:
        grade_hooks.sandbox_available.cache_clear()


def _solution_cells():
    nb = json.loads((ROOT / "solutions" / "ex02_key_accounts" / "ex02_key_accounts.ipynb").read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]  # what the grader scans
            for c in nb["cells"] if c["cell_type"] == "code" and not c["metadata"].get("nbgrader", {}).get("locked")]


def test_scan_finds_nothing_in_honest_work():
    assert all(grade_hooks.scan_source(src) == [] for src in _solution_cells())


@pytest.mark.parametrize("name, reason", [
    ("ast_transformer", "changes IPython AST transformers"),
    ("input_transformer", "changes IPython input transformers"),
    ("patched_kamlib", "patches kamlib"),
    ("patched_stdlib", "patches the math module"),
    ("redefined_checkers", "patches the importlib module"),
    ("read_source", "exec/eval of a built string"),
    ("write_gradebook", "imports sqlite3"),
    ("os_exit", "exits or signals the kernel (os._exit)"),
    ("eq_always_true", "defines an __eq__ that always answers the same"),
    ("fake_passed", "prints text that imitates the grader"),
])
def test_scan_names_each_attack(name, reason):
    case = next(c for c in CASES if c.name == name)
    from tests.grading.hostile import _copy

    nb = case.build(_copy({"cells": [{"cell_type": "code", "source": s, "metadata": {
        "nbgrader": {"grade_id": f"q{i + 1}_answer"}}} for i, s in enumerate(["", "", "", ""])]}),
        {"cells": [{"cell_type": "code", "source": "", "metadata": {"nbgrader": {"grade_id": f"q{i}_answer"}}}
                   for i in range(1, 5)]})
    found = [r for cell in nb["cells"] for r in grade_hooks.scan_source(
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])]
    assert reason in found, found


def test_scan_reads_environ_and_sys_modules():
    assert "changes os.environ" in grade_hooks.scan_source("import os\nos.environ['NBGRADER_EXECUTION'] = ''")
    assert "manipulates sys.modules" in grade_hooks.scan_source("import sys\nsys.modules['kamlib'] = None")
    assert "file access outside the submission (open)" in grade_hooks.scan_source("open('../../../source/x')")
    assert grade_hooks.scan_source("open('my_notes.csv')") == []
