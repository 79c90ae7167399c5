"""nbgrader round trip with the real CLI: the solution scores full marks, the
untouched release scores 0, one wrong answer loses exactly its question's points."""

import pytest

from tests.grading.course import Course, replace_answer

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"
QUESTION_POINTS = {"q1": 3, "q2": 3, "q3": 3, "q4": 3}
SWAPPED_AXES = '''
def matrix_cell(attractiveness, strength):
    def band(score):
        return "low" if score < 4 else "high" if score >= 7 else "medium"
    grid = {("high", "low"): "Invest selectively", ("high", "medium"): "Invest for growth",
            ("high", "high"): "Invest for growth", ("medium", "low"): "Withdraw",
            ("medium", "medium"): "Invest selectively", ("medium", "high"): "Maintain",
            ("low", "low"): "Withdraw", ("low", "medium"): "Manage for cash",
            ("low", "high"): "Manage for cash"}
    return grid[band(strength), band(attractiveness)]
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("course"), ASSIGNMENT)
    solution = course.solution_notebook()
    course.submit("solution", solution)
    course.submit("untouched", course.release_notebook())
    course.submit("wrong_q2", replace_answer(solution, "q2_answer", SWAPPED_AXES))
    course.autograde()
    return course


def test_solution_scores_full_marks(graded):
    scores = graded.scores("solution")
    assert scores["max_auto"] == sum(QUESTION_POINTS.values())
    assert scores["auto"] == scores["max_auto"]


def test_untouched_release_scores_zero(graded):
    scores = graded.scores("untouched")
    assert scores["auto"] == 0
    assert scores["max_auto"] == sum(QUESTION_POINTS.values())


def test_one_wrong_answer_loses_exactly_its_points(graded):
    scores = graded.scores("wrong_q2")
    assert scores["auto"] == sum(QUESTION_POINTS.values()) - QUESTION_POINTS["q2"]
    assert scores["q2_tests"] == 0 and scores["q2_hidden"] == 0
    assert all(scores[f"{q}_hidden"] == 2 for q in ("q1", "q3", "q4"))


def test_manual_answer_waits_for_the_instructor(graded):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded.path / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q5_answer", ASSIGNMENT, ASSIGNMENT, "solution")
        assert grade.max_score == 4
        assert grade.needs_manual_grade
