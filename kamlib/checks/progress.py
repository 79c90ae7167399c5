"""A trainee's progress: every self-check remembers its last outcome, module by module.

Outcomes go to a small JSON file (``~/.kamlab/progress.json``, or the path in
``KAMLAB_PROGRESS``), written atomically (a new file, then a rename), so a kernel
killed mid-write never leaves half a file. A file that is not valid JSON is set aside
(``progress.json.corrupt-<time>``) with a message, never silently overwritten. Nothing
is written while nbgrader validates or grades, and a file that cannot be written never
disturbs a check. The view also says which exercises were handed in with nbgrader.

>>> import os, tempfile
>>> os.environ["KAMLAB_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "p.json")
>>> record("ex02_key_accounts", "q1", "complete")
>>> [(row.exercise, row.question, row.outcome) for row in progress_rows()]
[('ex02_key_accounts', 'q1', 'complete')]
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from kamlib.text import Text

__all__ = ["progress_file", "record", "progress_rows", "progress", "handed_in"]

_DONE = ("correct", "complete")


@dataclass(frozen=True)
class ProgressRow:
    exercise: str
    question: str
    outcome: str
    when: str


def progress_file() -> Path:
    return Path(os.environ.get("KAMLAB_PROGRESS") or Path.home() / ".kamlab" / "progress.json")


def _load() -> dict:
    path = progress_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data
    except ValueError as err:
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, aside)
            where = f"set aside as {aside.name}"
        except OSError:
            where = "left where it is"
        warnings.warn(f"your progress file {path} could not be read ({err}); it was {where} and a new "
                      "one is started (nothing is lost: the old file keeps what it held)", stacklevel=3)
        return {}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record(exercise: str, question: str, outcome: str) -> None:
    """Remember a question's latest outcome (silently skipped when grading)."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return
    data = _load()
    data.setdefault(exercise, {})[question] = {"outcome": outcome, "when": time.strftime("%Y-%m-%d %H:%M")}
    try:
        _write(progress_file(), data)
    except OSError:
        pass


def progress_rows() -> list[ProgressRow]:
    """Every recorded question, by exercise and question id."""
    return [
        ProgressRow(exercise, question, entry["outcome"], entry["when"])
        for exercise, questions in sorted(_load().items())
        for question, entry in sorted(questions.items())
        if isinstance(entry, dict) and {"outcome", "when"} <= set(entry)
    ]


def handed_in(trainee: str | None = None) -> set[str]:
    """Exercises this trainee submitted with nbgrader on this account: nbgrader keeps a copy of
    each submission in its cache (``<jupyter data dir>/nbgrader_cache/kamlab/<trainee>+<exercise>+<time>``)."""
    try:
        from jupyter_core.paths import jupyter_data_dir
    except ImportError:
        return set()
    from kamlib.checks.framework import trainee_id

    trainee = trainee or trainee_id()
    cache = Path(jupyter_data_dir()) / "nbgrader_cache" / "kamlab"
    try:
        names = [p.name for p in cache.iterdir()]
    except OSError:
        return set()
    return {name.split("+")[1] for name in names if name.startswith(f"{trainee}+") and name.count("+") >= 2}


_WORDS = {
    "title": Text("Your progress", "学习进度"),
    "module": Text("module", "模块"), "try_it": Text("Try it", "随堂练习"),
    "exercise": Text("exercise: self-checks done", "练习：已完成的自查"),
    "handed_in": Text("handed in", "已提交"), "none": Text("–", "–"),
    "empty": Text("No self-checks recorded yet: run the check cell under an answer.",
                  "还没有自查记录：写好答案后运行下面的检查单元格。"),
}


def progress():
    """Every module of the course with its Try it, its exercise's self-checks and whether the
    exercise was handed in (where the exchange can tell), in the current language."""
    from IPython.display import HTML

    from kamlib.data.course import load_modules

    data = _load()
    if not data:
        return HTML(f"<i>{html.escape(str(_WORDS['empty']))}</i>")
    submitted = handed_in()
    rows = []
    for module in load_modules():
        lecture = data.get(f"lec{module.id}_{module.stem}", {})
        exercise = data.get(f"ex{module.id}_{module.stem}", {})
        if not (lecture or exercise or module.ready):
            continue
        tried = " ".join(f"{q}: {e['outcome']}" for q, e in sorted(lecture.items())) or str(_WORDS["none"])
        done = sum(e.get("outcome") in _DONE for e in exercise.values())
        checks = f"{done} / {len(exercise)}" if exercise else str(_WORDS["none"])
        sent = "✓" if f"ex{module.id}_{module.stem}" in submitted or f"ex{module.id}_{module.stem}_zh" in submitted else ""
        rows.append(f"<tr><td>{module.id} · {html.escape(str(module.title))}</td><td>{html.escape(tried)}</td>"
                    f"<td>{checks}</td><td>{sent}</td></tr>")
    head = "".join(f"<th>{html.escape(str(_WORDS[k]))}</th>" for k in ("module", "try_it", "exercise", "handed_in"))
    return HTML(f"<b>{html.escape(str(_WORDS['title']))}</b><table><tr>{head}</tr>{''.join(rows)}</table>")
