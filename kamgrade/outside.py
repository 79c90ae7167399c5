"""Scoring outside the kernel: the recorded answers, marked against the key.

After the sandboxed kernel has run the notebook, each graded test cell
(``q1_tests``, ``q1_hidden``) holds the answer the trainee's code recorded there
(:data:`kamlib.checks.framework.ANSWER_MIME`) -- and nothing the kernel says is
believed beyond that value. :class:`MarkOutside` re-checks the value's form with
the installed kamlib, marks it with the exercise's key, the course secret and the
variant of the student nbgrader knows, and replaces the cell's outputs with the
verdict and the points (nbgrader's partial credit: a number as the cell's result).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from kamgrade.keys import course_secret, exercise_of, load_key, question_of, variant_of
from kamgrade.review import add_finding

__all__ = ["ANSWER_MIME", "TEST_CELL", "recorded_answers", "MarkOutside"]

ANSWER_MIME = "application/vnd.kamlab.answer+json"
TEST_CELL = re.compile(r"^(q\w+?)_(tests|hidden)$")
MAX_ANSWER_BYTES = 64_000


def recorded_answers(cell, question: str) -> list:
    """The payloads the cell recorded for ``question``, in order."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {}) if output.get("output_type") in ("display_data", "execute_result") else {}
        payload = data.get(ANSWER_MIME)
        if isinstance(payload, str):  # some front ends store JSON mime data as text
            try:
                payload = json.loads(payload)
            except ValueError:
                continue
        if isinstance(payload, dict) and payload.get("question") == question:
            found.append(payload)
    return found


def _outputs(verdict: str, points: float) -> list:
    return [
        NotebookNode(output_type="display_data", metadata={}, data={"text/plain": verdict}),
        NotebookNode(output_type="execute_result", execution_count=None, metadata={},
                     data={"text/plain": f"{points:g}"}),
    ]


class MarkOutside(NbGraderPreprocessor):
    """Give every graded test cell its points from the key (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        self._course = _course_root(info["db_url"])
        self._exercise = exercise_of(info["assignment"])
        self._student = info["student"]
        self._key = load_key(self._course, self._exercise)
        self._secret = course_secret(self._course)
        self._data = variant_of(self._exercise, self._student)
        ungraded = {u["cell"] for u in resources.get("kamlab", {}).get("ungraded", [])}
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            match = TEST_CELL.match(grade_id)
            if cell.cell_type != "code" or not utils.is_grade(cell) or not match or grade_id in ungraded:
                continue
            self._mark_cell(cell, match.group(1), match.group(2), resources)
        return nb, resources

    def _mark_cell(self, cell, question: str, kind: str, resources) -> None:
        points = float(cell.metadata["nbgrader"]["points"])
        payloads = recorded_answers(cell, question)
        if not payloads:
            cell.outputs = _outputs(f"{question}: no answer was recorded (the cell did not run to its end). 0 points.", 0.0)
            return
        payload = payloads[-1]
        if len({json.dumps(p.get("answer"), sort_keys=True) for p in payloads}) > 1:
            add_finding(resources, "answers", cell.metadata["nbgrader"]["grade_id"],
                        "recorded more than one answer in one cell (the last one was marked)")
        if payload.get("trainee") != self._student:
            add_finding(resources, "variant", cell.metadata["nbgrader"]["grade_id"],
                        f"the notebook worked on trainee {str(payload.get('trainee'))[:40]!r}'s variant; "
                        f"it was marked as {self._student!r}'s")
        answer = payload.get("answer")
        if len(json.dumps(answer)) > MAX_ANSWER_BYTES:
            cell.outputs = _outputs(f"{question}: the answer is too large to mark. 0 points.", 0.0)
            return
        value, problem = question_of(self._exercise, question).form.normalise(answer, self._data)
        if problem is not None:
            cell.outputs = _outputs(f"{question}: {problem.en} 0 points.", 0.0)
            return
        mark = self._key.mark(question, value, self._data, self._secret)
        fraction = mark.visible if kind == "tests" else mark.hidden
        score = round(points * fraction, 2)
        cell.outputs = _outputs(f"{question} ({'self-check' if kind == 'tests' else 'hidden'} cell): "
                                f"{score:g} of {points:g} points.", score)


def _course_root(db_url: str) -> Path:
    """The course folder: where ``gradebook.db`` lives (nbgrader's sqlite URL)."""
    if not db_url.startswith("sqlite:///"):
        raise ValueError(f"KAM Lab grading needs the course's sqlite gradebook, got {db_url!r}")
    return Path(db_url[len("sqlite:///"):]).resolve().parent
