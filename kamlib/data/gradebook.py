"""A class's grading records, read into plain data for the class report.

Two sources, both written during autograde: nbgrader's gradebook (read through
nbgrader's own API) and the review files of ``tools/grade_hooks.py``
(``review/<assignment>/<student>/<notebook>.json``: flagged or ungraded, with reasons).
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["read_reviews", "load_class_results"]


def read_reviews(folder: str | Path, assignment: str | None = None) -> list[dict]:
    """Every review record under ``folder`` (a course's ``review/``), sorted by
    assignment, student and notebook; an absent folder has none.

    >>> read_reviews("/nonexistent/review")
    []
    """
    pattern = f"{assignment}/*/*.json" if assignment else "*/*/*.json"
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob(pattern))
               if not p.name.endswith(".sanitize.json")]
    return sorted(records, key=lambda r: (r["assignment"], r["student"], r["notebook"]))


def load_class_results(gradebook: str | Path) -> dict[str, dict]:
    """Per assignment: ``max_points`` per graded cell, each graded trainee's ``scores``,
    the cells still ``waiting`` for manual grading (left out of both) and the trainees
    ``held`` for review: flagged or ungraded in the review files, or never scored at all
    (nbgrader could not run them), which is *ungraded*, not 0."""
    from nbgrader.api import Gradebook

    gradebook = Path(gradebook).resolve()
    held_by_assignment: dict[str, set] = {}
    for record in read_reviews(gradebook.parent / "review"):
        if record["status"] != "graded":
            held_by_assignment.setdefault(record["assignment"], set()).add(record["student"])
    results = {}
    with Gradebook(f"sqlite:///{gradebook}") as gb:
        for assignment in gb.assignments:
            max_points = {cell.name: cell.max_score for nb in assignment.notebooks for cell in nb.grade_cells}
            held = set(held_by_assignment.get(assignment.name, ()))
            scores, waiting = {}, set()
            for submission in assignment.submissions:
                grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
                never = [g for g in grades.values() if g.auto_score is None and g.manual_score is None
                         and g.cell.cell_type == "code"]
                if never:
                    held.add(submission.student.id)
                if submission.student.id in held:
                    continue
                waiting |= {name for name, g in grades.items() if g.needs_manual_grade}
                scores[submission.student.id] = {name: g.score for name, g in grades.items()}
            items = {q: p for q, p in max_points.items() if q not in waiting}
            results[assignment.name] = {
                "max_points": items,
                "scores": {s: {q: row[q] for q in items} for s, row in scores.items()},
                "waiting": sorted(waiting),
                "held": sorted(held),
            }
    return results
