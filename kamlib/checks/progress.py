"""A self-learner's progress: every self-check remembers its last outcome.

Outcomes go to a small JSON file (``~/.kamlab/progress.json``, or the path in
``KAMLAB_PROGRESS``). Nothing is written while nbgrader validates or grades,
and a file that cannot be written never disturbs a check.

>>> import os, tempfile
>>> os.environ["KAMLAB_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "p.json")
>>> record("ex02_key_accounts", "q1", "correct")
>>> [(row.exercise, row.question, row.outcome) for row in progress_rows()]
[('ex02_key_accounts', 'q1', 'correct')]
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["progress_file", "record", "progress_rows", "progress"]


@dataclass(frozen=True)
class ProgressRow:
    exercise: str
    question: str
    outcome: str
    when: str


def progress_file() -> Path:
    return Path(os.environ.get("KAMLAB_PROGRESS") or Path.home() / ".kamlab" / "progress.json")


def _load() -> dict:
    try:
        return json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record(exercise: str, question: str, outcome: str) -> None:
    """Remember a question's latest outcome (silently skipped when grading)."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return
    data = _load()
    data.setdefault(exercise, {})[question] = {"outcome": outcome, "when": time.strftime("%Y-%m-%d %H:%M")}
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def progress_rows() -> list[ProgressRow]:
    """Every recorded question, by exercise and question id."""
    return [
        ProgressRow(exercise, question, entry["outcome"], entry["when"])
        for exercise, questions in sorted(_load().items())
        for question, entry in sorted(questions.items())
    ]


def progress():
    """Show the progress table (exercise, question, last outcome, when)."""
    import html

    from IPython.display import HTML

    rows = progress_rows()
    if not rows:
        return HTML("<i>No self-checks recorded yet: run the check cell under an answer.</i>")
    mark = {"correct": "✓", "incorrect": "✗", "not attempted": "…"}
    body = "".join(
        f"<tr><td>{html.escape(r.exercise)}</td><td>{html.escape(r.question)}</td>"
        f"<td>{mark.get(r.outcome, '')} {html.escape(r.outcome)}</td><td>{r.when}</td></tr>"
        for r in rows
    )
    done = sum(r.outcome == "correct" for r in rows)
    return HTML(f"<b>{done} of {len(rows)} checked questions correct</b>"
                f"<table><tr><th>exercise</th><th>question</th><th>last check</th><th>when</th></tr>{body}</table>")
