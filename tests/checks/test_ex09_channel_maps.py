"""Exercise 09's own checks (what every question must do is in test_every_question.py):
feedback never gives the expected map away, and trainee-style solutions written
without kamlib pass too (ties and float order included)."""

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from kamlib.checks import ex09_channel_maps as ex
from kamlib.checks.framework import CORRECT, INCORRECT, AnswerNotAccepted
from kamlib.models import channels as m

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("q", ex.QUESTIONS[1:], ids=lambda q: q.id)
def test_feedback_never_contains_the_expected_answer(q):
    for case in q.cases():
        expected = case.call(q.reference)
        for wrong in ("nonsense", ("nonsense",), 0.5, None):
            message = q.evaluate(lambda *a, wrong=wrong, **k: wrong).message
            assert repr(expected) not in message and str(expected) not in message


def test_graph_feedback_names_one_edge_not_the_map():
    expected = ex.map_from_tonnes(list(ex.WEST_ROWS))

    def one_wrong_share(rows):
        g = ex.map_from_tonnes(rows)
        g.edges["Xishan Distributors", "Cement"]["share"] = 0.5
        return g

    def one_missing_edge(rows):
        g = ex.map_from_tonnes(rows)
        g.remove_edge("Direct key accounts", "Steel")
        return g

    wrong = ex.q1.evaluate(one_wrong_share)
    assert wrong.outcome == INCORRECT
    assert wrong.message.startswith("Share on edge Xishan Distributors → Cement is wrong")
    missing = ex.q1.evaluate(one_missing_edge).message
    assert missing.startswith("Edge Direct key accounts → Steel is missing")
    for message in (wrong.message, missing):
        for *_, share in expected.edges(data="share"):
            assert share == 1 or f"{share:.4g}" not in message  # no expected share is given away
        assert "4000" not in message and "4,000" not in message  # nor the source volume


def test_graph_answers_must_be_a_plain_digraph():
    result = ex.q1.evaluate(lambda rows: nx.MultiDiGraph(ex.map_from_tonnes(rows)))
    assert result.outcome == INCORRECT and "DiGraph" in result.message
    result = ex.q1.evaluate(lambda rows: nx.to_dict_of_dicts(ex.map_from_tonnes(rows)))
    assert result.outcome == INCORRECT and "got dict" in result.message


def test_exact_types_for_routes_and_shares():
    assert ex.q2.evaluate(lambda g: list(ex.top_route_reference(g))).outcome == INCORRECT
    assert ex.q4.evaluate(lambda g: str(m.first_fill_share(g))).outcome == INCORRECT

    class Liar:
        def __eq__(self, other):
            return True

    for q in ex.QUESTIONS:
        assert q.evaluate(lambda *a: Liar()).outcome == INCORRECT, q.id


def test_hard_coding_the_visible_answers_fails_the_hidden_tests():
    for q in ex.QUESTIONS:
        visible = [case.call(q.reference) for case in q.cases()]
        answers = iter(visible * 2)

        def memorised(*args, answers=answers):
            return next(answers)

        assert q.evaluate(memorised).outcome == CORRECT, q.id
        with pytest.raises(AnswerNotAccepted):
            q.grade(memorised)


# --- trainee-style solutions, written without kamlib -----------------------------------------

def build_map(rows):
    sent = {}
    for frm, _, tonnes in rows:
        sent[frm] = sent.get(frm, 0) + tonnes
    g = nx.DiGraph()
    for frm, to, tonnes in rows:
        g.add_edge(frm, to, share=tonnes / sent[frm])
    receivers = {to for _, to, _ in rows}
    for node in sent:
        if node not in receivers:
            g.nodes[node]["volume_t"] = sent[node]
    return g


def _supply(g, u):
    return [v for v in g.successors(u) if g.edges[u, v].get("kind") != "influence"]


def top_route_paths(g):
    """Shares multiplied first, routes from nx.all_simple_paths."""
    source = next(n for n, d in g.nodes(data=True) if d.get("kind") == "supplier")
    ends = [n for n in g if not _supply(g, n) and g.nodes[n]["kind"] != "influencer" and n != source]
    best = None
    for end in ends:
        for path in nx.all_simple_paths(g, source, end):
            if any(g.edges[u, v].get("kind") == "influence" for u, v in zip(path, path[1:], strict=False)):
                continue
            product = 1.0
            for u, v in zip(path, path[1:], strict=False):
                product *= g.edges[u, v]["share"]
            key = (-(g.nodes[source]["volume_t"] * product), tuple(path))
            best = key if best is None or key < best else best
    return best[1]


