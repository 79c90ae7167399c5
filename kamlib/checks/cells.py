"""The nbgrader test cells of an exercise, written from its question declarations.

``python -m tools.exercises render`` puts these into the bilingual exercise sources
(``exercises/bilingual``; each comment has its ``#zh:`` line, see tools/editions.py); a
test fails when a test cell differs from what is rendered here. The kernel only records
the answer; the grader marks it outside (``kamgrade``).

>>> print(visible_test_source("ex02_key_accounts", "q1", 1))
# Self-check (1 point, marked by the grader after you submit): run this cell after your answer.
#zh: 自查（1 分，提交后由评分程序评分）：写好答案后运行本单元格。
from kamlib.checks.ex02_key_accounts import q1
<BLANKLINE>
q1.check(q1_answer)
"""

from __future__ import annotations

__all__ = ["visible_test_source", "hidden_test_source", "hint_source", "answer_variable"]


def answer_variable(question: str) -> str:
    """The variable a trainee assigns their answer to: ``q1_answer``."""
    return f"{question}_answer"


def _points(points: float) -> str:
    return f"{points:g} point{'' if points == 1 else 's'}"


def visible_test_source(exercise: str, question: str, points: float = 1) -> str:
    return (
        f"# Self-check ({_points(points)}, marked by the grader after you submit): "
        "run this cell after your answer.\n"
        f"#zh: 自查（{points:g} 分，提交后由评分程序评分）：写好答案后运行本单元格。\n"
        f"from kamlib.checks.{exercise} import {question}\n\n"
        f"{question}.check({answer_variable(question)})"
    )


def hidden_test_source(exercise: str, question: str, points: float = 2) -> str:
    return (
        f"# Hidden cell ({_points(points)}): the grader records your answer here and marks it "
        "against your variant.\n"
        f"#zh: 隐藏单元格（{points:g} 分）：评分程序在这里记录你的答案，并按你的题目版本评分。\n"
        "### BEGIN HIDDEN TESTS\n"
        f"from kamlib.checks.{exercise} import {question}\n\n"
        f"{question}.record({answer_variable(question)})\n"
        "### END HIDDEN TESTS"
    )


def hint_source(question: str) -> str:
    """The unlocked cell under each question that asks for the next hint."""
    return (
        "# Stuck? Remove the # in front of the next line and run this cell for a hint; run it again for the next one.\n"
        "#zh: 卡住了？删掉下一行前面的 #，运行本单元格获取提示；再运行一次看下一条。\n"
        f"# {question}.hint()"
    )
