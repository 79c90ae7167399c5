"""One question, three uses: the self-check, the hidden test and the hints.

A question is declared once, with its reference answer computed by
``kamlib.models``. From that declaration come

* ``check(answer)``: the trainee's self-check. Shows *not attempted*, *not yet*
  (with feedback that names the mistake, never the expected value) or *correct*.
* ``test(answer)``: the visible nbgrader test: ``check`` that raises when the
  answer is not correct, so nbgrader scores the cell 0.
* ``grade(answer)``: the hidden nbgrader test, on inputs the trainee has not seen,
  with exact types (an object that claims to equal everything gets nothing).
* ``hint()``: the next of the question's tiered hints.

>>> q = Question(
...     id="qx", summary="double a number", answer_name="double",
...     reference=lambda x: 2 * x,
...     cases=lambda: [Case((3,))], hidden_cases=lambda rng: [Case((rng.randint(4, 9),))],
...     hints=("Multiply by two.",),
...     mistakes=(Mistake("squared", "You squared the number; double it.", lambda x: x * x),),
... )
>>> q.evaluate(____).outcome
'not attempted'
>>> q.evaluate(lambda x: x * x).message
'You squared the number; double it.'
>>> q.evaluate(lambda x: x + x).outcome
'correct'
"""

from __future__ import annotations

import contextlib
import copy
import io
import math
import os
import random
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kamlib.checks.progress import record

__all__ = [
    "____",
    "NOT_ATTEMPTED",
    "INCORRECT",
    "CORRECT",
    "Case",
    "Mistake",
    "Result",
    "Question",
    "AnswerNotAccepted",
    "compare",
    "grading_mode",
]

NOT_ATTEMPTED, INCORRECT, CORRECT = "not attempted", "incorrect", "correct"


class _Blank:
    """The ``____`` placeholder a trainee replaces with an answer."""

    _instance = None

    def __new__(cls):
        cls._instance = cls._instance or super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


class AnswerNotAccepted(AssertionError):
    """Raised by ``test`` and ``grade``; IPython shows only the message."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Case:
    """Arguments for one call of the trainee's function."""

    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    label: str = ""

    def call(self, function: Callable) -> Any:
        return function(*copy.deepcopy(self.args), **copy.deepcopy(dict(self.kwargs)))


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: computed like the reference, but wrongly."""

    name: str
    message: str
    wrong: Callable[..., Any]


@dataclass(frozen=True)
class Result:
    question: str
    outcome: str
    message: str

    @property
    def correct(self) -> bool:
        return self.outcome == CORRECT

    def __str__(self) -> str:
        symbol = {CORRECT: "✓", INCORRECT: "✗", NOT_ATTEMPTED: "…"}[self.outcome]
        head = {CORRECT: "correct", INCORRECT: "not yet", NOT_ATTEMPTED: "not attempted"}[self.outcome]
        return f"{symbol} {self.question}: {head}. {self.message}".rstrip()

    def _repr_html_(self) -> str:
        import html

        colour = {CORRECT: "#1b7f3b", INCORRECT: "#b3261e", NOT_ATTEMPTED: "#6b6b6b"}[self.outcome]
        return f'<div style="color:{colour};font-weight:600">{html.escape(str(self))}</div>'


def grading_mode() -> bool:
    """True while nbgrader validates or autogrades (it sets NBGRADER_EXECUTION)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


# --- comparing answers ----------------------------------------------------------------------

_NAMES = {dict: "a dict", list: "a list", tuple: "a tuple", str: "a str", float: "a number",
          int: "a whole number", bool: "True or False", set: "a set"}


def _kind(value: Any) -> str:
    return _NAMES.get(type(value), f"a {type(value).__name__}")


def compare(expected: Any, got: Any, tolerance: float = 1e-6) -> str | None:
    """None when ``got`` is ``expected`` with exact built-in types, else why not.

    The reason names keys or positions, never the expected values.

    >>> compare({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 2.5})
    'a wrong value for b'
    >>> class Liar:
    ...     def __eq__(self, other): return True
    >>> compare(1.0, Liar())
    'expected a number, got a Liar'
    """
    if isinstance(expected, float) and not isinstance(expected, bool):
        if type(got) not in (float, int):
            return f"expected a number, got {_kind(got)}"
        return None if math.isclose(expected, got, rel_tol=tolerance, abs_tol=tolerance) else "wrong value"
    if type(got) is not type(expected):
        return f"expected {_kind(expected)}, got {_kind(got)}"
    if isinstance(expected, dict):
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(map(str, missing[:5]))}" + (" …" if len(missing) > 5 else ""))
            if extra:
                parts.append(f"unexpected {', '.join(map(str, extra[:5]))}" + (" …" if len(extra) > 5 else ""))
            return "; ".join(parts)
        wrong = [k for k in expected if compare(expected[k], got[k], tolerance) is not None]
        return f"a wrong value for {', '.join(map(str, wrong[:5]))}" if wrong else None
    if isinstance(expected, (list, tuple)):
        if len(got) != len(expected):
            return f"expected {len(expected)} items, got {len(got)}"
        if any(compare(e, g, tolerance) is not None for e, g in zip(expected, got, strict=True)):
            if sorted(map(repr, expected)) == sorted(map(repr, got)):
                return "the right items in the wrong order"
            wrong = [i + 1 for i, (e, g) in enumerate(zip(expected, got, strict=True)) if compare(e, g, tolerance)]
            return f"a wrong item at position {', '.join(map(str, wrong[:5]))}"
        return None
    if isinstance(expected, (set, frozenset)):
        return None if set(got) == set(expected) and all(type(x) is type(next(iter(expected))) for x in got) else "wrong members"
    return None if got == expected else "wrong value"


