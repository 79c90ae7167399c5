"""``nbgrader export`` that says which scores are final, and the check that nobody is missing.

:class:`HonestCsvExport` writes nbgrader's columns plus ``status`` (graded, flagged,
ungraded, missing, or "reviewed (...)" once a person has looked) and ``reasons``; an
ungraded score is left blank, never 0. :func:`class_status` lists every trainee who
submitted exactly once -- what ``python -m kamgrade autograde`` checks after a batch.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import ExportPlugin

from kamgrade.review import read_reviews, review_dir

__all__ = ["HonestCsvExport", "class_status", "submission_row"]

KEYS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
        "raw_score", "late_submission_penalty", "score", "max_score", "status", "reasons"]


def submission_row(gradebook: Gradebook, assignment, student, reviews: dict) -> dict:
    """One trainee's export row for one assignment."""
    row = {"assignment": assignment.name, "duedate": assignment.duedate or "", "student_id": student.id,
           "last_name": student.last_name or "", "first_name": student.first_name or "",
           "email": student.email or "", "max_score": assignment.max_score}
    review = reviews.get((assignment.name, student.id))
    try:
        sub = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        status = review["status"] if review else "missing"
        reasons = _reasons(review) if review else "no submission"
        row.update(timestamp="", raw_score="", late_submission_penalty="", score="", status=status, reasons=reasons)
        return row
    grades = [g for nb in sub.notebooks for g in nb.grades]
    pending = any(g.needs_manual_grade for g in grades)
    status = review["status"] if review else "graded"
    reasons = _reasons(review) if review else ""
    never = [g.name for g in grades if g.cell.cell_type == "code" and g.auto_score is None and g.manual_score is None]
    if never:
        status, pending = "ungraded", True
        reasons = "; ".join(filter(None, [reasons, f"autograde did not score {', '.join(never)}"]))
    looked = any(g.manual_score is not None for g in grades if g.cell.cell_type == "code")
    if status in ("ungraded", "flagged") and looked and not pending:  # a person has graded the held cells
        status = f"reviewed ({status})"
    row.update(timestamp=sub.timestamp or "", late_submission_penalty=sub.late_submission_penalty,
               status=status, reasons=reasons)
    if status == "ungraded":
        row.update(raw_score="", score="")
    else:
        row.update(raw_score=sub.score, score=max(0.0, sub.score - sub.late_submission_penalty))
    return row


def _reasons(review: dict) -> str:
    return "; ".join(f"{x['cell']}: {x['reason']}" for x in review["ungraded"] + review["findings"])


def _reviews(course: Path) -> dict:
    return {(r["assignment"], r["student"]): r for r in read_reviews(review_dir(course))}


class HonestCsvExport(ExportPlugin):
    """nbgrader's CSV columns plus ``status`` and ``reasons`` (see the module docstring)."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        reviews = _reviews(Path(str(gradebook.engine.url)[len("sqlite:///"):]).resolve().parent)
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            out = csv.DictWriter(fh, KEYS)
            out.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    out.writerow(submission_row(gradebook, assignment, student, reviews))
        self.log.info("Exported grades with review status to %s", dest)


def class_status(course: str | Path, assignment: str) -> tuple[list[dict], list[str]]:
    """Every trainee with a folder in ``submitted/`` for ``assignment``, once each, with
    the export's status; and what is wrong with that list (empty when complete)."""
    course = Path(course)
    submitted = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}"))
    reviews = _reviews(course)
    rows, problems = [], []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            return [], [f"{assignment} is not in the gradebook"]
        for student_id in submitted:
            try:
                student = gb.find_student(student_id)
            except MissingEntry:
                review = reviews.get((assignment, student_id))
                rows.append({"student_id": student_id, "status": review["status"] if review else "ungraded",
                             "reasons": _reasons(review) if review else "nbgrader never created the student",
                             "score": ""})
                continue
            rows.append(submission_row(gb, record, student, reviews))
    ids = [r["student_id"] for r in rows]
    problems += [f"{s} listed {ids.count(s)} times" for s in set(ids) if ids.count(s) != 1]
    problems += [f"{r['student_id']} has status {r['status']!r}" for r in rows
                 if r["status"] not in ("graded", "flagged", "ungraded") and not r["status"].startswith("reviewed")]
    return rows, problems
