"""Exercise 09's nbgrader round trip with the real CLI: the solution scores full
marks, the untouched release scores 0, and one wrong answer (route volumes added
instead of multiplied, in q2) loses exactly q2's points, because every question
works on a map of its own and none needs another question's answer."""

import pytest

from tests.grading.course import Course, replace_answer

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex09_channel_maps"
QUESTION_POINTS = {"q1": 3, "q2": 3, "q3": 3, "q4": 3}
SUMMED_SHARES = '''
def top_route(g):
    source = next(n for n, kind in g.nodes(data="kind") if kind == "supplier")
    routes = {}

    def walk(path, score):
        nexts = [v for v in g.successors(path[-1]) if g.edges[path[-1], v].get("kind", "supply") == "supply"]
        if not nexts:
            routes[path] = score
        for v in nexts:
            walk(path + (v,), score + g.edges[path[-1], v]["share"])

    walk((source,), 0.0)
    return min(routes, key=lambda route: (-routes[route], route))
'''
SHARE_OF_INFLOW = '''
def build_map(rows):
    received = {}
    for _, to, tonnes in rows:
        received[to] = received.get(to, 0.0) + tonnes
    g = nx.DiGraph()
    for frm, to, tonnes in rows:
        g.add_edge(frm, to, share=tonnes / received[to])
    return g
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("course"), ASSIGNMENT)
    solution = course.solution_notebook()
    course.submit("solution", solution)
    course.submit("untouched", course.release_notebook())
    course.submit("wrong_q2", replace_answer(solution, "q2_answer", SUMMED_SHARES))
    course.submit("wrong_q1", replace_answer(solution, "q1_answer", SHARE_OF_INFLOW))
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


@pytest.mark.parametrize("question", ["q1", "q2"])
def test_one_wrong_answer_loses_exactly_its_points(graded, question):
    scores = graded.scores(f"wrong_{question}")
    assert scores["auto"] == sum(QUESTION_POINTS.values()) - QUESTION_POINTS[question]
    assert scores[f"{question}_tests"] == 0 and scores[f"{question}_hidden"] == 0
    others = [q for q in QUESTION_POINTS if q != question]
    assert all(scores[f"{q}_tests"] == 1 and scores[f"{q}_hidden"] == 2 for q in others)


def test_manual_answer_waits_for_the_instructor(graded):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded.path / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q5_answer", ASSIGNMENT, ASSIGNMENT, "solution")
        assert grade.max_score == 4
        assert grade.needs_manual_grade
