"""Marking an answer against an instructor's key, outside the trainee's kernel.

A key module (``exercises/keys/<exercise>.py``) declares one :class:`Key`: for each
question, a marker that turns the trainee's (already well-formed) answer, the
trainee's variant data and the course secret into a :class:`Mark`. Markers give
credit per item; their messages name what is wrong without the expected values.

>>> key = Key("demo", {"q1": labels(lambda data: {"a": "S", "b": "P"})})
>>> key.mark("q1", {"a": "S", "b": "I"}, data=None)
Mark(visible=0.5, hidden=0.5, message='1 of 2 items right.')
>>> key.fraction("q1", {"a": "S", "b": "P"}, data=None)
1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Mark", "Key", "labels", "assignment", "ids", "one_of", "number", "parts"]


@dataclass(frozen=True)
class Mark:
    """Credit as fractions of the visible cell's and the hidden cell's points."""

    visible: float
    hidden: float
    message: str

    def __post_init__(self):
        for name in ("visible", "hidden"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"Mark.{name} must be between 0 and 1, got {value!r}")


Marker = Callable[[Any, Any, bytes], Mark]


def _same(fraction: float, message: str) -> Mark:
    fraction = round(max(0.0, min(1.0, fraction)), 4)
    return Mark(fraction, fraction, message)


def labels(expected: Callable[[Any], Mapping[str, str]]) -> Marker:
    """Credit per item: the share of items labelled as the key says."""

    def mark(answer, data, secret=b""):
        key = dict(expected(data))
        right = sum(1 for item, label in key.items() if isinstance(answer, Mapping) and answer.get(item) == label)
        return _same(right / len(key), f"{right} of {len(key)} items right.")

    mark.expected = expected
    return mark


def assignment(expected: Callable[[Any], Mapping[str, str]]) -> Marker:
    """A labelled subset: right (id, label) pairs over the larger of the key and the answer,
    so labelling everything earns little; none expected and none given is right."""

    def mark(answer, data, secret=b""):
        key = dict(expected(data))
        answer = dict(answer) if isinstance(answer, Mapping) else {}
        if not key and not answer:
            return _same(1.0, "right: there is none.")
        right = sum(1 for k, v in key.items() if answer.get(k) == v)
        return _same(right / max(len(key), len(answer)), f"{right} of {len(key)} right.")

    mark.expected = expected
    return mark


def ids(expected: Callable[[Any], Iterable[str]], ordered: bool = False) -> Marker:
    """Credit per id: right ids over the larger of the key's and the answer's size
    (so listing everything earns little); ``ordered`` compares positions."""

    def mark(answer, data, secret=b""):
        key = list(expected(data))
        answer = list(answer) if isinstance(answer, (list, tuple)) else []
        if not key and not answer:
            return _same(1.0, "right: there is none.")
        if ordered:
            right = sum(1 for a, k in zip(answer, key, strict=False) if a == k)
        else:
            right = len(set(answer) & set(key))
        return _same(right / max(len(key), len(answer)), f"{right} of {len(key)} right.")

    mark.expected = expected
    return mark


def one_of(expected: Callable[[Any], str], partial: Mapping[str, float] | None = None) -> Marker:
    """All or nothing, unless ``partial`` gives credit to a defensible second choice
    (``{answer: fraction}``; answers not listed earn 0)."""

    def mark(answer, data, secret=b""):
        if answer == expected(data):
            return _same(1.0, "right.")
        credit = (partial or {}).get(answer, 0.0) if isinstance(answer, str) else 0.0
        return _same(credit, "partly right." if credit else "not right.")

    mark.expected = expected
    return mark


def number(expected: Callable[[Any], float], rel_tol: float = 0.01, abs_tol: float = 0.5,
           partial_tol: float | None = 0.05) -> Marker:
    """Full credit within ``rel_tol`` (or ``abs_tol``), half within ``partial_tol``."""

    def mark(answer, data, secret=b""):
        want = float(expected(data))
        if not isinstance(answer, (int, float)) or isinstance(answer, bool) or not math.isfinite(answer):
            return _same(0.0, "not a number.")
        if math.isclose(answer, want, rel_tol=rel_tol, abs_tol=abs_tol):
            return _same(1.0, "right.")
        if partial_tol and math.isclose(answer, want, rel_tol=partial_tol, abs_tol=abs_tol):
            return _same(0.5, "close, but not within the tolerance.")
        return _same(0.0, "not right.")

    mark.expected = expected
    return mark


def parts(markers: Mapping[str, Marker], weights: Mapping[str, float] | None = None,
          visible: str | None = None) -> Marker:
    """A dict answer with named parts, each marked by its own marker and weighted.
    ``visible`` names the part the visible cell's point depends on (default: all)."""
    weights = dict(weights or {name: 1.0 for name in markers})
    total = sum(weights.values())

    def mark(answer, data, secret=b""):
        answer = answer if isinstance(answer, Mapping) else {}
        marks = {name: m(answer.get(name), data, secret) for name, m in markers.items()}
        hidden = sum(weights[n] * marks[n].hidden for n in marks) / total
        shown = marks[visible].visible if visible else hidden
        message = "; ".join(f"{n}: {marks[n].message}" for n in marks)
        return Mark(round(shown, 4), round(hidden, 4), message)

    if all(hasattr(m, "expected") for m in markers.values()):
        mark.expected = lambda data: {name: m.expected(data) for name, m in markers.items()}
    return mark


@dataclass(frozen=True)
class Key:
    """An exercise's key: a marker per question id."""

    exercise: str
    markers: Mapping[str, Marker]

    def mark(self, question: str, answer: Any, data: Any, secret: bytes = b"") -> Mark:
        if question not in self.markers:
            raise KeyError(f"{self.exercise} has no key for {question!r}; keys: {sorted(self.markers)}")
        return self.markers[question](answer, data, secret)

    def expected(self, question: str, data: Any):
        """The key's answer, where its marker has one (a replayed call script has none)."""
        marker = self.markers[question]
        return marker.expected(data) if hasattr(marker, "expected") else None

    def fraction(self, question: str, answer: Any, data: Any, secret: bytes = b"") -> float:
        """The hidden fraction: what the self-study self-check calls 'correct' at 1.0."""
        return self.mark(question, answer, data, secret).hidden
