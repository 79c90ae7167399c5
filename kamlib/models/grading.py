"""How did the class do? Item statistics for an autograded exercise.

Pure functions over plain data, for the instructor's class report
(``exercises/class_report.ipynb``). A class is ``scores``: ``{student: {item: points}}``
and ``max_points``: ``{item: points}``. A student held for review (ungraded or
flagged) is left out of the statistics and listed apart, so one hung kernel does not
read as a zero.

* **difficulty** (facility index): mean score / max per item, 0 (nobody) to 1 (everybody).
* **discrimination**: does the item separate stronger from weaker trainees?
  ``point_biserial`` is the correlation between the item (as a fraction of its
  points) and the rest of the test (total minus the item); ``upper_lower`` is the
  item's mean fraction in the top 27 % minus the bottom 27 % by total. Above 0.3 is
  good, below 0.1 (or negative) means the item should be looked at.

>>> scores = {"a": {"q1": 3, "q2": 3}, "b": {"q1": 3, "q2": 0}, "c": {"q1": 0, "q2": 0}}
>>> difficulty(scores, {"q1": 3, "q2": 3})
{'q1': 0.6667, 'q2': 0.3333}
>>> distribution([12, 9, 9, 0], 12, bins=4)["counts"]
[1, 0, 0, 3]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Real

__all__ = ["check_class", "totals", "distribution", "difficulty", "discrimination", "item_table",
           "held_for_review", "UPPER_LOWER_SHARE"]

UPPER_LOWER_SHARE = 0.27


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(value):
        raise TypeError(f"{what} must be a number, got {value!r}")
    return float(value)


def check_class(scores: Mapping[str, Mapping[str, Real]], max_points: Mapping[str, Real]) -> None:
    """Raise a clear error unless ``scores`` and ``max_points`` describe one class.

    >>> check_class({"a": {"q1": 4}}, {"q1": 3})
    Traceback (most recent call last):
    ...
    ValueError: scores: a scored 4.0 on q1, more than its 3.0 points
    """
    if not isinstance(max_points, Mapping) or not max_points:
        raise ValueError(f"max_points must be a non-empty {{item: points}} dict, got {max_points!r}")
    for item, points in max_points.items():
        if _number(points, f"max_points[{item!r}]") <= 0:
            raise ValueError(f"max_points[{item!r}] must be above 0, got {points!r}")
    if not isinstance(scores, Mapping):
        raise TypeError(f"scores must be a {{student: {{item: points}}}} dict, got {type(scores).__name__}")
    for student, row in scores.items():
        if not isinstance(row, Mapping):
            raise TypeError(f"scores[{student!r}] must be an {{item: points}} dict, got {type(row).__name__}")
        missing = [i for i in max_points if i not in row]
        extra = [i for i in row if i not in max_points]
        if missing or extra:
            raise ValueError(f"scores[{student!r}] must have exactly the items {sorted(max_points)}; "
                             f"missing {missing}, unexpected {extra}")
        for item, got in row.items():
            value = _number(got, f"scores[{student!r}][{item!r}]")
            if not 0 <= value <= float(max_points[item]):
                raise ValueError(f"scores: {student} scored {value} on {item}, "
                                 f"{'below 0' if value < 0 else f'more than its {float(max_points[item])} points'}")


def totals(scores: Mapping[str, Mapping[str, Real]], max_points: Mapping[str, Real]) -> dict[str, float]:
    """Each student's total over the items.

    >>> totals({"a": {"q1": 1, "q2": 2}}, {"q1": 1, "q2": 2})
    {'a': 3.0}
    """
    check_class(scores, max_points)
    return {s: float(sum(row[i] for i in max_points)) for s, row in scores.items()}


def distribution(values: Sequence[Real], max_score: Real, bins: int = 6) -> dict:
    """Counts of ``values`` in ``bins`` equal bins from 0 to ``max_score`` (the top bin
    includes full marks), with the mean, median and standard deviation.

    >>> d = distribution([0, 6, 12], 12, bins=2)
    >>> d["edges"], d["counts"], d["mean"], d["median"]
    ([0.0, 6.0, 12.0], [1, 2], 6.0, 6.0)
    """
    top = _number(max_score, "max_score")
    if top <= 0:
        raise ValueError(f"max_score must be above 0, got {max_score!r}")
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be a whole number from 1, got {bins!r}")
    data = [_number(v, "values[]") for v in values]
    if any(not 0 <= v <= top for v in data):
        raise ValueError(f"values must lie from 0 to max_score={top}, got {[v for v in data if not 0 <= v <= top][:5]}")
    width = top / bins
    counts = [0] * bins
    for v in data:
        counts[min(int(v / width), bins - 1)] += 1
    ordered = sorted(data)
    n = len(data)
    mean = sum(data) / n if n else math.nan
    median = (ordered[(n - 1) // 2] + ordered[n // 2]) / 2 if n else math.nan
    sd = math.sqrt(sum((v - mean) ** 2 for v in data) / (n - 1)) if n > 1 else 0.0 if n else math.nan
    return {"edges": [round(i * width, 10) for i in range(bins + 1)], "counts": counts,
            "n": n, "mean": mean, "median": median, "sd": sd}


def difficulty(scores: Mapping[str, Mapping[str, Real]], max_points: Mapping[str, Real]) -> dict[str, float]:
    """Mean score / max per item (rounded to 4 places); NaN when nobody is graded."""
    check_class(scores, max_points)
    out = {}
    for item, points in max_points.items():
        values = [row[item] / points for row in scores.values()]
        out[item] = round(sum(values) / len(values), 4) if values else math.nan
    return out


def _pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    if n < 2:
        return math.nan
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else math.nan


def discrimination(scores: Mapping[str, Mapping[str, Real]], max_points: Mapping[str, Real],
                   method: str = "point_biserial") -> dict[str, float]:
    """How well each item separates stronger from weaker trainees (rounded to 4 places).

    NaN where it cannot be told: fewer than 2 students, or nobody (or everybody)
    differs on the item or on the rest of the test.

    >>> s = {"a": {"q1": 1, "q2": 1}, "b": {"q1": 1, "q2": 0}, "c": {"q1": 0, "q2": 0}, "d": {"q1": 0, "q2": 1}}
    >>> discrimination(s, {"q1": 1, "q2": 1})
    {'q1': 0.0, 'q2': 0.0}
    >>> discrimination({"a": {"q1": 1, "q2": 1}, "b": {"q1": 0, "q2": 0}}, {"q1": 1, "q2": 1}, "upper_lower")
    {'q1': 1.0, 'q2': 1.0}
    """
    if method not in ("point_biserial", "upper_lower"):
        raise ValueError(f"method must be 'point_biserial' or 'upper_lower', got {method!r}")
    total = totals(scores, max_points)
    students = sorted(scores)
    out = {}
    if method == "upper_lower":
        ranked = sorted(students, key=lambda s: (-total[s], s))
        k = max(1, round(UPPER_LOWER_SHARE * len(ranked))) if len(ranked) >= 2 else 0
        upper, lower = ranked[:k], ranked[-k:] if k else []
        for item, points in max_points.items():
            if not k:
                out[item] = math.nan
                continue
            up = sum(scores[s][item] / points for s in upper) / k
            low = sum(scores[s][item] / points for s in lower) / k
            out[item] = round(up - low, 4)
        return out
    for item, points in max_points.items():
        x = [scores[s][item] / points for s in students]
        rest = [total[s] - scores[s][item] for s in students]
        r = _pearson(x, rest)
        out[item] = r if math.isnan(r) else round(r, 4)
    return out


def item_table(scores: Mapping[str, Mapping[str, Real]], max_points: Mapping[str, Real]) -> list[dict]:
    """One row per item: points, difficulty, both discrimination indices and a verdict."""
    diff = difficulty(scores, max_points)
    pb = discrimination(scores, max_points, "point_biserial")
    ul = discrimination(scores, max_points, "upper_lower")
    rows = []
    for item, points in max_points.items():
        if math.isnan(pb[item]):
            verdict = "cannot tell (no spread)"
        elif pb[item] < 0.1:
            verdict = "look at this item"
        elif diff[item] < 0.2 or diff[item] > 0.9:
            verdict = "very hard" if diff[item] < 0.2 else "very easy"
        else:
            verdict = "fine"
        rows.append({"item": item, "points": float(points), "difficulty": diff[item],
                     "point_biserial": pb[item], "upper_lower": ul[item], "verdict": verdict})
    return rows


def held_for_review(records: Sequence[Mapping]) -> dict[str, list[dict]]:
    """The ungraded and the flagged, from review records (``status``, ``student``,
    ``ungraded`` and ``findings`` lists as tools/grade_hooks.py writes them).

    >>> held_for_review([{"student": "x", "status": "ungraded", "ungraded": [{"cell": "q2_answer",
    ...                   "reason": "timed out"}], "findings": []}])["ungraded"]
    [{'student': 'x', 'reasons': 'q2_answer: timed out'}]
    """
    out: dict[str, list[dict]] = {"ungraded": [], "flagged": []}
    for record in records:
        status = record.get("status")
        if status not in ("graded", "ungraded", "flagged"):
            raise ValueError(f"records: status must be graded, ungraded or flagged, got {status!r}")
        if status == "graded":
            continue
        reasons = [f"{x['cell']}: {x['reason']}" for x in list(record.get("ungraded", [])) + list(record.get("findings", []))]
        out[status].append({"student": record["student"], "reasons": "; ".join(reasons)})
    return out
