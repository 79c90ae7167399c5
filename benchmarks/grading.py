"""Batch grading: nbgrader's serial autograde vs ``python -m kamgrade autograde`` (make grade).

    .venv/bin/python -m benchmarks.grading [--students 40] [--repeats 3] [--jobs N]   (from the repository root)

Builds a synthetic class of ``--students`` submissions of ex02 (right, wrong, empty and
partly right, in rotation) in a temporary course, then grades it ``--repeats`` times each
way from the same starting state, checks that both give the same grades, and prints the
median wall time of each and the ratio. Target: >= 1.8x on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from kamgrade import parallel as grade  # noqa: E402
from tests.grading.course import Course, cell, mix, replace_answer, source  # noqa: E402
from tests.grading.test_hostile import wrong_q1  # noqa: E402

ASSIGNMENT = "ex02_key_accounts"


def build_class(folder: Path, students: int) -> Course:
    course = Course(folder, ASSIGNMENT)
    solution, release = course.solution_notebook(), course.release_notebook()
    for i in range(students):
        student = f"trainee{i:03d}"
        kinds = [solution, release, replace_answer(solution, "q1_answer", wrong_q1(student)),
                 replace_answer(release, "q1_answer", source(cell(solution, "q1_answer"))),
                 mix(solution, release, ("q2", "q3"))]
        course.submit(student, kinds[i % len(kinds)])
    return course


def grades(path: Path) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{path / 'gradebook.db'}") as gb:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.find_assignment(ASSIGNMENT).submissions for nb in s.notebooks for g in nb.grades}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=grade.default_jobs())
    args = parser.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        template.mkdir()
        build_class(template, args.students)
        times: dict[str, list[float]] = {"serial": [], "parallel": []}
        results = {}
        for round_ in range(args.repeats):
            for way in ("serial", "parallel"):
                course = Path(tmp) / f"{way}{round_}"
                shutil.copytree(template, course)
                started = time.perf_counter()
                if way == "serial":
                    done = grade.serial_autograde(course, ASSIGNMENT)
                    if done.returncode != 0:
                        raise SystemExit(f"serial autograde failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
                else:
                    grade.parallel_autograde(course, ASSIGNMENT, args.jobs, log=lambda *_: None)
                times[way].append(time.perf_counter() - started)
                results[way] = grades(course)
                print(f"round {round_ + 1} {way:8} {times[way][-1]:7.1f} s", flush=True)
            if results["serial"] != results["parallel"]:
                keys = sorted(set(results["serial"]) | set(results["parallel"]))
                diff = [(k, results["serial"].get(k), results["parallel"].get(k)) for k in keys
                        if results["serial"].get(k) != results["parallel"].get(k)]
                raise SystemExit(f"parallel grades differ from serial grades: {diff[:10]}")
        serial, parallel = statistics.median(times["serial"]), statistics.median(times["parallel"])
        print(f"\n{args.students} submissions, {args.repeats} rounds, {args.jobs} workers on {os.cpu_count()} cores")
        print(f"serial   nbgrader autograde     median {serial:7.1f} s  ({serial / args.students:.2f} s/submission)")
        print(f"parallel python -m kamgrade     median {parallel:7.1f} s  ({parallel / args.students:.2f} s/submission)")
        print(f"speed-up {serial / parallel:.2f}x; grades identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
