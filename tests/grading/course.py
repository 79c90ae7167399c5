"""A throwaway nbgrader course built from exercises/, graded with the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def venv_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


class Course:
    """exercises/ copied to ``path`` (config, the assignment's source, the keys); ``submit``
    places a notebook as a student's submission; ``autograde`` runs ``nbgrader autograde``
    (the course config: kamgrade's plug-ins) and ``grade`` runs ``python -m kamgrade
    autograde`` (make grade); ``scores`` reads the gradebook."""

    def __init__(self, path: Path, assignment: str, generate: bool = True):
        self.path, self.assignment = Path(path), assignment
        shutil.copy(ROOT / "exercises" / "nbgrader_config.py", self.path / "nbgrader_config.py")
        shutil.copytree(ROOT / "exercises" / "source" / assignment, self.path / "source" / assignment)
        shutil.copytree(ROOT / "exercises" / "keys", self.path / "keys")
        if generate:
            self.nbgrader("generate_assignment", assignment, "--force")

    @property
    def notebook_name(self) -> str:
        return f"{self.assignment}.ipynb"

    def release_notebook(self) -> dict:
        return json.loads((self.path / "release" / self.assignment / self.notebook_name).read_text())

    def solution_notebook(self) -> dict:
        """The committed worked solution (general code: full marks for any trainee)."""
        return json.loads((ROOT / "solutions" / self.assignment / self.notebook_name).read_text())

    def folder(self, student: str) -> Path:
        folder = self.path / "submitted" / student / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def submit(self, student: str, nb: dict) -> None:
        (self.folder(student) / self.notebook_name).write_text(json.dumps(nb))

    def nbgrader(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=self.path,
                              capture_output=True, text=True, env=venv_env(**env))
        if check and done.returncode != 0:
            raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def autograde(self, *args: str, check: bool = False, **env: str) -> subprocess.CompletedProcess:
        """Plain mode: ``nbgrader autograde`` with the course config."""
        return self.nbgrader("autograde", self.assignment, "--create", "--force", *args, check=check, **env)

    def grade(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        """make grade: ``python -m kamgrade autograde`` on every core."""
        return subprocess.run([sys.executable, "-m", "kamgrade", "autograde", self.assignment,
                               "--course", str(self.path), *args], cwd=ROOT, capture_output=True, text=True,
                              env=venv_env(**env))

    def scores(self, student: str) -> dict[str, float]:
        """Points per graded cell (grade_id -> score) and the auto total as 'auto'."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.path / 'gradebook.db'}") as gb:
            submission = gb.find_submission_notebook(self.notebook_name[:-6], self.assignment, student)
            grades = {g.name: g.score for g in submission.grades}
            tests = [g for g in submission.grades if g.cell.cell_type == "code"]
            grades["auto"] = round(sum(g.auto_score or 0 for g in tests), 4)
            grades["max_auto"] = sum(g.max_score for g in tests)
            return grades

    def review(self, student: str) -> dict:
        from kamgrade.review import read_reviews

        (record,) = [r for r in read_reviews(self.path / "review", self.assignment) if r["student"] == student]
        return record


def cell(nb: dict, grade_id: str) -> dict:
    for c in nb["cells"]:
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return c
    raise KeyError(grade_id)


def source(c: dict) -> str:
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def replace_answer(nb: dict, grade_id: str, text: str) -> dict:
    """A copy of ``nb`` with the answer cell ``grade_id`` replaced by ``text``."""
    nb = json.loads(json.dumps(nb))
    cell(nb, grade_id)["source"] = text
    return nb


def mix(solution: dict, release: dict, right: tuple[str, ...]) -> dict:
    """The release with the solution's answers for the questions in ``right``."""
    nb = json.loads(json.dumps(release))
    for q in right:
        cell(nb, f"{q}_answer")["source"] = source(cell(solution, f"{q}_answer"))
    return nb
