"""Write HOSTILE.md's table: the hostile class graded by plain nbgrader and by this course.

    .venv/bin/python -m tests.grading.hostile_table > /tmp/table.md

Three batches of the same class (tests/grading/hostile.py) in temporary folders:
plain nbgrader 0.9.6 (``KAMLAB_DEFENCES=off``: no sandbox, no marking outside the
kernel), ``nbgrader autograde`` with the course config, and ``python -m kamgrade
autograde`` (make grade). Takes about ten minutes; tests/grading/test_hostile.py
asserts the course's two columns.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.grading import test_hostile as th
from tests.grading.course import Course
from tests.grading.hostile import CASES, HONEST

#: Kinds that stop plain nbgrader's whole batch (nobody after them is graded): graded there
#: in a batch of their own, so the others' plain column shows what they do by themselves.
STOPPERS = ("duplicated_cells", "schema_version")


def _batch(mode: str, folder: Path, only: tuple[str, ...] | None = None) -> Course:
    folder.mkdir(parents=True)
    course = Course(folder, th.ASSIGNMENT)
    keep = th.CASES[:]
    if only is not None:
        th.CASES[:] = [c for c in keep if c.name in only]
    elif mode == "plain":
        th.CASES[:] = [c for c in keep if c.name not in STOPPERS]
    try:
        th._submit_all(course)
    finally:
        th.CASES[:] = keep
    if mode == "plain":
        course.done = course.autograde(*th.LIMITS, KAMLAB_DEFENCES="off")
    elif mode == "nbgrader":
        course.autograde(*th.LIMITS)
    else:
        course.grade("--", *th.LIMITS)
    return course


def _cell(course: Course, student: str, defended: bool) -> str:
    if getattr(course, "stopped", False):
        return "**stops the whole batch**: nobody after it is graded"
    try:
        score = course.scores(student)["auto"]
    except Exception:  # nbgrader never scored it
        return "**not graded; export says 0**"
    if not defended:
        return f"{score:g}"
    try:
        status = course.review(student)["status"]
    except ValueError:
        status = "?"
    return f"{score:g}, {status}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        batches = {mode: _batch(mode, Path(tmp) / mode) for mode in ("plain", "nbgrader", "grade")}
        alone = {}
        for name in STOPPERS:
            course = _batch("plain", Path(tmp) / f"plain-{name}", only=(name,))
            course.stopped = "old version of the nbgrader metadata" in course.done.stdout + course.done.stderr \
                or "newer version" in course.done.stdout + course.done.stderr
            alone[name] = course
        print("| case | what the submission does | earned | plain nbgrader 0.9.6 | nbgrader + course config | make grade |")
        print("|---|---|---|---|---|---|")
        for name, earned in HONEST.items():
            print(f"| {name} | honest | {earned} | " + " | ".join(
                _cell(batches[m], name, m != "plain") for m in ("plain", "nbgrader", "grade")) + " |")
        for case in CASES:
            plain = alone.get(case.name, batches["plain"])
            print(f"| {case.name} | {case.attack} | {case.earned:g} | {_cell(plain, case.name, False)} | "
                  + " | ".join(_cell(batches[m], case.name, True) for m in ("nbgrader", "grade")) + " |")


if __name__ == "__main__":
    main()
