"""Grade a class: parallel autograde, the review report (tamper scan, ungraded list).

    python tools/grade.py autograde ex02_key_accounts [--jobs N] [--course exercises] [-- nbgrader args]
    python tools/grade.py report ex02_key_accounts [--to review.csv]

``autograde`` gives exactly the grades ``nbgrader autograde ASSIGNMENT --create --force``
gives, using every core: the students are dealt round-robin to N workers; each worker is
a private copy of the course (config, source, a snapshot of the gradebook, its students'
submissions) inside ``<course>/.grading-*`` and runs the real ``nbgrader autograde``
serially. The workers' grades are then merged through nbgrader's Gradebook API into a
copy of the gradebook, checked (every student, every graded cell), and only then put in
place with an atomic rename; the autograded notebooks and review files follow. If a
check fails the gradebook is left as it was. Do not grade in formgrader meanwhile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "exercises"
sys.path.insert(0, str(ROOT / "tools"))

from grade_hooks import read_reviews, sandbox_available, write_review_csv  # noqa: E402


def venv_env(**extra: str) -> dict[str, str]:
    """The environment with this Python's bin first on PATH (nbgrader runs `alembic`)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def students_of(course: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())


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
    and the spare keeps both cores busy (40 submissions on 2 cores: 2 workers 1.71x,
    3 workers 1.87x, 4 workers 1.72x over serial nbgrader, measured with benchmarks/grading.py)."""
    return (os.cpu_count() or 1) + 1


def parallel_autograde(course: Path, assignment: str, jobs: int | None = None,
                       extra: list[str] = (), log=print) -> dict:
    """Autograde every submission of ``assignment`` with ``jobs`` workers; see the module docstring."""
    course = course.resolve()
    gradebook = course / "gradebook.db"
    if not gradebook.exists():
        raise SystemExit(f"{gradebook} is missing: run `nbgrader generate_assignment {assignment}` first")
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
            (folder / "source").mkdir(parents=True)
            shutil.copy(course / "nbgrader_config.py", folder / "nbgrader_config.py")
            shutil.copytree(course / "source" / assignment, folder / "source" / assignment)
            snapshot(gradebook, folder / "gradebook.db")
            for student in share:
                shutil.copytree(course / "submitted" / student / assignment, folder / "submitted" / student / assignment)
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
                for part in ("autograded", f"review/{assignment}"):
                    made = folder / part / student / (assignment if part == "autograded" else "")
                    dest = course / part / student / (assignment if part == "autograded" else "")
                    if made.exists():
                        shutil.rmtree(dest, ignore_errors=True)
                        shutil.copytree(made, dest)
        seconds = time.perf_counter() - started
        log(f"autograded {merged} submissions of {assignment} with {jobs} workers in {seconds:.1f} s")
        if failed:  # nbgrader itself reports a failed submission with a non-zero exit, as serial does
            log("nbgrader reported errors in: " + "; ".join(failed))
        return {"students": len(students), "jobs": jobs, "seconds": seconds, "failed": failed}
    finally:
        if not os.environ.get("KAMLAB_KEEP_WORKERS"):
            shutil.rmtree(work, ignore_errors=True)


def merge(course: Path, assignment: str, parts: list[tuple[Path, list[str]]]) -> int:
    """Copy each worker's grades for its students into the gradebook, all or nothing."""
    import warnings

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
                        except MissingEntry:  # nbgrader never got as far as creating it: nothing to copy
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    auto = sub.add_parser("autograde", help="autograde a class on every core")
    auto.add_argument("assignment")
    auto.add_argument("--course", type=Path, default=COURSE)
    auto.add_argument("--jobs", type=int, default=None, help="workers (default: cores + 1)")
    auto.add_argument("nbgrader_args", nargs="*", help="passed to nbgrader autograde (after --)")
    report = sub.add_parser("report", help="the review CSV: flagged and ungraded submissions, with reasons")
    report.add_argument("assignment")
    report.add_argument("--course", type=Path, default=COURSE)
    report.add_argument("--to", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "autograde":
        problem = sandbox_available()
        if problem:
            print(f"WARNING: grading sandbox unavailable ({problem}); trainee code can read source/.", file=sys.stderr)
        result = parallel_autograde(args.course, args.assignment, args.jobs, args.nbgrader_args)
        records = read_reviews(args.course / "review", args.assignment)
        held = [r for r in records if r["status"] != "graded"]
        for r in held:
            print(f"  {r['status']:9} {r['student']}: " + "; ".join(
                f"{x['cell']}: {x['reason']}" for x in r["ungraded"] + r["findings"])[:300])
        return 1 if result["failed"] else 0
    records = read_reviews(args.course / "review", args.assignment)
    dest = args.to or args.course / f"review-{args.assignment}.csv"
    write_review_csv(records, dest)
    held = sum(r["status"] != "graded" for r in records)
    print(f"{len(records)} submissions, {held} held for review -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
