"""What a human should look at: each submission's status and the reasons, in plain words.

A submission is *graded* (nothing to look at), *flagged* (scored, but something
is worth a look: the reasons say what was seen) or *ungraded* (it could not be
scored fairly -- a crash, a limit, a link instead of a file -- never a silent 0).
Records live in ``<course>/review/<assignment>/<student>/<notebook>.json``; they
are written by the grader only, next to the gradebook, which the kernel cannot see.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = ["add_finding", "add_ungraded", "review_dir", "write_json", "carry", "carried",
           "read_reviews", "write_review_csv", "ReviewReport", "CarryFindings", "start_over", "STATUSES"]

STATUSES = ("graded", "flagged", "ungraded")


def _bag(resources) -> dict:
    return resources.setdefault("kamlab", {"ungraded": [], "findings": []})


def add_finding(resources, kind: str, cell: str, reason: str) -> None:
    """Something worth a look that does not change the score."""
    bag = _bag(resources)
    if not any(f["reason"] == reason and f["cell"] == cell for f in bag["findings"]):
        bag["findings"].append({"kind": kind, "cell": cell, "reason": reason})


def add_ungraded(resources, cell: str, reason: str) -> None:
    """Something that makes the score unfair to give: the submission waits for a human."""
    _bag(resources)["ungraded"].append({"cell": cell, "reason": reason})


def review_dir(course: str | Path) -> Path:
    return Path(course) / "review"


def write_json(path: Path, data) -> None:
    """Write ``path`` atomically, never through a link that might stand there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, ensure_ascii=False)
    os.replace(tmp, path)  # replaces a link itself, not what it points to


def _record_path(course: Path, assignment: str, student: str, notebook: str, suffix: str = "json") -> Path:
    return review_dir(course) / assignment / student / f"{notebook}.{suffix}"


def carry(course: Path, info: dict, bag: dict) -> None:
    """Keep what was found before execution (the pre-convert hook, the sanitize phase)
    for the autograde phase, a separate nbgrader step: merged into one file."""
    path = _record_path(course, info["assignment"], info["student"], info["notebook"], "sanitize.json")
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {"ungraded": [], "findings": []}
    for part in ("ungraded", "findings"):
        kept[part] += [entry for entry in bag.get(part, []) if entry not in kept[part]]
    write_json(path, kept)


class CarryFindings(NbGraderPreprocessor):
    """Last sanitize step: hand what sanitizing found to the autograde phase."""

    def preprocess(self, nb, resources):
        from kamgrade.outside import _course_root

        carry(_course_root(resources["nbgrader"]["db_url"]), resources["nbgrader"], _bag(resources))
        return nb, resources


def carried(course: Path, info: dict) -> dict:
    path = _record_path(course, info["assignment"], info["student"], info["notebook"], "sanitize.json")
    try:
        bag = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"ungraded": [], "findings": []}
    path.unlink(missing_ok=True)
    return bag


def read_reviews(folder: str | Path, assignment: str | None = None) -> list[dict]:
    """Every review record under ``folder`` (a course's ``review/``).

    >>> read_reviews("/nonexistent/review")
    []
    """
    pattern = f"{assignment}/*/*.json" if assignment else "*/*/*.json"
    records = []
    for path in sorted(Path(folder).glob(pattern)):
        if not path.name.endswith(".sanitize.json"):
            records.append(json.loads(path.read_text(encoding="utf-8")))
        elif not path.with_name(path.name.replace(".sanitize.json", ".json")).exists():
            records.append(_never_graded(path))
    return sorted(records, key=lambda r: (r["assignment"], r["student"], r["notebook"]))


def _never_graded(path: Path) -> dict:
    """A notebook that was refused before it ran: what was found then is all there is."""
    bag = json.loads(path.read_text(encoding="utf-8"))
    ungraded = bag["ungraded"] or [{"cell": path.name, "reason": "the notebook could not be read or run"}]
    return {"student": path.parent.name, "assignment": path.parent.parent.name,
            "notebook": path.name.removesuffix(".sanitize.json"), "status": "ungraded",
            "ungraded": ungraded, "findings": bag["findings"]}


def start_over(course: Path, assignment: str, student: str) -> None:
    """Forget what an earlier run of this submission left (it is graded afresh)."""
    for path in (review_dir(course) / assignment / student).glob("*.json"):
        path.unlink(missing_ok=True)


def write_record(course: Path, record: dict) -> None:
    write_json(_record_path(course, record["assignment"], record["student"], record["notebook"]), record)


def write_review_csv(records: list[dict], dest: Path) -> None:
    """One row per reason: student, assignment, notebook, status, kind, cell, reason."""
    with open(dest, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "assignment", "notebook", "status", "kind", "cell", "reason"])
        for r in records:
            rows = [("ungraded", u["cell"], u["reason"]) for u in r["ungraded"]]
            rows += [(f["kind"], f["cell"], f["reason"]) for f in r["findings"]]
            for kind, cell, reason in rows or [("", "", "")]:
                out.writerow([r["student"], r["assignment"], r["notebook"], r["status"], kind, cell, reason])


class ReviewReport(NbGraderPreprocessor):
    """Last in autograde: write the review record; hold flagged and ungraded submissions
    for review in the gradebook (formgrader lists them)."""

    def preprocess(self, nb, resources):
        from kamgrade.outside import _course_root

        info = resources["nbgrader"]
        course = _course_root(info["db_url"])
        bag = _bag(resources)
        before = carried(course, info)
        ungraded = before["ungraded"] + bag["ungraded"]
        findings = before["findings"] + bag["findings"]
        status = "ungraded" if ungraded else "flagged" if findings else "graded"
        write_record(course, {"student": info["student"], "assignment": info["assignment"],
                              "notebook": info["notebook"], "status": status,
                              "ungraded": ungraded, "findings": findings})
        with Gradebook(info["db_url"]) as gb:
            submission = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            submission.flagged = status != "graded"
            if status == "ungraded":
                for grade in submission.grades:
                    if grade.cell.cell_type == "code":
                        grade.needs_manual_grade = True
            gb.db.commit()
        if status != "graded":
            self.log.warning("%s %s: %s (%s)", info["student"], info["notebook"], status,
                             "; ".join(f"{f['cell']}: {f['reason']}" for f in ungraded + findings))
        return nb, resources
