"""The nbgrader test cells of an exercise, written from its question declarations.

``tools/exercises.py render`` puts these into ``exercises/source``; a test fails
when a source notebook's test cell differs from what is rendered here.

>>> print(visible_test_source("ex02_key_accounts", "q1", "weighted_score"))
# Self-check (visible test, 1 point): run this cell after your answer.
from kamlib.checks.ex02_key_accounts import q1
<BLANKLINE>
q1.test(weighted_score)
"""

from __future__ import annotations

__all__ = ["visible_test_source", "hidden_test_source", "HIDDEN_PURGE"]

# The hidden test re-imports kamlib from disk, so a submission that patched or
# replaced kamlib modules in memory is graded by the real checker.
HIDDEN_PURGE = (
    "import importlib\n"
    "import sys\n"
    "\n"
    "for _name in [m for m in list(sys.modules) if m == 'kamlib' or m.startswith('kamlib.')]:\n"
    "    del sys.modules[_name]\n"
)


def visible_test_source(exercise: str, question: str, answer_name: str, points: int = 1) -> str:
    return (
        f"# Self-check (visible test, {points} point{'s' if points != 1 else ''}): "
        "run this cell after your answer.\n"
        f"from kamlib.checks.{exercise} import {question}\n\n"
        f"{question}.test({answer_name})"
    )


def hidden_test_source(exercise: str, question: str, answer_name: str, points: int = 2) -> str:
    return (
        f"# Hidden tests ({points} points): the grader checks {answer_name} here on data you have not seen.\n"
        "### BEGIN HIDDEN TESTS\n"
        f"{HIDDEN_PURGE}"
        f"importlib.import_module('kamlib.checks.{exercise}').{question}.grade({answer_name})\n"
        "### END HIDDEN TESTS"
    )
