"""Hostile submissions to ex02: each says what it tries and what it honestly earned.

``earned`` is the auto score the trainee's own work deserves (12 is full marks).
``expect`` is what our grader must do: ``"earned"`` (scores exactly ``earned``),
``"flagged"`` (marked for review; the score may be what the attack got) or
``"ungraded"`` (reported ungraded, never a silent number). Every case that can be
scored honestly must also be flagged when the scan can see it (``flag=True``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

QUESTIONS = ("q1", "q2", "q3", "q4")
TESTS = [f"{q}_{kind}" for q in QUESTIONS for kind in ("tests", "hidden")]


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str  # the brief's wording
    attack: str  # one line: what it does
    build: Callable[[dict, dict], dict]  # (solution, release) -> submission
    earned: float
    expect: str = "earned"
    flag: bool = True


def _copy(nb: dict) -> dict:
    return json.loads(json.dumps(nb))


def _cell(nb: dict, grade_id: str) -> dict:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _answer(nb: dict, question: str, source: str) -> dict:
    nb = _copy(nb)
    _cell(nb, f"{question}_answer")["source"] = source
    return nb


def _mix(solution: dict, release: dict, right: tuple[str, ...]) -> dict:
    """The release with the solution's answers for the questions in ``right``."""
    nb = _copy(release)
    for q in right:
        _cell(nb, f"{q}_answer")["source"] = _cell(solution, f"{q}_answer")["source"]
    return nb


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


WRONG_Q1 = "def weighted_score(scores, weights):\n    return 0.0\n"


def edited_tests(sol, rel):
    nb = _copy(rel)
    for grade_id in TESTS:
        _cell(nb, grade_id)["source"] = "pass"
    return nb


def deleted_tests(sol, rel):
    nb = _copy(rel)
    nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in TESTS]
    return nb


def duplicated_cells(sol, rel):
    nb = _copy(rel)
    out = []
    for cell in nb["cells"]:
        out.append(cell)
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in TESTS:
            twin = _copy(cell)
            twin["source"] = "pass"
            out.append(twin)
    nb["cells"] = out
    return nb


def points_changed(sol, rel):
    nb = _mix(sol, rel, ("q1",))
    _cell(nb, "q1_tests")["metadata"]["nbgrader"]["points"] = 50
    _cell(nb, "q1_hidden")["metadata"]["nbgrader"]["points"] = 100
    return nb


REDEFINED = '''import importlib, types
class _Pass:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None
_fake = types.SimpleNamespace(q1=_Pass(), q2=_Pass(), q3=_Pass(), q4=_Pass())
importlib.import_module = lambda name, package=None: _fake
q1 = q2 = q3 = q4 = _Pass()
''' + WRONG_Q1

PATCHED_KAMLIB = '''from kamlib.checks import framework
framework.Question.test = lambda self, answer: None
framework.Question.grade = lambda self, answer: None
framework.compare = lambda expected, got, tolerance=1e-6: None
''' + WRONG_Q1

EQ_TRUE = '''class Agree:
    def __eq__(self, other):
        return True
    def __hash__(self):
        return 0
def weighted_score(scores, weights):
    return Agree()
'''

AST_TRANSFORMER = '''import ast
class Forgive(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
    def visit_Module(self, node):
        self.generic_visit(node)
        handler = ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()), name=None, body=[ast.Pass()])
        node.body = [ast.Try(body=node.body or [ast.Pass()], handlers=[handler], orelse=[], finalbody=[])]
        return ast.fix_missing_locations(node)
get_ipython().ast_transformers.append(Forgive())
''' + WRONG_Q1

INPUT_TRANSFORMER = '''get_ipython().input_transformers_post.append(lambda lines: [])
''' + WRONG_Q1

SILENCED = '''get_ipython()._showtraceback = lambda *args, **kwargs: None
get_ipython().showtraceback = lambda *args, **kwargs: None
''' + WRONG_Q1

PATCHED_STDLIB = '''import math
math.isclose = lambda *args, **kwargs: True
''' + WRONG_Q1

READ_SOURCE = '''import json, os
from pathlib import Path
_places = list(Path(os.getcwd()).resolve().parents)
try:
    import kamlib
    _places.append(Path(kamlib.__file__).resolve().parents[1] / "exercises")
    _places.append(Path(kamlib.__file__).resolve().parents[1])
except Exception:
    pass
for _place in _places:
    for _rel in ("source/ex02_key_accounts/ex02_key_accounts.ipynb", "solutions/ex02_key_accounts/ex02_key_accounts.ipynb"):
        try:
            _nb = json.loads((_place / _rel).read_text())
        except OSError:
            continue
        for _c in _nb["cells"]:
            if _c["cell_type"] == "code" and "BEGIN SOLUTION" in "".join(_c["source"]):
                exec("".join(_c["source"]))
        break
'''

