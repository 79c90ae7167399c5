"""Author tools for the nbgrader course in exercises/.

    python -m tools.exercises render        write the test and hint cells of exercises/bilingual from kamlib.checks
    python -m tools.exercises regenerate    rebuild exercises/release/ and solutions/ with nbgrader
    python -m tools.exercises check         exit 1 if test cells, release/ or solutions/ drifted

Exercises are written in exercises/bilingual (both languages in one notebook); source/ holds
the two editions tools.editions builds from them (exNN_stem and exNN_stem_zh, two nbgrader
assignments), release/ and solutions/ are what nbgrader makes of source/: never edit
source/, release/ or solutions/ by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
SOURCE = EXERCISES / "source"
BILINGUAL = EXERCISES / "bilingual"
RELEASE = EXERCISES / "release"
SOLUTIONS = ROOT / "solutions"
TEST_CELL = re.compile(r"^(q\w+?)_(tests|hidden)$")


def assignments() -> list[str]:
    return sorted(p.name for p in SOURCE.iterdir() if p.is_dir() and not p.name.startswith("."))


def notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# --- test cells ------------------------------------------------------------------------------

def rendered_test_cell(exercise: str, cell: dict) -> str | None:
    """What a test cell's source must be, or None for other cells."""
    from kamgrade.keys import exercise_of
    from kamlib.checks.cells import hidden_test_source, visible_test_source

    meta = cell.get("metadata", {}).get("nbgrader", {})
    match = TEST_CELL.match(meta.get("grade_id", ""))
    if not match:
        return None
    question_id, kind = match.groups()
    write = visible_test_source if kind == "tests" else hidden_test_source
    return write(exercise_of(exercise), question_id, meta.get("points", 0))


HINT = re.compile(r"^# Stuck\?.*\n(#zh:.*\n)?# (q\w+)\.hint\(\)$")


def rendered_hint_cell(cell: dict) -> str | None:
    """What a hint cell must be (the cell under a question that asks for its next hint)."""
    from kamlib.checks.cells import hint_source

    text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    match = HINT.match(text) if cell["cell_type"] == "code" and "nbgrader" not in cell.get("metadata", {}) else None
    return hint_source(match.group(2)) if match else None


def render(check_only: bool = False) -> list[str]:
    """Bring every bilingual exercise's test and hint cells in line with its questions;
    return the drifted cells."""
    drifted = []
    for path in notebooks(BILINGUAL):
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for cell in nb["cells"]:
            want = rendered_test_cell(path.stem, cell) or rendered_hint_cell(cell)
            have = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if want is not None and want != have:
                name = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "hint cell")
                drifted.append(f"{path.relative_to(ROOT)}: {name}")
                cell["source"] = want
                changed = True
        if changed and not check_only:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return drifted


# --- nbgrader generate -------------------------------------------------------------------------

def generate(into: Path, only: list[str] | None = None) -> tuple[Path, Path]:
    """Run nbgrader on a copy of the course in ``into``; return (release, solution) folders.

    One process for every assignment: ``python -m tools.exercises generate-here`` in ``into``
    runs nbgrader's own converters as ``nbgrader generate_assignment`` / ``generate_solution``
    do, without a new Python (~2 s) per call. Should a notebook run, its self-checks record
    progress into ``into``, never the user's home."""
    shutil.copy(EXERCISES / "nbgrader_config.py", into / "nbgrader_config.py")
    shutil.copytree(SOURCE, into / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    command = [sys.executable, "-m", "tools.exercises", "generate-here", *(only or assignments())]
    env = {**venv_env(), "KAMLAB_PROGRESS": str(into / ".kamlab" / "progress.json"),
           "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    done = subprocess.run(command, cwd=into, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"nbgrader failed:\n{done.stdout}\n{done.stderr}")
    return into / "release", into / "solution"


def generate_here(exercises: list[str]) -> None:
    """``nbgrader generate_assignment --force`` and ``generate_solution --force`` (not executed:
    the outputs are stripped before committing; tests/notebooks runs every solution) for each
    of ``exercises``, in the course in the current folder, with its nbgrader_config.py."""
    from nbgrader.converters import GenerateAssignment, GenerateSolution
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    here = Path.cwd().resolve()
    if here == EXERCISES.resolve() or not (here / "nbgrader_config.py").is_file():
        raise SystemExit("generate-here writes release/ and solution/ into the current folder: run it in a copy "
                         "of the course that has its nbgrader_config.py (regenerate and check make one)")
    config = PyFileConfigLoader("nbgrader_config.py", path=os.getcwd()).load_config()
    config.BaseConverter.force = True
    config.Execute.enabled = False
    for exercise in exercises:
        config.CourseDirectory.assignment_id = exercise
        for converter in (GenerateAssignment, GenerateSolution):
            converter(coursedir=CourseDirectory(config=config), config=config).start()


def venv_env() -> dict[str, str]:
    """The environment with this Python's bin first on PATH (nbgrader runs `alembic`)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def normalised(path: Path) -> dict:
    """A notebook as committed: no outputs, execution counts, execution timings or kernel
    details (a notebook that ran has them; the repository keeps it clean)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    language = nb["metadata"].get("language_info")
    if language:  # a run adds the kernel's details (its Python version): keep the name only
        nb["metadata"]["language_info"] = {"name": language.get("name", "python")}
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def write_clean(made: Path, target: Path) -> None:
    for path in notebooks(made):
        out = target / path.relative_to(made)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(normalised(path), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def differences(made: Path, committed: Path) -> list[str]:
    made_files = {p.relative_to(made) for p in notebooks(made)} if made.exists() else set()
    committed_files = {p.relative_to(committed) for p in notebooks(committed)} if committed.exists() else set()
    problems = [f"{committed.name}/{p} is missing" for p in sorted(made_files - committed_files)]
    problems += [f"{committed.name}/{p} is not made from source/" for p in sorted(committed_files - made_files)]
    for rel in sorted(made_files & committed_files):
        if normalised(made / rel) != normalised(committed / rel):
            problems.append(f"{committed.name}/{rel} differs from what nbgrader makes of source/")
    return problems


def regenerate(only: list[str] | None = None) -> None:
    render()
    with tempfile.TemporaryDirectory() as tmp:
        release, solution = generate(Path(tmp), only)
        for made, target in ((release, RELEASE), (solution, SOLUTIONS)):
            for exercise in only or assignments():
                shutil.rmtree(target / exercise, ignore_errors=True)
                write_clean(made / exercise, target / exercise)
    print(f"regenerated {', '.join(only or assignments())} into exercises/release/ and solutions/")


def check() -> list[str]:
    problems = [f"test cell out of date: {c} (run: python -m tools.exercises render)" for c in render(True)]
    with tempfile.TemporaryDirectory() as tmp:
        release, solution = generate(Path(tmp))
        problems += differences(release, RELEASE) + differences(solution, SOLUTIONS)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {__spec__.name if __spec__ else __name__}", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("render", "regenerate", "check", "generate-here"),
                        help="generate-here: what regenerate and check run in a temporary copy of the course")
    parser.add_argument("exercises", nargs="*", help="regenerate only these (default: all)")
    args = parser.parse_args()
    command = args.command
    if command == "render":
        changed = render()
        print("\n".join(changed) or "test cells up to date")
    elif command == "regenerate":
        regenerate(args.exercises or None)
    elif command == "generate-here":
        generate_here(args.exercises)
    else:
        problems = check()
        print("\n".join(problems) or "exercises up to date")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
