"""nbgrader round trip of every exercise with the real CLI: the solution scores full
marks, the untouched release scores 0, one wrong answer loses exactly its question's
points (no question needs another's answer), and the manual answer waits for the
instructor."""

from dataclasses import dataclass, field

import pytest

from tests.grading import wrong_answers as wrong
from tests.grading.course import Course, replace_answer

pytestmark = pytest.mark.slow

QUESTION_POINTS = {"q1": 3, "q2": 3, "q3": 3, "q4": 3}
MANUAL = ("q5_answer", 4)


@dataclass(frozen=True)
class RoundTrip:
    assignment: str
    wrong: dict[str, str]  # question -> an answer wrong in one way
    # name -> (question, answer, the cell scores it must get)
    partial: dict[str, tuple[str, str, dict[str, int]]] = field(default_factory=dict)


EXERCISES = [
    RoundTrip("ex02_key_accounts", {"q2": wrong.SWAPPED_AXES}),
    RoundTrip("ex09_channel_maps", {"q1": wrong.SHARE_OF_INFLOW, "q2": wrong.SUMMED_SHARES}),
    RoundTrip("ex10_spin_selling", {"q3": wrong.ADVANTAGES_AS_BENEFITS},
              # the visible check only asks for an explicit need; the hidden test also refuses an early pitch
              {"pitch_first": ("q4", wrong.PITCH_FIRST, {"q4_tests": 1, "q4_hidden": 0})}),
]
WRONG = [(e.assignment, q) for e in EXERCISES for q in e.wrong]
PARTIAL = [(e.assignment, name) for e in EXERCISES for name in e.partial]
FULL = sum(QUESTION_POINTS.values())


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every exercise graded once, in its own course: {assignment: Course}."""
    courses = {}
    for exercise in EXERCISES:
        course = Course(tmp_path_factory.mktemp(exercise.assignment), exercise.assignment)
        solution = course.solution_notebook()
        course.submit("solution", solution)
        course.submit("untouched", course.release_notebook())
        for question, source in exercise.wrong.items():
            course.submit(f"wrong_{question}", replace_answer(solution, f"{question}_answer", source))
        for name, (question, source, _) in exercise.partial.items():
            course.submit(name, replace_answer(solution, f"{question}_answer", source))
        course.autograde()
        courses[exercise.assignment] = course
    return courses


@pytest.mark.parametrize("assignment", [e.assignment for e in EXERCISES])
def test_solution_scores_full_marks(graded, assignment):
    scores = graded[assignment].scores("solution")
    assert scores["max_auto"] == FULL
    assert scores["auto"] == FULL


@pytest.mark.parametrize("assignment", [e.assignment for e in EXERCISES])
def test_untouched_release_scores_zero(graded, assignment):
    scores = graded[assignment].scores("untouched")
    assert scores["auto"] == 0
    assert scores["max_auto"] == FULL


@pytest.mark.parametrize(("assignment", "question"), WRONG)
def test_one_wrong_answer_loses_exactly_its_points(graded, assignment, question):
    scores = graded[assignment].scores(f"wrong_{question}")
    assert scores["auto"] == FULL - QUESTION_POINTS[question]
    assert scores[f"{question}_tests"] == 0 and scores[f"{question}_hidden"] == 0
    others = [q for q in QUESTION_POINTS if q != question]
    assert all(scores[f"{q}_tests"] == 1 and scores[f"{q}_hidden"] == 2 for q in others)


@pytest.mark.parametrize(("assignment", "name"), PARTIAL)
def test_partly_right_answers_keep_only_what_they_earned(graded, assignment, name):
    exercise = next(e for e in EXERCISES if e.assignment == assignment)
    question, _, cells = exercise.partial[name]
    scores = graded[assignment].scores(name)
    assert {cell: scores[cell] for cell in cells} == cells
    assert scores["auto"] == FULL - QUESTION_POINTS[question] + sum(cells.values())


@pytest.mark.parametrize("assignment", [e.assignment for e in EXERCISES])
def test_manual_answer_waits_for_the_instructor(graded, assignment):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded[assignment].path / 'gradebook.db'}") as gb:
        grade = gb.find_grade(MANUAL[0], assignment, assignment, "solution")
        assert grade.max_score == MANUAL[1]
        assert grade.needs_manual_grade