WRITE_GRADEBOOK = '''import os, sqlite3
from pathlib import Path
_me = Path(os.getcwd()).resolve().parent.name
for _place in Path(os.getcwd()).resolve().parents:
    if (_place / "gradebook.db").exists():
        _db = sqlite3.connect(_place / "gradebook.db")
        _mine = """SELECT submitted_notebook.id FROM submitted_notebook JOIN submitted_assignment
                   ON submitted_notebook.assignment_id = submitted_assignment.id
                   WHERE submitted_assignment.student_id = ?"""
        _db.execute(f"UPDATE grade SET manual_score = (SELECT max_score FROM grade_cells WHERE grade_cells.id = grade.cell_id) WHERE notebook_id IN ({_mine})", (_me,))
        _db.execute(f"UPDATE grade SET manual_score = 0 WHERE notebook_id NOT IN ({_mine})", (_me,))
        _db.commit()
        break
''' + WRONG_Q1

SYS_EXIT = "import sys\nsys.exit(0)\n"
OS_EXIT = "import os\nos._exit(0)\n"
HANG = '''import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
'''
FAKE_PASSED = '''print("✓ q1: hidden tests passed.")
print("Score: 3/3 -- all tests passed")
''' + WRONG_Q1
HUGE = 'print("x" * 30_000_000)\n'


def _with_answer(question: str, source: str, right: tuple[str, ...] = ()):
    def build(sol, rel):
        return _answer(_mix(sol, rel, right), question, source)
    return build


def _every_answer(source: str):
    def build(sol, rel):
        nb = _copy(rel)
        for q in QUESTIONS:
            _cell(nb, f"{q}_answer")["source"] = source
        return nb
    return build


def _prepend(question: str, source: str):
    def build(sol, rel):
        nb = _copy(sol)
        cell = _cell(nb, f"{question}_answer")
        cell["source"] = source + _src(cell)
        return nb
    return build


CASES = [
    Hostile("edited_tests", "edited test cells", "every test cell replaced by `pass`", edited_tests, 0),
    Hostile("deleted_tests", "deleted test cells", "every visible and hidden test cell deleted", deleted_tests, 0),
    Hostile("duplicated_cells", "duplicated cells", "each test cell duplicated, the copy says `pass`", duplicated_cells, 0),
    Hostile("points_changed", "changed `points` metadata", "q1 right; its test cells claim 50 and 100 points", points_changed, 3),
    Hostile("redefined_checkers", "redefined checker functions", "q1..q4 rebound and importlib.import_module faked", _with_answer("q1", REDEFINED), 0),
    Hostile("patched_kamlib", "patched kamlib modules", "Question.test/grade and compare replaced in kamlib", _with_answer("q1", PATCHED_KAMLIB), 0),
    Hostile("eq_always_true", "an object whose __eq__ always says True", "q1 returns an object equal to everything", _with_answer("q1", EQ_TRUE), 0),
    Hostile("ast_transformer", "assert disabled through IPython AST transformers", "AST transformer drops asserts and wraps every later cell in try/except", _with_answer("q1", AST_TRANSFORMER), 0),
    Hostile("input_transformer", "later cells blanked through input transformers", "input_transformers_post returns no lines", _with_answer("q1", INPUT_TRANSFORMER), 0),
    Hostile("silenced_tracebacks", "error display silenced", "shell.showtraceback replaced, so a failing test shows no error", _with_answer("q1", SILENCED), 0),
    Hostile("patched_stdlib", "patched standard library", "math.isclose always True, q1 returns 0.0", _with_answer("q1", PATCHED_STDLIB), 0),
    Hostile("read_source", "reading the instructor's source notebook", "every answer cell finds source/ (or solutions/) and execs the solution cells", _every_answer(READ_SOURCE), 0),
    Hostile("write_gradebook", "writing the gradebook", "sqlite: own grades manual=max, everyone else's manual=0", _with_answer("q1", WRITE_GRADEBOOK), 0),
    Hostile("sys_exit", "sys.exit", "q1 answer calls sys.exit(0); q2..q4 right", _with_answer("q1", SYS_EXIT, ("q2", "q3", "q4")), 9),
    Hostile("os_exit", "os._exit", "q2 answer kills the kernel; q1, q3, q4 right", _with_answer("q2", OS_EXIT, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("hang", "an infinite loop with SIGINT ignored", "q2 answer ignores SIGINT and loops; q1, q3, q4 right", _with_answer("q2", HANG, ("q1", "q3", "q4")), 9, "ungraded"),
    Hostile("fake_passed", "printed fake \"passed\" output", "prints the checker's success lines, answers wrong", _with_answer("q1", FAKE_PASSED), 0),
    Hostile("huge_output", "a huge output", "the full solution, q1 also prints 30 MB", _prepend("q1", HUGE), 12, flag=True),
]

HONEST = {"solution": 12, "untouched": 0, "wrong_q2": 9}
