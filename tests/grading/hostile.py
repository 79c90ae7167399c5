"""Hostile submissions to ex02: each says what it tries and what it honestly earned.

``earned`` is the auto score the trainee's own work deserves (12 is full marks).
``expect`` is what the grader must report: ``"graded"`` (scored exactly ``earned``,
nothing to look at), ``"flagged"`` (scored exactly ``earned``, with a reason to look)
or ``"ungraded"`` (no score until a person looks; the reason says why). No kind may
change another trainee's score or a byte of the gradebook beyond its own rows.

The kinds are the 18 of the first hostile table, the 14 an outside review found
against it (issue "Grading v2"), the limits, and honest code that must not suffer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.grading.course import cell, mix, source

QUESTIONS = ("q1", "q2", "q3", "q4")
TESTS = [f"{q}_{kind}" for q in QUESTIONS for kind in ("tests", "hidden")]


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str  # in the review's words
    attack: str  # one line: what it does
    build: Callable[[dict, dict], dict]  # (solution, release) -> submission notebook
    earned: float
    expect: str = "flagged"
    files: dict = field(default_factory=dict)  # extra files in the submission folder: name -> text
    links: dict = field(default_factory=dict)  # links in the submission folder: name -> target (course-relative)


def _copy(nb: dict) -> dict:
    return json.loads(json.dumps(nb))


def _answer(question: str, text: str, right: tuple[str, ...] = ()):
    """The solution's answers for ``right``, ``text`` as ``question``'s answer cell."""
    def build(sol, rel):
        nb = mix(sol, rel, right)
        cell(nb, f"{question}_answer")["source"] = text
        return nb
    return build


def _before(question: str, text: str, right: tuple[str, ...] = QUESTIONS):
    """The solution with ``text`` run at the top of ``question``'s answer cell."""
    def build(sol, rel):
        nb = mix(sol, rel, right)
        c = cell(nb, f"{question}_answer")
        c["source"] = text + "\n" + source(c)
        return nb
    return build


#: Replaced, per student, by a literal q1 answer that the key marks wrong on every situation.
WRONG_Q1 = "#WRONG_Q1#\n"
ALL = ("q1", "q2", "q3", "q4")
BUT_Q1 = ("q2", "q3", "q4")


def edited_tests(sol, rel):
    nb = _copy(rel)
    for grade_id in TESTS:
        cell(nb, grade_id)["source"] = "pass"
    return nb


def deleted_tests(sol, rel):
    nb = _copy(rel)
    nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in TESTS]
    return nb


def duplicated_cells(sol, rel):
    nb = _copy(rel)
    out = []
    for c in nb["cells"]:
        out.append(c)
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") in TESTS:
            twin = _copy(c)
            twin["source"] = "pass"
            out.append(twin)
    nb["cells"] = out
    return nb


def points_changed(sol, rel):
    nb = mix(sol, rel, ("q1",))
    cell(nb, "q1_tests")["metadata"]["nbgrader"]["points"] = 50
    cell(nb, "q1_hidden")["metadata"]["nbgrader"]["points"] = 100
    return nb


def schema_version(sol, rel):
    nb = mix(sol, rel, ALL)
    cell(nb, "q3_answer")["metadata"]["nbgrader"]["schema_version"] = 4
    return nb


def pasted(sol, rel):
    """Every cell copied into a new notebook: the nbgrader metadata of the answer cells is lost."""
    nb = mix(sol, rel, ALL)
    for c in nb["cells"]:
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").endswith("_answer") and c["cell_type"] == "code":
            c["metadata"] = {}
    return nb


def _wrong_q1(text: str):
    return _answer("q1", text + WRONG_Q1, BUT_Q1)