# --- the question ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """A question declared once; see the module docstring.

    ``reference`` computes the expected answer from a case's arguments with
    ``kamlib.models``; ``cases`` are the visible inputs; ``hidden_cases(rng)``
    builds inputs the trainee has not seen, from a seeded random generator.
    For ``kind='value'`` the answer is a value compared with the reference on the
    single visible case; for ``kind='function'`` it is a function called on each case.
    ``judge(expected, got)`` replaces :func:`compare` for answers it cannot judge (a
    networkx graph, say); like ``compare`` it returns None or a reason that never
    reveals the expected answer.
    """

    id: str
    summary: str
    answer_name: str
    reference: Callable[..., Any]
    cases: Callable[[], Sequence[Case]]
    hints: Sequence[str]
    hidden_cases: Callable[[random.Random], Sequence[Case]] | None = None
    mistakes: Sequence[Mistake] = ()
    kind: str = "function"
    judge: Callable[[Any, Any], str | None] | None = None
    tolerance: float = 1e-6
    seed: int = 2026
    exercise: str = ""
    _hint_state: dict = field(default_factory=lambda: {"shown": 0}, repr=False, compare=False)

    def __post_init__(self):
        if self.kind not in ("function", "value"):
            raise ValueError(f"kind must be 'function' or 'value', got {self.kind!r}")
        if not self.exercise:  # the declaring module names the exercise, for the progress view
            declared_in = sys._getframe(2).f_globals.get("__name__", "")
            object.__setattr__(self, "exercise", declared_in.rpartition(".")[2])

    # the outcome, without display
    def evaluate(self, answer: Any, cases: Sequence[Case] | None = None) -> Result:
        cases = list(self.cases() if cases is None else cases)
        if answer is ____ or isinstance(answer, _Blank):
            return self._result(NOT_ATTEMPTED, f"Replace ____ with your {self.answer_name}.")
        if self.kind == "value":
            return self._judge(lambda *a, **k: answer, cases[:1], value=True)
        if not callable(answer):
            return self._result(INCORRECT, f"{self.answer_name} should be a function, got {_kind(answer)}.")
        return self._judge(answer, cases)

    def _judge(self, function: Callable, cases: Sequence[Case], value: bool = False) -> Result:
        for case in cases:
            expected = case.call(self.reference)
            try:
                got = _quietly(case.call, function)
            except NotImplementedError:
                return self._result(NOT_ATTEMPTED, f"Write your {self.answer_name} where it says YOUR CODE HERE.")
            except Exception as err:  # the trainee's code failed: say how, not where in kamlib
                where = f" on {case.label}" if case.label else ""
                return self._result(INCORRECT, f"{self.answer_name} raised {type(err).__name__}: {err}{where}.")
            reason = self._compare(expected, got)
            if reason is not None:
                return self._result(INCORRECT, self._feedback(case, got, reason, value))
        return self._result(CORRECT, "Well done." if not value else "")

    def _feedback(self, case: Case, got: Any, reason: str, value: bool) -> str:
        for mistake in self.mistakes:
            try:
                if self._compare(case.call(mistake.wrong), got) is None:
                    return mistake.message
            except Exception:  # a mistake model that does not apply to this case
                continue
        where = "" if value or not case.label else f" ({case.label})"
        if self.judge is not None:
            return f"{reason[:1].upper()}{reason[1:]}{where}. Run {self.id}.hint() for a pointer."
        if reason.startswith("expected"):
            return f"Your answer is not the right kind: {reason}{where}."
        if reason == "wrong value":
            return f"That is not the answer{where}. Run {self.id}.hint() for a pointer."
        return f"Your answer has {reason}{where}. Run {self.id}.hint() for a pointer."

    def _compare(self, expected: Any, got: Any) -> str | None:
        if self.judge is not None:
            return self.judge(expected, got)
        return compare(expected, got, self.tolerance)

    def _result(self, outcome: str, message: str) -> Result:
        return Result(self.id, outcome, message)

    # the three uses
    def check(self, answer: Any) -> Result:
        """Show how the answer does on the visible cases; never raises."""
        result = self.evaluate(answer)
        _show(result)
        record(self.exercise, self.id, result.outcome)
        return result

    def test(self, answer: Any) -> None:
        """The visible test cell: show the outcome and raise unless correct."""
        result = self.check(answer)
        if not result.correct:
            raise AnswerNotAccepted(str(result))

    def grade(self, answer: Any) -> None:
        """The hidden test cell: visible and unseen cases, exact types; raises unless correct."""
        cases = list(self.cases())
        if self.hidden_cases is not None and self.kind == "function":
            cases += list(self.hidden_cases(random.Random(self.seed)))
        result = self.evaluate(answer, cases)
        if not result.correct:
            raise AnswerNotAccepted(f"{self.id} hidden tests: {result.outcome}. {result.message}")
        print(f"✓ {self.id}: hidden tests passed.")

    def hint(self, number: int | None = None) -> str:
        """Show the next hint (or hint ``number``, from 1)."""
        if not self.hints:
            text = f"{self.id} has no hints."
        else:
            if number is None:
                self._hint_state["shown"] = min(self._hint_state["shown"] + 1, len(self.hints))
                number = self._hint_state["shown"]
            if not 1 <= number <= len(self.hints):
                raise ValueError(f"number must be from 1 to {len(self.hints)}, got {number!r}")
            text = f"Hint {number} of {len(self.hints)} for {self.id}: {self.hints[number - 1]}"
        print(text)
        return text


def _quietly(call: Callable, function: Callable) -> Any:
    """Run the trainee's code with warnings and stderr swallowed: nbgrader zeroes
    a test cell that writes to stderr, even when the answer is right."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        return call(function)


def _show(result: Result) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python
        print(result)
        return
    if get_ipython() is None:
        print(result)
    else:
        display(result)
