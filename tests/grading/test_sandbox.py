"""The grading sandbox, the submission copy and the scan, without nbgrader (fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kamgrade import sandbox
from kamgrade.scan import scan_source
from kamgrade.submission import inspect_tree, repair_notebook, safe_copy
from tests.grading.course import ROOT

needs_bwrap = pytest.mark.skipif(sandbox.sandbox_available() is not None, reason=str(sandbox.sandbox_available()))

PROBE = """
import os, socket, sys
for path in sys.argv[1:]:
    try:
        open(path).read(); print("read", path)
    except OSError as err:
        print("no-read", path)
try:
    open("mine.txt", "w").write("ok"); print("wrote own folder")
except OSError:
    print("no-write own folder")
try:
    socket.create_connection(("127.0.0.1", 22), timeout=2); print("network")
except OSError:
    print("no-network")
print("cwd-on-path", "" in sys.path or os.getcwd() in sys.path)
print("trainee", os.environ.get("KAMLAB_TRAINEE"), "home", os.environ.get("HOME"))
"""


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    (root / "source").mkdir(parents=True)
    (root / "source" / "solution.ipynb").write_text("the answers")
    (root / "keys").mkdir()
    (root / "keys" / "ex.py").write_text("KEY = 'the key'")
    (root / "gradebook.db").write_text("grades")
    own = root / "autograded" / "ana" / "ex"
    own.mkdir(parents=True)
    (own / "data.csv").write_text("a,b\n")
    return root, own


def _run(km, own, *argv) -> str:
    km._launch_args = {"cwd": str(own)}
    km.write_connection_file()
    command = km.format_kernel_cmd()
    prefix = command[: command.index(sys.executable)]
    done = subprocess.run([*prefix, sys.executable, "-c", PROBE, *argv], cwd=own, capture_output=True,
                          text=True, timeout=60)
    return done.stdout + done.stderr


@needs_bwrap
def test_the_kernel_sees_its_submission_but_not_the_course(course):
    root, own = course
    km = sandbox.SandboxKernelManager(kernel_name="python3", hide=[str(root)], trainee="ana", submission=str(own))
    out = _run(km, own, str(root / "source" / "solution.ipynb"), str(root / "keys" / "ex.py"),
               str(root / "gradebook.db"), str(own / "data.csv"),
               str(ROOT / "exercises" / "keys" / "ex02_key_accounts.py"))
    assert f"no-read {root / 'source' / 'solution.ipynb'}" in out
    assert f"no-read {root / 'keys' / 'ex.py'}" in out and f"no-read {root / 'gradebook.db'}" in out
    assert f"no-read {ROOT / 'exercises' / 'keys' / 'ex02_key_accounts.py'}" in out
    assert f"read {own / 'data.csv'}" in out
    assert "wrote own folder" in out and not (own / "mine.txt").exists()  # writes stay in the sandbox
    assert "no-network" in out and "cwd-on-path False" in out
    assert "trainee ana home /tmp/home" in out


def test_without_bwrap_grading_refuses(monkeypatch, course):
    root, own = course
    sandbox.sandbox_available.cache_clear()
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    try:
        km = sandbox.SandboxKernelManager(kernel_name="python3", hide=[str(root)])
        km._launch_args = {"cwd": str(own)}
        km.write_connection_file()
        with pytest.raises(RuntimeError, match="refuses to grade without its sandbox.*bubblewrap"):
            km.format_kernel_cmd()
    finally:
        sandbox.sandbox_available.cache_clear()


def test_safe_copy_keeps_regular_files_only(tmp_path):
    src = tmp_path / "sub"
    (src / "data").mkdir(parents=True)
    (src / "nb.ipynb").write_text("{}")
    (src / "data" / "x.csv").write_text("1")
    secret = tmp_path / "gradebook.db"
    secret.write_text("grades")
    os.symlink(secret, src / "notes.txt")
    os.link(secret, src / "hard.txt")
    os.mkfifo(src / "pipe")
    tree = safe_copy(src, tmp_path / "copy", placeholders=True)
    assert sorted(tree.files) == ["data/x.csv", "nb.ipynb"]
    assert {rel: why.split(" (")[0] for rel, why in tree.refused} == {
        "notes.txt": "a link", "hard.txt": "a hard link to a file elsewhere", "pipe": "a FIFO, not a file"}
    assert os.readlink(tmp_path / "copy" / "notes.txt").startswith("kamlab-refused:a link")
    assert inspect_tree(tmp_path / "copy").refused[0][1].startswith("kamlab-refused:")  # the copy says why


def _release():
    return json.loads((ROOT / "exercises" / "release" / "ex02_key_accounts" / "ex02_key_accounts.ipynb").read_text())


def test_repair_mends_schema_types_and_lost_metadata():
    nb = _release()
    answer = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1_answer")
    answer["metadata"]["nbgrader"]["schema_version"] = 4
    q2 = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q2_answer")
    q2["metadata"] = {}
    q2["source"] = "q2_answer = {'accounts': [], 'open_t': 0}"
    nb["cells"].append({"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "forged", "grade": True}},
                        "source": "", "outputs": [], "execution_count": None})
    repairs = repair_notebook(nb, _release())
    assert any("schema_version 4 repaired" in r for r in repairs)
    assert any("q2_answer: answer cell found by its variable" in r for r in repairs)
    assert any("unknown cell (forged)" in r for r in repairs)
    assert q2["metadata"]["nbgrader"]["grade_id"] == "q2_answer"
    assert repair_notebook(_release(), _release()) == []  # an intact notebook is left alone


@pytest.mark.parametrize("honest", [
    "import logging\nlogging.basicConfig()\nlogging.warning('x')",
    "import warnings\nwarnings.warn('careful')",
    "q2_answer = {'accounts': ['KA01', 'KA02'], 'open_t': 120.5}",
    "still_open = {a.id: a.volume_t / (a.share_of_wallet_pct / 100) - a.volume_t for a in my.accounts}",
    "print('my notes')\nimport pandas as pd",
])
def test_the_scan_leaves_honest_code_alone(honest):
    assert scan_source(honest) == []


def test_the_scan_leaves_the_worked_solutions_alone():
    for path in (ROOT / "solutions").rglob("*.ipynb"):
        for c in json.loads(path.read_text())["cells"]:
            if c["cell_type"] == "code" and not c["metadata"].get("nbgrader", {}).get("locked", True):
                assert scan_source("".join(c["source"])) == [], (path.name, c["source"])


@pytest.mark.parametrize(("code", "said"), [
    ("import sys\nf = sys._getframe(1)", "stack frames"),
    ("get_ipython().set_custom_exc((Exception,), h)", "custom exception handler"),
    ("import threading", "background threads"),
    ("import sys\nsys.path.insert(0, '.')", "sys.path"),
    ("import dataclasses\ndataclasses.dataclass = f", "dataclasses"),
    ("import os\nos.symlink('a', 'b')", "link"),
    ("print('all tests passed')", "grader's verdict"),
])
def test_the_scan_names_each_attack_in_plain_words(code, said):
    assert any(said in reason for reason in scan_source(code)), scan_source(code)
