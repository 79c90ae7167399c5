"""The grader's commands (run from the repository root, or anywhere kamgrade is installed).

    python -m kamgrade autograde ex02_key_accounts [--jobs N] [--course exercises] [-- nbgrader args]
    python -m kamgrade report ex02_key_accounts [--to review.csv]
    python -m kamgrade status ex02_key_accounts

``autograde`` grades the class on every core with nbgrader's own grades, then checks
that every trainee who submitted is listed exactly once as graded, flagged or
ungraded. Exit status: 0 all graded (flagged ones included), 3 some ungraded (listed;
grade them by hand in formgrader), 1 the grader failed or the list is incomplete.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamgrade.export import class_status
from kamgrade.parallel import parallel_autograde
from kamgrade.review import read_reviews, review_dir, write_review_csv
from kamgrade.sandbox import sandbox_available

COURSE = Path(__file__).resolve().parents[1] / "exercises"
ALL_GRADED, GRADER_FAILED, SOME_UNGRADED = 0, 1, 3


def _print_status(rows: list[dict]) -> None:
    for row in rows:
        if row["status"] != "graded":
            print(f"  {row['status']:9} {row['student_id']}: {row['reasons'][:300]}")


def autograde(args) -> int:
    problem = sandbox_available()
    if problem:
        print(f"KAM Lab grades only in its sandbox: {problem}", file=sys.stderr)
        return GRADER_FAILED
    result = parallel_autograde(args.course, args.assignment, args.jobs, args.nbgrader_args)
    return status(args, workers_failed=result["failed"])


def status(args, workers_failed=()) -> int:
    rows, problems = class_status(args.course, args.assignment)
    _print_status(rows)
    counts = {s: sum(r["status"] == s for r in rows) for s in ("graded", "flagged", "ungraded")}
    print(f"{len(rows)} submissions: {counts['graded']} graded, {counts['flagged']} flagged, "
          f"{counts['ungraded']} ungraded")
    for line in [*problems, *(f"worker {w}" for w in workers_failed if problems)]:
        print(f"PROBLEM: {line}", file=sys.stderr)
    if problems:
        return GRADER_FAILED
    return SOME_UNGRADED if counts["ungraded"] else ALL_GRADED


def report(args) -> int:
    records = read_reviews(review_dir(args.course), args.assignment)
    dest = args.to or args.course / f"review-{args.assignment}.csv"
    write_review_csv(records, dest)
    held = sum(r["status"] != "graded" for r in records)
    print(f"{len(records)} submissions, {held} to look at -> {dest}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kamgrade", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, job, text in (("autograde", autograde, "autograde a class on every core"),
                            ("status", status, "who is graded, flagged or ungraded"),
                            ("report", report, "the review CSV: reasons to look, in plain words")):
        command = sub.add_parser(name, help=text)
        command.add_argument("assignment")
        command.add_argument("--course", type=Path, default=COURSE)
        command.set_defaults(job=job)
        if name == "autograde":
            command.add_argument("--jobs", type=int, default=None, help="workers (default: cores + 1)")
        if name == "report":
            command.add_argument("--to", type=Path, default=None)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "autograde":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.nbgrader_args = [a for a in extra if a != "--"]  # passed on to nbgrader autograde
    args.course = args.course.resolve()
    return args.job(args)


if __name__ == "__main__":
    sys.exit(main())
