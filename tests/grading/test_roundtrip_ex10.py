"""Exercise 10 through the real nbgrader CLI: the solution scores full marks, the
untouched release scores 0, one wrong answer loses exactly its question's points,
and a q4 call that pitches before the explicit need keeps only its self-check point."""

import pytest

from tests.grading.course import Course, replace_answer

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex10_spin_selling"
QUESTION_POINTS = {"q1": 3, "q2": 3, "q3": 3, "q4": 3}
# every advantage labelled a benefit: the classic "benefit = how it helps" mistake
WRONG_Q3 = '''
def q3_labels():
    from kamlib.checks.ex10_spin_selling import q3_reference
    return {k: "B" if v == "A" else v for k, v in q3_reference().items()}
'''
PITCH_FIRST_Q4 = '''
def q4_script():
    return [
        "Our grease is a transparent synthetic with a high-viscosity base oil.",
        "Are you happy with your grease consumption?",
        "How does the extra grease affect your maintenance budget?",
        "How would halving grease consumption help your budget?",
    ]
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("course"), ASSIGNMENT)
    solution = course.solution_notebook()
    course.submit("solution", solution)
    course.submit("untouched", course.release_notebook())
    course.submit("wrong_q3", replace_answer(solution, "q3_answer", WRONG_Q3))
    course.submit("pitch_first", replace_answer(solution, "q4_answer", PITCH_FIRST_Q4))
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
    scores = graded.scores("wrong_q3")
    assert scores["auto"] == sum(QUESTION_POINTS.values()) - QUESTION_POINTS["q3"]
    assert scores["q3_tests"] == 0 and scores["q3_hidden"] == 0
    assert all(scores[f"{q}_hidden"] == 2 for q in ("q1", "q2", "q4"))


def test_a_feature_dump_before_the_need_loses_the_hidden_points(graded):
    scores = graded.scores("pitch_first")
    assert scores["q4_tests"] == 1 and scores["q4_hidden"] == 0
    assert scores["auto"] == sum(QUESTION_POINTS.values()) - 2


def test_manual_answer_waits_for_the_instructor(graded):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded.path / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q5_answer", ASSIGNMENT, ASSIGNMENT, "solution")
        assert grade.max_score == 4
        assert grade.needs_manual_grade
