"""Exercise 09, *Product channel maps* (产品通路图): the questions, declared once.

Every question is a function the trainee writes on a map the checker gives it, so
no answer depends on another (a wrong q1 costs only q1's points). Expected answers
come from :mod:`kamlib.models.channels`; q1's graph is judged as a graph with
:func:`~kamlib.models.channels.compare_maps`, whose feedback names one missing or
wrong edge at a time, never the whole expected map. Hidden tests use the hidden
YAML maps and seeded :func:`~kamlib.models.channels.random_channel_map` maps.

>>> q2.evaluate(lambda g: ("harbourlight", "dist_east")).message
'Your route stops before an end user: a route runs from the supplier to a node that supplies nobody.'
"""

from __future__ import annotations

import random

from kamlib.checks.framework import Case, Mistake, Question
from kamlib.models import channels as m

__all__ = ["WEST_ROWS", "TRY_IT_ROUTE", "running_case", "lecture_map", "map_from_tonnes", "judge_map",
           "top_route_reference", "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

#: q1's described channel: Harbourlight's new west region, tonnes per year on each link
#: (fictional, illustrative numbers). (from, to, t/yr)
WEST_ROWS = (
    ("Harbourlight", "Xishan Distributors", 2400.0),
    ("Harbourlight", "Direct key accounts", 1200.0),
    ("Harbourlight", "Shanhe Excavators", 400.0),
    ("Xishan Distributors", "Cement", 1000.0),
    ("Xishan Distributors", "Mining", 800.0),
    ("Xishan Distributors", "County dealers", 600.0),
    ("County dealers", "Construction", 600.0),
    ("Direct key accounts", "Steel", 900.0),
    ("Direct key accounts", "Mining", 300.0),
    ("Shanhe Excavators", "Construction", 400.0),
)


def running_case():
    """Harbourlight's channel map (the lecture's running case), a fresh copy."""
    from kamlib.data.channels import load_channel_map

    return load_channel_map("running_case")


def lecture_map():
    """The lecture slide's map, rebuilt with equal (illustrative) shares: full of ties."""
    from kamlib.data.channels import load_channel_map

    return load_channel_map("lecture")


# --- maps the trainee has not seen ----------------------------------------------------------

def _hidden_yaml_maps() -> list:
    from kamlib.data.channels import list_channel_maps, load_channel_map

    shown = set(list_channel_maps())
    return [(name, load_channel_map(name)) for name in list_channel_maps(hidden=True) if name not in shown]


def _clear(values) -> bool:
    """True when the largest value beats the next by a margin no rounding can flip."""
    top = sorted(values, reverse=True)[:2]
    return len(top) < 2 or top[0] - top[1] > 1e-6 * max(abs(top[0]), 1.0)


def _random_maps(rng: random.Random, count: int, keep=lambda g: True) -> list:
    """Seeded random maps, some leaking volume (shares under 100 %), that pass ``keep``."""
    maps = []
    while len(maps) < count:
        seed = rng.randrange(10**6)
        g = m.random_channel_map(seed, n_middle=rng.choice([(2, 3), (3, 5)]), n_ends=(3, 7),
                                 conserve=len(maps) % 2 == 0)
        if keep(g):
            maps.append((f"a made-up map (seed {seed})", g))
    return maps


def _graph_cases(maps) -> list[Case]:
    return [Case((g,), label=label) for label, g in maps]


# --- q1: build the map from tonnes -----------------------------------------------------------

def _outflows(rows) -> dict:
    out: dict = {}
    for u, _, tonnes in rows:
        out[u] = out.get(u, 0.0) + tonnes
    return out


def _source(rows):
    fed = {v for _, v, _ in rows}
    (source,) = [u for u in _outflows(rows) if u not in fed]
    return source


def map_from_tonnes(rows):
    """A channel map from ``(from, to, t/yr)`` rows: ``share`` = tonnes / what ``from``
    sends out in total; ``volume_t`` on the source = all it sends out."""
    out = _outflows(rows)
    source = _source(rows)
    g = m.build_channel_map([(u, v, t / out[u]) for u, v, t in rows], source_volumes={source: out[source]})
    for node in g:  # q1 asks for shares and the source's volume only
        g.nodes[node].pop("kind", None)
    for edge in g.edges:
        g.edges[edge].pop("kind", None)
    return g


def _plain_map(rows, share, volume=True, reverse=False):
    """A DiGraph built the way a trainee might, with ``share(u, v, t)``; never validated."""
    import networkx as nx

    g = nx.DiGraph()
    for u, v, t in rows:
        a, b = (v, u) if reverse else (u, v)
        g.add_edge(a, b, share=share(u, v, t))
    if volume:
        source = _source(rows)
        g.nodes[source]["volume_t"] = _outflows(rows)[source]
    return g


def _inflows_of(rows) -> dict:
    into: dict = {}
    for _, v, t in rows:
        into[v] = into.get(v, 0.0) + t
    return into


def judge_map(expected, got) -> str | None:
    """None when ``got`` is the expected channel map, else the first differences
    (which node or edge is missing or wrong; no expected values)."""
    import networkx as nx

    if type(got) is not nx.DiGraph:
        return f"expected a networkx DiGraph (g = nx.DiGraph()), got {type(got).__name__}"
    problems = m.compare_maps(expected, got, limit=3)
    return "; ".join(problems) or None


def _rows_of(g) -> tuple:
    volumes = m.edge_volumes(g)
    return tuple((u, v, volumes[u, v]) for u, v in g.edges if (u, v) in volumes)


def _q1_hidden(rng):
    maps = _hidden_yaml_maps() + _random_maps(rng, 8)
    cases = []
    for label, g in maps:
        rows = list(_rows_of(g))
        rng.shuffle(rows)  # the rows of a node need not come together
        cases.append(Case((rows,), label=label))
    return cases


q1 = Question(
    id="q1",
    summary="a channel map (DiGraph with shares) from tonnes on each link",
    answer_name="build_map",
    reference=map_from_tonnes,
    cases=lambda: [Case((list(WEST_ROWS),), label="WEST_ROWS")],
    hidden_cases=_q1_hidden,
    judge=judge_map,
    hints=(
        "Start with g = nx.DiGraph(); add one edge per row with g.add_edge(frm, to, share=...).",
        "A share is a fraction of what the *upstream* node sends out: first add up the tonnes of all "
        "rows leaving each `from` node (a dict), then share = tonnes / that total.",
        "The source is the node that is never a `to`. Set g.nodes[source]['volume_t'] to the total it "
        "sends out. Rows may come in any order, so total first, then build.",
    ),
    mistakes=(
        Mistake("percent", "Your shares look like percentages: a share is a fraction from 0 to 1 (0.25, not 25).",
                lambda rows: _plain_map(rows, lambda u, v, t: 100 * t / _outflows(rows)[u])),
        Mistake("tonnes", "Your `share` holds tonnes: divide each link's tonnes by the total the upstream "
                "node sends out.",
                lambda rows: _plain_map(rows, lambda u, v, t: t)),
        Mistake("share of inflow", "You divided by what flows *into* the downstream node; a share is a "
                "fraction of what the upstream node (`from`) sends out.",
                lambda rows: _plain_map(rows, lambda u, v, t: t / _inflows_of(rows)[v])),
        Mistake("share of supply", "You divided every link by the supplier's total; divide by what the "
                "link's own upstream node (`from`) sends out.",
                lambda rows: _plain_map(rows, lambda u, v, t: t / _outflows(rows)[_source(rows)])),
        Mistake("reversed", "Your edges point the wrong way: add them from `from` (upstream) to `to` (downstream).",
                lambda rows: _plain_map(rows, lambda u, v, t: t / _outflows(rows)[u], reverse=True)),
        Mistake("no volume", "The shares are right, but the source has no volume_t: set "
                "g.nodes[source]['volume_t'] to the tonnes it sends out.",
                lambda rows: _plain_map(rows, lambda u, v, t: t / _outflows(rows)[u], volume=False)),
    ),
)


# --- q2: the top route -----------------------------------------------------------------------

def top_route_reference(g) -> tuple:
    """The route (tuple of node names) carrying the most volume; ties: first by name."""
    return next(iter(m.route_volumes(g)))


def _supply_out(g, node) -> list:
    return [v for v in g.successors(node) if g.edges[node, v].get("kind", "supply") == "supply"]


def _supplier(g):
    return next(n for n, k in g.nodes(data="kind") if k == "supplier")


def _all_paths(g) -> list[tuple]:
    """Every path from the supplier along supply edges, to any node (not only end users)."""
    paths, stack = [], [(_supplier(g),)]
    while stack:
        path = stack.pop()
        if len(path) > 1:
            paths.append(path)
        stack.extend(path + (v,) for v in _supply_out(g, path[-1]))
    return paths


def _best(paths, score) -> tuple:
    return min(paths, key=lambda p: (-score(p), tuple(map(str, p))))


def _summed_shares_route(g) -> tuple:
    ends = [p for p in _all_paths(g) if not _supply_out(g, p[-1])]
    return _best(ends, lambda p: sum(g.edges[u, v]["share"] for u, v in zip(p, p[1:], strict=False)))


def _greedy_route(g) -> tuple:
    path = (_supplier(g),)
    while _supply_out(g, path[-1]):
        path += (max(sorted(_supply_out(g, path[-1]), key=str), key=lambda v: g.edges[path[-1], v]["share"]),)
    return path


def _partial_route(g) -> tuple:
    volume = float(g.nodes[_supplier(g)]["volume_t"])

    def carried(p):
        out = volume
        for u, v in zip(p, p[1:], strict=False):
            out *= g.edges[u, v]["share"]
        return out

    return _best(_all_paths(g), carried)


def _q2_hidden(rng):
    keep = lambda g: _clear(m.route_volumes(g).values())  # noqa: E731
    return _graph_cases(_hidden_yaml_maps() + _random_maps(rng, 10, keep))


q2 = Question(
    id="q2",
    summary="the route from the supplier to an end user that carries the most volume",
    answer_name="top_route",
    reference=top_route_reference,
    cases=lambda: [Case((running_case(),), label="RUNNING"), Case((lecture_map(),), label="LECTURE")],
    hidden_cases=_q2_hidden,
    hints=(
        "A route starts at the supplier (kind 'supplier') and follows supply edges until a node that "
        "supplies nobody. Skip edges whose kind is 'influence': they carry no volume.",
        "Route volume = the supplier's volume_t × the share of every edge along the route: multiply, "
        "do not add. Walk all routes (a stack or recursion from the supplier) and keep the largest.",
        "Return the route as a tuple of node names, e.g. ('S', 'D', 'Mine'). When routes tie, take the "
        "one whose tuple of names comes first: min over (-volume, route).",
    ),
    mistakes=(
        Mistake("list", "Return the route as a tuple of node names, e.g. ('S', 'D', 'Mine'), not a list.",
                lambda g: list(top_route_reference(g))),
        Mistake("summed shares", "You added the shares along each route; multiply them: route volume = "
                "source volume × share × share × ….",
                _summed_shares_route),
        Mistake("greedy", "You followed the largest share at each step. A smaller first step can lead to a "
                "bigger route: compute the volume of every route and compare.",
                _greedy_route),
        Mistake("partial", "Your route stops before an end user: a route runs from the supplier to a node "
                "that supplies nobody.",
                _partial_route),
    ),
)


# --- q3: the leverage point ------------------------------------------------------------------

def _inflows(g) -> dict:
    return m.inflows(g)


def _candidates(g) -> list:
    return [n for n in g if g.nodes[n].get("kind") not in ("supplier", "influencer")]


def _lever_with_supplier(g):
    flow = _inflows(g)
    flow.update({n: float(a["volume_t"]) for n, a in g.nodes(data=True) if a.get("kind") == "supplier"})
    return min(flow, key=lambda n: (-flow[n], str(n)))


def _lever_end_users(g):
    flow = _inflows(g)
    ends = list(m.segment_volumes(g))
    return min(ends, key=lambda n: (-flow[n], str(n)))


def _lever_degree(g):
    return min(_candidates(g), key=lambda n: (-g.degree(n), str(n)))


def _lever_first_found(g):
    flow = _inflows(g)
    return max(_candidates(g), key=lambda n: flow[n])  # the first of equals, in the graph's order


def _q3_hidden(rng):
    def keep(g):
        flow = m.inflows(g)
        return _clear([flow[n] for n in _candidates(g)])

    return _graph_cases(_hidden_yaml_maps() + _random_maps(rng, 10, keep))


q3 = Question(
    id="q3",
    summary="the leverage point: the node with the largest inflow",
    answer_name="leverage_point",
    reference=m.leverage_point,
    cases=lambda: [Case((running_case(),), label="RUNNING"), Case((lecture_map(),), label="LECTURE")],
    hidden_cases=_q3_hidden,
    hints=(
        "A node's inflow is the volume on all supply edges into it. An edge carries the upstream node's "
        "outflow × its share, and a node's outflow is its inflow (the supplier's is its volume_t).",
        "Work downstream: nx.topological_sort(g) gives an order in which every node comes after the "
        "nodes that supply it. Skip influence edges (kind 'influence', no share).",
        "The supplier and influencers are not candidates. Return the name of the node with the largest "
        "inflow; on a tie, the first by name: min(candidates, key=lambda n: (-inflow[n], n)).",
    ),
    mistakes=(
        Mistake("supplier", "You counted the supplier: it is where volume starts, not a junction it passes "
                "through. Leave the supplier (and influencers) out.",
                _lever_with_supplier),
        Mistake("end users", "You looked only at end-user segments; a distributor or an OEM can be the "
                "junction where the most volume passes.",
                _lever_end_users),
        Mistake("degree", "You picked the node with the most links; the leverage point is where the most "
                "*volume* passes (the largest inflow in t/yr).",
                _lever_degree),
        Mistake("tie", "Several nodes tie for the largest inflow here: take the first of them by name.",
                _lever_first_found),
    ),
)


# --- q4: first fill vs aftermarket ------------------------------------------------------------

def _ff_all_oem(g) -> float:
    flow = m.inflows(g)
    oem = sum(flow[n] for n, k in g.nodes(data="kind") if k == "oem")
    total = sum(m.segment_volumes(g).values())
    return oem / total


def _ff_of_supply(g) -> float:
    supplied = sum(float(a["volume_t"]) for _, a in g.nodes(data=True) if a.get("kind") == "supplier")
    return m.channel_volumes(g)["first_fill"] / supplied


def _q4_hidden(rng):
    return _graph_cases(_hidden_yaml_maps() + _random_maps(rng, 10))


q4 = Question(
    id="q4",
    summary="the first-fill share of the volume reaching end users",
    answer_name="first_fill_share",
    reference=m.first_fill_share,
    cases=lambda: [Case((running_case(),), label="RUNNING")],
    hidden_cases=_q4_hidden,
    hints=(
        "First fill (初装油) is oil that reaches end users in new machines: the volume on edges marked "
        "channel='first_fill' (OEM → end user). Everything else that reaches end users is aftermarket.",
        "An OEM's edge to its own service dealers is marked 'aftermarket': that genuine oil is resold "
        "after the sale, so it is not first fill even though it passed through the OEM.",
        "Share = first-fill tonnes / all tonnes reaching end users (nodes that supply nobody). Not the "
        "supplier's volume_t: some volume may leave the map. Return a fraction from 0 to 1.",
    ),
    mistakes=(
        Mistake("percent", "Give the share as a fraction from 0 to 1, not a percentage.",
                lambda g: 100 * m.first_fill_share(g)),
        Mistake("aftermarket", "That is the aftermarket share (售后换油); the question asks for first fill (初装油).",
                lambda g: 1 - m.first_fill_share(g)),
        Mistake("all OEM", "You counted everything an OEM moves as first fill; the genuine oil an OEM sells "
                "through its service dealers (edges marked 'aftermarket') is aftermarket.",
                _ff_all_oem),
        Mistake("of supply", "You divided by the supplier's volume; divide by the volume that reaches end "
                "users (part of the supply leaves this map).",
                _ff_of_supply),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (not graded) -------------------------------------------------------

#: The route the lecture's Try it asks about: Harbourlight → Donghai → Donghai's dealers → metalworking.
TRY_IT_ROUTE = ("harbourlight", "dist_east", "dealer_east", "metalworking")


def _route_volume(route) -> float:
    return m.route_volumes(running_case())[route]


def _route_share_sum(route) -> float:
    g = running_case()
    return float(g.nodes[route[0]]["volume_t"]) * sum(g.edges[u, v]["share"] for u, v in zip(route, route[1:], strict=False))


def _segment_volume(route) -> float:
    return m.inflows(running_case())[route[-1]]


try_it = Question(
    id="try_it",
    summary="the volume (t/yr) of the route Harbourlight → Donghai → Donghai sub-dealers → metalworking",
    answer_name="answer",
    kind="value",
    reference=_route_volume,
    cases=lambda: [Case((TRY_IT_ROUTE,))],
    hints=(
        "Read the three shares along the route from the edge table above (`edges`).",
        "Multiply: 36,000 × share × share × share. The answer is in tonnes per year, a number.",
    ),
    mistakes=(
        Mistake("summed", "You added the shares; multiply them along the route.", _route_share_sum),
        Mistake("segment", "That is everything metalworking gets (from all routes); the question asks for one route.",
                _segment_volume),
    ),
)