REDEFINED = '''import types
from kamlib.checks import ex02_key_accounts as ex
class _Fake:
    def __getattr__(self, name):
        return lambda *a, **k: print("✓ recorded")
ex.q1 = ex.q2 = ex.q3 = ex.q4 = _Fake()
q1 = q2 = q3 = q4 = _Fake()
'''
PATCHED_KAMLIB = '''from kamlib.checks import framework
framework.Question.check = lambda self, answer: None
framework.Question.record = lambda self, answer: None
'''
EQ_TRUE = '''class Agree(dict):
    def __eq__(self, other):
        return True
    def __hash__(self):
        return 0
'''
AST_TRANSFORMER = '''import ast
class Forgive(ast.NodeTransformer):
    def visit_Module(self, node):
        self.generic_visit(node)
        handler = ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()), name=None, body=[ast.Pass()])
        node.body = [ast.Try(body=node.body or [ast.Pass()], handlers=[handler], orelse=[], finalbody=[])]
        return ast.fix_missing_locations(node)
get_ipython().ast_transformers.append(Forgive())
'''
INPUT_TRANSFORMER = "get_ipython().input_transformers_post.append(lambda lines: [])\n"
SILENCED = '''get_ipython()._showtraceback = lambda *args, **kwargs: None
get_ipython().showtraceback = lambda *args, **kwargs: None
'''
PATCHED_STDLIB = '''import math
math.isclose = lambda *args, **kwargs: True
'''
STACK_FRAMES = '''import sys
_found = {}
_frame = sys._getframe(0)
while _frame is not None:
    _found.update({k: v for k, v in _frame.f_locals.items() if k in ("expected", "key", "reference")})
    _frame = _frame.f_back
print("found", sorted(_found))
'''
DATACLASS = '''import dataclasses
_real = dataclasses.dataclass
def _harmless(*args, **kwargs):
    return _real(*args, **kwargs)
dataclasses.dataclass = _harmless
'''
COMM_HANDLER = '''from comm import get_comm_manager
get_comm_manager().register_target("kamlab_guard", lambda comm, msg: comm.send({"nonce": msg["content"]["data"].get("nonce"), "undone": []}))
'''
CUSTOM_EXC = '''get_ipython().set_custom_exc((BaseException,), lambda shell, etype, evalue, tb, tb_offset=None: None)
'''
THREAD = '''import threading, time
from kamlib.checks import framework
def _repatch():
    while True:
        framework.Question.record = lambda self, answer: print("✓ q1: 3 points")
        time.sleep(0.01)
threading.Thread(target=_repatch, daemon=True).start()
'''
READ_SOURCE = '''import json, os
from pathlib import Path
_places = list(Path(os.getcwd()).resolve().parents)
try:
    import kamlib
    _places += [Path(kamlib.__file__).resolve().parents[1] / "exercises", Path(kamlib.__file__).resolve().parents[1]]
except Exception:
    pass
for _place in _places:
    for _rel in ("keys/ex02_key_accounts.py", "source/ex02_key_accounts/ex02_key_accounts.ipynb",
                 "solutions/ex02_key_accounts/ex02_key_accounts.ipynb"):
        try:
            _text = (_place / _rel).read_text()
        except OSError:
            continue
        print("found", _rel)
'''
WRITE_GRADEBOOK = '''import os, sqlite3
from pathlib import Path
for _place in Path(os.getcwd()).resolve().parents:
    if (_place / "gradebook.db").exists():
        _db = sqlite3.connect(_place / "gradebook.db")
        _db.execute("UPDATE grade SET manual_score = 0")
        _db.commit()
        break
'''
OUTPUT_LINK = '''import os
from pathlib import Path
_here = Path(os.getcwd())
for _target in ("../../../gradebook.db", "../../solution/ex02_key_accounts/ex02_key_accounts.ipynb"):
    try:
        (_here / "ex02_key_accounts.ipynb").unlink()
        os.symlink(_target, _here / "ex02_key_accounts.ipynb")
    except OSError as err:
        print("no link:", err)
'''
KAMLIB_COPY_WRITTEN = '''import os, sys
os.makedirs("kamlib/checks", exist_ok=True)
open("kamlib/__init__.py", "w").write("")
open("kamlib/checks/__init__.py", "w").write("")
sys.path.insert(0, os.getcwd())
'''
SYS_EXIT = "import sys\nsys.exit(0)\n"
OS_EXIT = "import os\nos._exit(0)\n"
HANG = '''import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
'''
FAKE_PASSED = '''print("✓ q1 (self-check cell): 1 of 1 points.")
print("Score: 3/3 -- all tests passed")
'''
HUGE = 'print("x" * 30_000_000)'
MEMORY = "_hog = bytearray(4 * 2**30)"
PROCESSES = '''import subprocess
_children = [subprocess.Popen(["sleep", "30"]) for _ in range(150)]
'''
BIG_FILE = '''_chunk = b"\\0" * 2**20
with open("big.bin", "wb") as _out:
    for _ in range(1024):  # 1 GiB, a megabyte at a time
        _out.write(_chunk)
'''
FILL_DISK = '''for _i in range(8):
    with open(f"part{_i}.bin", "wb") as _out:
        _out.write(b"\\0" * 60 * 2**20)
'''
SLEEPER = "import time\ntime.sleep(7)\n"
NETWORK = '''import socket
socket.create_connection(("pypi.org", 443), timeout=3)
'''
LOGGING = '''import logging, warnings
logging.basicConfig()
logging.getLogger("me").warning("working out q1")
warnings.warn("just so you know")
'''
GETATTR = '''_field = "situations"
_situations = getattr(my, _field)
'''
OWN_PRINT = 'print("q1 done, all tests passed (I hope)")\n'


