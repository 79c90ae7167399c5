"""``make grade``: a class autograded on every core, with exactly nbgrader's grades.

The students are dealt round-robin to N workers. Each worker is a private copy of
the course -- config, ``source/``, ``release/`` and ``keys/`` of the assignment, the
course secret, a snapshot of the gradebook and its students' submissions, copied
without following any link (:func:`kamgrade.submission.safe_copy`) -- and runs the
real ``nbgrader autograde`` serially. The workers' grades are merged through
nbgrader's Gradebook API into a copy of the gradebook, read back and checked, and
only then put in place with an atomic rename; autograded notebooks and review
records follow, written into fresh folders. A worker that fails never loses the
other workers' grades: its students are reported ungraded.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

from kamgrade.keys import course_secret, exercise_of
from kamgrade.review import review_dir, write_json
from kamgrade.submission import safe_copy

__all__ = ["venv_env", "students_of", "snapshot", "serial_autograde", "default_jobs", "parallel_autograde", "merge"]


def venv_env(**extra: str) -> dict[str, str]:
    """The environment with this Python's bin first on PATH (nbgrader runs `alembic`)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def students_of(course: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}")
                  if p.is_dir() or p.is_symlink())


def snapshot(db: Path, dest: Path) -> None:
    """A consistent copy of a sqlite file (the backup API, not a byte copy mid-write)."""
    with sqlite3.connect(db) as src, sqlite3.connect(dest) as out:
        src.backup(out)


def serial_autograde(course: Path, assignment: str, extra: list[str] = ()) -> subprocess.CompletedProcess:
    """nbgrader's own autograde of the whole class (the reference the parallel one must equal)."""
    return subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--create", "--force", *extra],
                          cwd=course, env=venv_env(), capture_output=True, text=True)


def default_jobs() -> int:
    """One worker more than cores: a worker waits on its kernel's start-up and messages,
    and the spare keeps both cores busy (measured with benchmarks/grading.py)."""
    return (os.cpu_count() or 1) + 1


def _worker_course(course: Path, folder: Path, assignment: str, share: list[str]) -> None:
    (folder / "source").mkdir(parents=True)
    shutil.copy(course / "nbgrader_config.py", folder / "nbgrader_config.py")
    shutil.copytree(course / "source" / assignment, folder / "source" / assignment, symlinks=True)
    if (course / "release" / assignment).is_dir():
        shutil.copytree(course / "release" / assignment, folder / "release" / assignment, symlinks=True)
    key = course / "keys" / f"{exercise_of(assignment)}.py"
    if key.is_file():
        (folder / "keys").mkdir()
        shutil.copy(key, folder / "keys" / key.name)
    course_secret(course)
    shutil.copy(course / ".kamlab_secret", folder / ".kamlab_secret")
    snapshot(course / "gradebook.db", folder / "gradebook.db")
    for student in share:
        (folder / "submitted" / student).mkdir(parents=True)
        src = course / "submitted" / student / assignment
        if os.path.islink(src) or os.path.islink(src.parent):
            os.symlink("kamlab-refused:the submission folder is a link, not a folder",
                       folder / "submitted" / student / assignment)
        else:
            safe_copy(src, folder / "submitted" / student / assignment, placeholders=True)