def inflows_by_routes(g):
    """A node's inflow as the sum of the volumes of the routes through it."""
    source = next(n for n, d in g.nodes(data=True) if d.get("kind") == "supplier")
    inflow = {n: 0.0 for n in g}
    stack = [(source, float(g.nodes[source]["volume_t"]))]
    while stack:
        node, volume = stack.pop()
        for v in _supply(g, node):
            carried = volume * g.edges[node, v]["share"]
            inflow[v] += carried
            stack.append((v, carried))
    return inflow


def leverage_by_routes(g):
    inflow = inflows_by_routes(g)
    candidates = sorted(n for n, d in g.nodes(data=True) if d["kind"] not in ("supplier", "influencer"))
    best = max(inflow[n] for n in candidates)
    return next(n for n in candidates if inflow[n] == best)


def first_fill_by_edges(g):
    inflow = inflows_by_routes(g)
    outflow = {n: inflow[n] + float(g.nodes[n].get("volume_t", 0.0)) for n in g}
    first = sum(outflow[u] * d["share"] for u, v, d in g.edges(data=True) if d.get("channel") == "first_fill")
    ends = [n for n in g if g.nodes[n]["kind"] not in ("supplier", "influencer") and not _supply(g, n)]
    return first / sum(inflow[n] for n in ends)


@pytest.mark.parametrize("q, answer", [(ex.q1, build_map), (ex.q2, top_route_paths),
                                       (ex.q3, leverage_by_routes), (ex.q4, first_fill_by_edges)],
                         ids=["q1", "q2", "q3", "q4"])
def test_independent_solutions_pass(q, answer):
    assert q.evaluate(answer).outcome == CORRECT
    q.grade(answer)


def test_hidden_tests_cover_unseen_maps_and_ties():
    labels = [c.label for c in ex.q3.hidden_cases(random.Random(ex.q3.seed))]
    assert {"hidden_port", "hidden_mining", "hidden_food"} <= set(labels)
    assert sum("seed" in label for label in labels) >= 8
    tie = next(c for c in ex.q3.hidden_cases(random.Random(1)) if c.label == "hidden_mining")
    assert tie.call(ex.q3.reference) == "dist_a"  # a three-way tie, broken by name

    def leaks(g):
        supplied = sum(a["volume_t"] for _, a in g.nodes(data=True) if a["kind"] == "supplier")
        return sum(m.segment_volumes(g).values()) < supplied - 1e-6 and m.first_fill_share(g) > 0

    leaky = [c for c in ex.q4.hidden_cases(random.Random(ex.q4.seed)) if leaks(c.args[0])]
    assert leaky, "q4 needs maps that lose volume, to catch dividing by the supplier's volume"


def test_each_question_stands_alone():
    """No question's input depends on the trainee's answer to another question."""
    for q in ex.QUESTIONS[1:]:
        for case in q.cases():
            assert isinstance(case.args[0], nx.DiGraph) and "kind" in case.args[0].nodes[next(iter(case.args[0]))]


def test_try_it_in_the_lecture():
    volume = 36000 * 0.32 * 0.30 * 0.55
    assert m.route_volumes(ex.running_case())[ex.TRY_IT_ROUTE] == pytest.approx(volume)
    assert ex.try_it.evaluate(36000 * 0.32 * 0.30 * 0.55).outcome == CORRECT
    assert ex.try_it.evaluate(1900.8).outcome == CORRECT
    assert ex.try_it.evaluate(36000 * (0.32 + 0.30 + 0.55)).message.startswith("You added the shares")
    assert ex.try_it.evaluate(round(volume)).outcome == INCORRECT
    assert ex.try_it.evaluate(ex.try_it.reference(ex.TRY_IT_ROUTE)).outcome == CORRECT


def test_the_lecture_states_what_the_models_compute():
    """The lecture's takeaways name the running case's leverage point and top route."""
    g = ex.running_case()
    lever = g.nodes[m.leverage_point(g)]["en"]
    route, volume = m.top_routes(g, 1)[0]
    nb = json.loads((ROOT / "course" / "lec09_channel_maps.ipynb").read_text(encoding="utf-8"))
    prose = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    prose = " ".join(prose.split()).replace(" %", "%")
    assert lever in prose and f"{m.inflows(g)[m.leverage_point(g)]:,.0f} t" in prose
    assert f"{volume:,.0f} t" in prose and g.nodes[route[-1]]["en"].lower() in prose.lower()
    assert f"{m.first_fill_share(g):.0%}" in prose