def _sleepy(sol, rel):
    """q2, q3 and q4 sleep 7 s each: under the per-cell limit (8 s in the tests), over the notebook's (20 s)."""
    nb = mix(sol, rel, ALL)
    for q in ("q2", "q3", "q4"):
        c = cell(nb, f"{q}_answer")
        c["source"] = SLEEPER + source(c)
    return nb


CASES = [
    # -- the first hostile table --
    Hostile("edited_tests", "edited test cells", "every test cell replaced by `pass`", edited_tests, 0),
    Hostile("deleted_tests", "deleted test cells", "every visible and hidden test cell deleted", deleted_tests, 0),
    Hostile("duplicated_cells", "duplicated cells", "each test cell duplicated, the copy says `pass`", duplicated_cells, 0),
    Hostile("points_changed", "changed `points` metadata", "q1 right; its test cells claim 50 and 100 points", points_changed, 3),
    Hostile("redefined_checkers", "redefined checker functions", "q1..q4 rebound to fakes that record nothing (so nothing is marked)", _wrong_q1(REDEFINED), 0),
    Hostile("patched_kamlib", "patched kamlib modules", "Question.check/record replaced by no-ops (so nothing is marked)", _wrong_q1(PATCHED_KAMLIB), 0),
    Hostile("eq_always_true", "an object whose __eq__ always says True", "q1 is a dict subclass equal to everything", _answer("q1", EQ_TRUE + WRONG_Q1 + "q1_answer = Agree(q1_answer)\n", BUT_Q1), 9),
    Hostile("ast_transformer", "IPython AST transformers", "wraps every later cell in try/except; q1 wrong", _wrong_q1(AST_TRANSFORMER), 9),
    Hostile("input_transformer", "input transformers", "blanks every later cell, test cells included", _answer("q1", INPUT_TRANSFORMER, BUT_Q1), 0),
    Hostile("silenced_tracebacks", "error display silenced", "shell.showtraceback replaced; q1 wrong", _wrong_q1(SILENCED), 9),
    Hostile("patched_stdlib", "patched standard library", "math.isclose always True; q1 wrong", _wrong_q1(PATCHED_STDLIB), 9),
    Hostile("read_source", "reading the instructor's material", "looks for keys/, source/ and solutions/ from the kernel", _answer("q1", READ_SOURCE + WRONG_Q1, BUT_Q1), 9),
    Hostile("write_gradebook", "writing the gradebook", "sqlite: every manual score set to 0", _wrong_q1(WRITE_GRADEBOOK), 9),
    Hostile("sys_exit", "sys.exit", "q1's answer calls sys.exit(0); q2..q4 right", _answer("q1", SYS_EXIT, BUT_Q1), 9, "graded"),
    Hostile("os_exit", "os._exit", "q2's answer kills the kernel; q1, q3, q4 right", _answer("q2", OS_EXIT, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("hang", "an infinite loop with SIGINT ignored", "q2's answer loops; q1, q3, q4 right", _answer("q2", HANG, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("fake_passed", "printed fake \"passed\" output", "prints grader-like lines; q1 wrong", _wrong_q1(FAKE_PASSED), 9),
    Hostile("huge_output", "a huge output", "the full solution; q1 also prints 30 MB", _before("q1", HUGE), 12),
    # -- what the outside review found --
    Hostile("stack_frames", "reading the checker's stack frames", "walks sys._getframe for the expected value", _answer("q1", STACK_FRAMES, BUT_Q1), 9),
    Hostile("kamlib_copy_shipped", "a copy of kamlib beside the notebook", "kamlib/ shipped in the submission folder, q1 wrong", _wrong_q1(""), 9,
            files={"kamlib/__init__.py": "", "kamlib/checks/__init__.py": "",
                   "kamlib/checks/ex02_key_accounts.py": "def variant(t=None):\n    return None\n"}),
    Hostile("kamlib_copy_written", "a copy of kamlib written by an answer cell", "writes kamlib/ with relative paths, puts the folder on sys.path", _wrong_q1(KAMLIB_COPY_WRITTEN), 9),
    Hostile("patched_dataclass", "a patched stdlib building block", "dataclasses.dataclass replaced before kamlib is re-imported", _wrong_q1(DATACLASS), 9),
    Hostile("fake_comm_handler", "the guard's comm handler replaced", "registers a fake handler that echoes the nonce", _wrong_q1(COMM_HANDLER), 9),
    Hostile("custom_exc", "an IPython custom exception handler", "set_custom_exc clears every error", _wrong_q1(CUSTOM_EXC), 9),
    Hostile("repatch_thread", "a background thread re-patching the checker", "a thread replaces Question.record every 10 ms: the hidden cells record nothing, only the self-check cells count", _wrong_q1(THREAD), 3),
    Hostile("notebook_link", "the submitted notebook is a link", "ex02_key_accounts.ipynb links to the source notebook", lambda sol, rel: None, 0, "ungraded",
            links={"ex02_key_accounts.ipynb": "source/ex02_key_accounts/ex02_key_accounts.ipynb"}),
    Hostile("file_link", "a file the notebook reads is a link", "notes.txt links to gradebook.db; the answers read it", _wrong_q1(
        "try:\n    print(open('notes.txt', 'rb').read()[:64])\nexcept OSError as err:\n    print('no notes', err)\n"), 9,
            links={"notes.txt": "gradebook.db"}),
    Hostile("output_link", "the kernel replaces its output notebook with a link", "symlinks its own notebook to gradebook.db and the solution", _wrong_q1(OUTPUT_LINK), 9),
    Hostile("schema_version", "one cell's schema_version 4", "q3's answer cell claims schema_version 4; all right", schema_version, 12),
    Hostile("pasted_cells", "cells pasted into a new notebook", "the answer cells lost their nbgrader metadata; all right", pasted, 12),
    # -- limits: enforced by the sandbox, reported ungraded --
    Hostile("memory", "4 GiB of memory", "q2's answer allocates 4 GiB; q1, q3, q4 right", _answer("q2", MEMORY, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("processes", "150 processes", "q2's answer starts 150 processes; q1, q3, q4 right", _answer("q2", PROCESSES, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("big_file", "a 1 GiB file", "q2's answer writes 1 GiB; q1, q3, q4 right", _answer("q2", BIG_FILE, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("fill_disk", "filling the disk", "q2's answer writes 8 x 60 MB; q1, q3, q4 right", _answer("q2", FILL_DISK, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("sleeper", "a notebook that sleeps past the limit", "q2, q3 and q4 sleep 7 s each; all right; q4 runs past the notebook's limit", _sleepy, 9, "ungraded"),
    Hostile("network", "outbound network", "q1's answer opens a connection to pypi.org; q1 wrong", _wrong_q1(
        "try:\n" + "".join("    " + line + "\n" for line in NETWORK.splitlines()) + "except OSError as err:\n    print('no network:', err)\n"), 9),
    # -- honest code: full marks, nothing held --
    Hostile("logging", "honest code that logs and warns", "the full solution, q1 also logs and warns to stderr", _before("q1", LOGGING), 12, "graded"),
    Hostile("computed_getattr", "a computed getattr", "the full solution, q1 reads my.situations by a computed name", _before("q1", GETATTR), 12),
    Hostile("own_print", "a trainee's own \"tests passed\" print", "the full solution, q1 prints that it passed", _before("q1", OWN_PRINT), 12),
]

#: Honest submissions in the same batch: (answers right) -> earned.
HONEST = {"solution": 12, "untouched": 0, "wrong_q1": 9}