def _put_in_place(made: Path, dest: Path) -> None:
    """Replace ``dest`` by a fresh copy of ``made`` (regular files only)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fresh = dest.parent / f".new-{uuid.uuid4().hex}"
    safe_copy(made, fresh)
    old = dest.parent / f".old-{uuid.uuid4().hex}"
    if os.path.lexists(dest):
        os.rename(dest, old)
    os.rename(fresh, dest)
    if os.path.lexists(old):
        shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()


def parallel_autograde(course: Path, assignment: str, jobs: int | None = None,
                       extra: list[str] = (), log=print) -> dict:
    """Autograde every submission of ``assignment`` with ``jobs`` workers; see the module docstring."""
    course = course.resolve()
    if not (course / "gradebook.db").exists():
        raise SystemExit(f"{course / 'gradebook.db'} is missing: run `nbgrader generate_assignment {assignment}` first")
    students = students_of(course, assignment)
    if not students:
        raise SystemExit(f"no submissions in {course / 'submitted'}/*/{assignment}")
    jobs = max(1, min(jobs or default_jobs(), len(students)))
    work = Path(tempfile.mkdtemp(prefix=".grading-", dir=course))
    shares = [students[i::jobs] for i in range(jobs)]
    started = time.perf_counter()
    try:
        workers = []
        for number, share in enumerate(shares):
            folder = work / f"worker{number}"
            _worker_course(course, folder, assignment, share)
            logfile = open(folder / "autograde.log", "w")  # noqa: SIM115 -- closed below
            command = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--create", "--force", *extra]
            process = subprocess.Popen(command, cwd=folder, stdout=logfile, stderr=subprocess.STDOUT,
                                       env=venv_env(KAMLAB_SANDBOX_HIDE=str(course)))
            workers.append((folder, share, process, logfile))
        failed = []
        for folder, _, process, logfile in workers:
            process.wait()
            logfile.close()
            if process.returncode != 0:
                failed.append(f"{folder.name} (exit {process.returncode}; see {folder / 'autograde.log'})")
        merged = merge(course, assignment, [(folder / "gradebook.db", share) for folder, share, _, _ in workers])
        for folder, share, _, _ in workers:
            for student in share:
                made = folder / "autograded" / student / assignment
                if made.is_dir():
                    _put_in_place(made, course / "autograded" / student / assignment)
                reviews = review_dir(folder) / assignment / student
                if reviews.is_dir():
                    for record in reviews.glob("*.json"):
                        write_json(review_dir(course) / assignment / student / record.name,
                                   json.loads(record.read_text(encoding="utf-8")))
        seconds = time.perf_counter() - started
        log(f"autograded {merged} of {len(students)} submissions of {assignment} with {jobs} workers in {seconds:.1f} s")
        return {"students": len(students), "jobs": jobs, "seconds": seconds, "failed": failed}
    finally:
        if not os.environ.get("KAMLAB_KEEP_WORKERS"):
            shutil.rmtree(work, ignore_errors=True)


def merge(course: Path, assignment: str, parts: list[tuple[Path, list[str]]]) -> int:
    """Copy each worker's grades for its students into the gradebook, all or nothing."""
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own autoflush noise
    gradebook = course / "gradebook.db"
    staging = course / f".gradebook-merge-{uuid.uuid4().hex}.db"
    snapshot(gradebook, staging)
    expected: dict[tuple[str, str, str], tuple] = {}
    try:
        with Gradebook(f"sqlite:///{staging}") as main:
            for db, share in parts:
                with Gradebook(f"sqlite:///{db}") as worker:
                    for student in share:
                        try:
                            done = worker.find_submission(assignment, student)
                        except MissingEntry:  # nbgrader never got as far as creating it
                            continue
                        person = worker.find_student(student)
                        main.update_or_create_student(student, first_name=person.first_name,
                                                      last_name=person.last_name, email=person.email,
                                                      lms_user_id=person.lms_user_id)
                        main.update_or_create_submission(assignment, student, timestamp=done.timestamp)
                        for nb in done.notebooks:
                            target = main.find_submission_notebook(nb.name, assignment, student)
                            target.flagged = nb.flagged
                            target.late_submission_penalty = nb.late_submission_penalty
                            for grade in nb.grades:
                                into = main.find_grade(grade.name, nb.name, assignment, student)
                                into.auto_score = grade.auto_score
                                into.needs_manual_grade = grade.needs_manual_grade
                                expected[(student, nb.name, grade.name)] = (grade.auto_score, grade.needs_manual_grade)
                            for comment in nb.comments:
                                main.find_comment(comment.name, nb.name, assignment, student).auto_comment = comment.auto_comment
                        main.db.commit()
        with Gradebook(f"sqlite:///{staging}") as check:  # read back before anything is replaced
            for (student, nb, name), want in expected.items():
                grade = check.find_grade(name, nb, assignment, student)
                if (grade.auto_score, grade.needs_manual_grade) != want:
                    raise RuntimeError(f"merge check failed for {student} {name}: {want} != "
                                       f"{(grade.auto_score, grade.needs_manual_grade)}")
            per_student = sum(len(nb.grade_cells) for nb in check.find_assignment(assignment).notebooks)
            students = {s for s, _, _ in expected}
            if len(expected) != per_student * len(students):
                raise RuntimeError(f"merge check failed: {len(expected)} grades for {len(students)} students")
        os.replace(staging, gradebook)
        return len(students)
    finally:
        staging.unlink(missing_ok=True)

