"""A throwaway nbgrader course built from exercises/, graded with the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Course:
    """exercises/ copied to ``path``; ``submit`` places a notebook as a student's
    submission; ``autograde`` runs ``nbgrader autograde``; ``scores`` reads the gradebook."""

    def __init__(self, path: Path, assignment: str):
        self.path, self.assignment = path, assignment
        shutil.copy(ROOT / "exercises" / "nbgrader_config.py", path / "nbgrader_config.py")
        shutil.copytree(ROOT / "exercises" / "source" / assignment, path / "source" / assignment)
        self.nbgrader("generate_assignment", assignment, "--force")

    @classmethod
    def existing(cls, path: Path, assignment: str) -> Course:
        """A course already on disk (e.g. a copy), without generating anything."""
        course = cls.__new__(cls)
        course.path, course.assignment = path, assignment
        return course

    @property
    def notebook_name(self) -> str:
        return f"{self.assignment}.ipynb"

    def release_notebook(self) -> dict:
        return json.loads((self.path / "release" / self.assignment / self.notebook_name).read_text())

    def solution_notebook(self) -> dict:
        return json.loads((ROOT / "solutions" / self.assignment / self.notebook_name).read_text())

    def submit(self, student: str, nb: dict) -> None:
        folder = self.path / "submitted" / student / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        (folder / self.notebook_name).write_text(json.dumps(nb))

    def nbgrader(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=self.path,
                              capture_output=True, text=True, env=env)
        if check and done.returncode != 0:
            raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def autograde(self, *students: str) -> subprocess.CompletedProcess:
        only = [f"--student={s}" for s in students[:1]] if len(students) == 1 else []
        return self.nbgrader("autograde", self.assignment, "--create", "--force", *only)

    def scores(self, student: str) -> dict[str, float]:
        """Points per graded cell (grade_id -> score) and the auto total as 'auto'."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.path / 'gradebook.db'}") as gb:
            submission = gb.find_submission_notebook(self.notebook_name[:-6], self.assignment, student)
            grades = {g.name: g.score for g in submission.grades}
            tests = [g for g in submission.grades if g.cell.cell_type == "code"]
            grades["auto"] = sum(g.auto_score or 0 for g in tests)
            grades["max_auto"] = sum(g.max_score for g in tests)
            return grades


def replace_answer(nb: dict, grade_id: str, source: str) -> dict:
    """A copy of ``nb`` with the answer cell ``grade_id`` replaced by ``source``."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = source
            return nb
    raise KeyError(grade_id)
