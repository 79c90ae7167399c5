"""Organisation, decision chain and contact matrix (组织结构与决策链 / 客户接触矩阵): the customer's
organisation chart and buying centre as a graph, and our people's contacts into it (DOMAIN.md M5).

Buying-centre roles (采购中心角色): Webster & Wind (1972) named five, users (使用者), influencers
(影响者), buyers (采购者), deciders (决策者) and gatekeepers (把关者) [E]; Bonoma added initiators
(发起者), and textbooks add approvers (批准者), for seven [E]. One person may hold several roles.

An organisation chart (组织结构图) is a :class:`networkx.DiGraph` whose nodes are people (a
:class:`Person` in the node's ``person`` attribute) and whose edges are ``kind="reports"`` (a person
to their boss) or ``kind="influences"`` (who sways whom). The contact matrix (客户接触矩阵) is our
people × their people, each cell a strength from 0 (no contact) to 3 (trusted); this module reads
a strength of 2 or more as a working relationship, 1 as "we know the name".

>>> chart = org_chart([Person("pm", Text("Plant manager", "厂长"), "director", "production", ("decider",)),
...                    Person("eng", Text("Engineer", "工程师"), "expert", "maintenance", ("initiator", "user"),
...                           reports_to="pm")])
>>> matrix = contact_matrix({"kam": {"eng": 3, "pm": 0}}, chart)
>>> uncovered_roles(chart, matrix)
('decider',)
>>> route_to(chart, matrix, "kam", "pm")
('kam', 'eng', 'pm')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from kamlib.models import arguments as check
from kamlib.models.relationship_stages import (
    LEVELS,  # the slide's five levels, shared with module 04
)
from kamlib.text import Text

__all__ = [
    "ROLES",
    "WEBSTER_WIND_ROLES",
    "MAX_STRENGTH",
    "WORKING",
    "Person",
    "ContactMatrix",
    "org_chart",
    "decision_chain",
    "role_holders",
    "contact_matrix",
    "role_coverage",
    "coverage_share",
    "uncovered_roles",
    "route_to",
    "single_points_of_failure",
]

#: The seven buying-centre roles, in the order a change of lubricant usually meets them;
#: each a glossary id ``role_<id>``.
ROLES = ("initiator", "user", "influencer", "buyer", "decider", "approver", "gatekeeper")
#: Webster & Wind's (1972) five [E]; Bonoma's initiator and the textbooks' approver make seven.
WEBSTER_WIND_ROLES = ("user", "influencer", "buyer", "decider", "gatekeeper")
#: The levels of an organisation chart, top first (the lecture's director / manager / expert /
#: operator / staff); glossary ``level_<id>``.
#: A contact's strength: 0 none, 1 we know the name, 2 a working relationship, 3 trusted.
MAX_STRENGTH = 3
#: The strength from which a contact counts as a working relationship.
WORKING = 2


@dataclass(frozen=True)
class Person:
    """A person in the customer's organisation: ``level`` one of :data:`LEVELS`, ``function`` a short
    text (``"maintenance"``), ``roles`` among :data:`ROLES` (none, one or several), ``reports_to``
    the id of their boss (None at the top, or for someone outside the company, such as a lab)."""

    id: str
    name: Text
    level: str
    function: str
    roles: tuple[str, ...] = ()
    reports_to: str | None = None

    def __post_init__(self):
        check.text(self.id, "id", "a person id")
        if not isinstance(self.name, Text):
            raise TypeError(f"name of person {self.id!r} must be a Text (en, zh), got {type(self.name).__name__}")
        if self.level not in LEVELS:
            raise ValueError(f"level of person {self.id!r} must be one of {', '.join(LEVELS)}; got "
                             f"{check.shown(self.level)}")
        check.text(self.function, "function", "the person's function, e.g. 'maintenance'")
        if isinstance(self.roles, str) or not isinstance(self.roles, (list, tuple)):
            raise TypeError(f"roles of person {self.id!r} must be a list of roles ({', '.join(ROLES)}), got "
                            f"{type(self.roles).__name__}")
        unknown = [r for r in self.roles if r not in ROLES]
        if unknown:
            raise ValueError(f"roles of person {self.id!r}: {check.shown(unknown)} is not a buying-centre role; "
                             f"accepted: {', '.join(ROLES)}")
        if len(set(self.roles)) != len(self.roles):
            raise ValueError(f"roles of person {self.id!r} name a role twice: {list(self.roles)}")
        object.__setattr__(self, "roles", tuple(self.roles))
        if self.reports_to is not None:
            check.text(self.reports_to, "reports_to", "the id of the person's boss, or None")
            if self.reports_to == self.id:
                raise ValueError(f"reports_to of person {self.id!r} is the person themself: a reporting cycle")


def _people(people: object) -> list[Person]:
    found = check.instances(people, "people", Person, "Person", nonempty=True)
    seen: set[str] = set()
    for p in found:
        if p.id in seen:
            raise ValueError(f"people: the id {p.id!r} is used twice")
        seen.add(p.id)
    return found


def org_chart(people: Iterable[Person], influences: Iterable[Sequence[str]] = ()) -> nx.DiGraph:
    """The organisation chart as a directed graph: an edge ``kind="reports"`` from each person to
    their boss, and ``kind="influences"`` for each ``(who, whom)`` in ``influences``. A boss who is
    not in ``people``, or a reporting cycle, is a ValueError naming the people.

    >>> a = Person("a", Text("A", "甲"), "director", "production", reports_to="b")
    >>> b = Person("b", Text("B", "乙"), "manager", "maintenance", reports_to="a")
    >>> org_chart([a, b])
    Traceback (most recent call last):
    ...
    ValueError: people: a reporting cycle a → b → a; someone must be at the top (reports_to None)
    """
    found = _people(people)
    graph = nx.DiGraph()
    for p in found:
        graph.add_node(p.id, person=p)
    for p in found:
        if p.reports_to is not None:
            if p.reports_to not in graph:
                raise ValueError(f"people: person {p.id!r} reports to {p.reports_to!r}, who is not in the chart")
            graph.add_edge(p.id, p.reports_to, kind="reports")
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        cycle = None
    if cycle:
        names = [u for u, _ in cycle] + [cycle[0][0]]
        raise ValueError(f"people: a reporting cycle {' → '.join(names)}; someone must be at the top "
                         f"(reports_to None)")
    for i, pair in enumerate(check.items(influences, "influences", "a list of (who, whom) pairs")):
        if isinstance(pair, str) or not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise TypeError(f"influences[{i}] must be a pair (who, whom) of person ids, got {check.shown(pair)}")
        for who in pair:
            if not isinstance(who, str) or who not in graph:
                raise ValueError(f"influences[{i}]: {check.shown(who)} is not a person in the chart")
        if pair[0] == pair[1]:
            raise ValueError(f"influences[{i}]: {pair[0]!r} cannot influence themself")
        if graph.has_edge(*pair):
            continue  # a boss link already carries the influence
        graph.add_edge(pair[0], pair[1], kind="influences")
    return graph


def _chart(chart: object) -> nx.DiGraph:
    if not isinstance(chart, nx.DiGraph) or not all(isinstance(d.get("person"), Person)
                                                    for _, d in chart.nodes(data=True)):
        raise TypeError(f"chart must be an organisation chart from org_chart(...), got {type(chart).__name__}")
    if chart.number_of_nodes() == 0:
        raise ValueError("chart is empty: it needs at least one person")
    return chart


def role_holders(chart: nx.DiGraph) -> dict[str, tuple[str, ...]]:
    """Role -> the ids of the people who hold it, for the roles someone in the chart holds, in
    the order of :data:`ROLES`."""
    chart = _chart(chart)
    found = {role: tuple(n for n, d in chart.nodes(data=True) if role in d["person"].roles) for role in ROLES}
    return {role: ids for role, ids in found.items() if ids}


def decision_chain(chart: nx.DiGraph, steps: Sequence[str]) -> tuple[str, ...]:
    """The decision chain (决策链) for a change: the people a proposal must pass, in order, as a path
    through the chart. Each step must be a person in the chart, none twice.

    >>> chart = org_chart([Person("pm", Text("PM", "厂长"), "director", "production", ("decider",))])
    >>> decision_chain(chart, ["pm", "gm"])
    Traceback (most recent call last):
    ...
    ValueError: steps[1]: 'gm' is not a person in the chart
    """
    chart = _chart(chart)
    ids = check.texts(steps, "steps", "a list of person ids, in the order of the chain")
    if not ids:
        raise ValueError("steps is empty: a decision chain has at least one person")
    for i, who in enumerate(ids):
        if who not in chart:
            raise ValueError(f"steps[{i}]: {who!r} is not a person in the chart")
    if len(set(ids)) != len(ids):
        raise ValueError(f"steps names a person twice: {ids}")
    return tuple(ids)


@dataclass(frozen=True)
class ContactMatrix:
    """Our people × their people: ``strengths[i][j]`` is ``ours[i]``'s contact with ``theirs[j]``."""

    ours: tuple[str, ...]
    theirs: tuple[str, ...]
    strengths: tuple[tuple[int, ...], ...]

    def strength(self, our: str, their: str) -> int:
        """One cell (0 when either is not in the matrix)."""
        if our not in self.ours or their not in self.theirs:
            return 0
        return self.strengths[self.ours.index(our)][self.theirs.index(their)]

    def best(self, their: str) -> int:
        """The strongest contact any of our people has with ``their``."""
        if their not in self.theirs:
            return 0
        j = self.theirs.index(their)
        return max(row[j] for row in self.strengths)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {o: dict(zip(self.theirs, row, strict=True)) for o, row in zip(self.ours, self.strengths, strict=True)}


def contact_matrix(strengths: Mapping[str, Mapping[str, int]], chart: nx.DiGraph) -> ContactMatrix:
    """The contact matrix from ``{our person: {their person: strength 0-3}}``; their people must be
    in ``chart`` (anyone in the chart left out has strength 0). A bad cell is named.

    >>> chart = org_chart([Person("pm", Text("PM", "厂长"), "director", "production", ("decider",))])
    >>> contact_matrix({"kam": {"pm": 4}}, chart)
    Traceback (most recent call last):
    ...
    ValueError: strengths: cell (kam, pm) must be a whole number from 0 to 3, got 4
    >>> contact_matrix({"kam": {"buyer": 2}}, chart)
    Traceback (most recent call last):
    ...
    ValueError: strengths: cell (kam, buyer): 'buyer' is not a person in the chart (pm)
    """
    chart = _chart(chart)
    rows = check.mapping(strengths, "strengths", "a dict {our person: {their person: strength 0-3}}")
    if not rows:
        raise ValueError("strengths is empty: name at least one of our people")
    theirs = tuple(chart.nodes)
    ours, table = [], []
    for our, cells in rows.items():
        if not isinstance(our, str) or not our.strip():
            raise ValueError(f"strengths: our person {check.shown(our)} must be a non-empty id")
        if our in chart:
            raise ValueError(f"strengths: {our!r} is both one of our people and a person in their chart")
        if not isinstance(cells, Mapping):
            raise TypeError(f"strengths[{our!r}] must be a dict {{their person: strength 0-3}}, got "
                            f"{type(cells).__name__}")
        row = [0] * len(theirs)
        for their, value in cells.items():
            if their not in chart:
                raise ValueError(f"strengths: cell ({our}, {str(their)[:40]}): {check.shown(their)} is not a "
                                 f"person in the chart ({', '.join(theirs)})")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_STRENGTH:
                raise ValueError(f"strengths: cell ({our}, {their}) must be a whole number from 0 to "
                                 f"{MAX_STRENGTH}, got {check.shown(value)}")
            row[theirs.index(their)] = int(value)
        ours.append(our)
        table.append(tuple(row))
    return ContactMatrix(tuple(ours), theirs, tuple(table))


def _matrix(matrix: object, chart: nx.DiGraph) -> ContactMatrix:
    if not isinstance(matrix, ContactMatrix):
        raise TypeError(f"matrix must be a ContactMatrix from contact_matrix(...), got {type(matrix).__name__}")
    missing = [t for t in matrix.theirs if t not in chart]
    if missing:
        raise ValueError(f"matrix: {check.shown(missing)} not in the chart: build the matrix with this chart")
    return matrix


def _threshold(value: object) -> int:
    return check.whole_number(value, "threshold", 1, MAX_STRENGTH)


def role_coverage(chart: nx.DiGraph, matrix: ContactMatrix) -> dict[str, int]:
    """Role -> our strongest contact with anyone who holds it (0 to 3), for the roles held in the chart.

    >>> chart = org_chart([Person("b", Text("Buyer", "采购"), "manager", "procurement", ("buyer", "gatekeeper"))])
    >>> role_coverage(chart, contact_matrix({"kam": {"b": 2}}, chart))
    {'buyer': 2, 'gatekeeper': 2}
    """
    chart = _chart(chart)
    matrix = _matrix(matrix, chart)
    return {role: max(matrix.best(p) for p in ids) for role, ids in role_holders(chart).items()}


def coverage_share(chart: nx.DiGraph, matrix: ContactMatrix, threshold: int = 1) -> float:
    """The share (0 to 1) of the roles held in the chart that we reach at ``threshold`` or more."""
    threshold = _threshold(threshold)
    cover = role_coverage(chart, matrix)
    return round(sum(1 for s in cover.values() if s >= threshold) / len(cover), 6) if cover else 0.0


def uncovered_roles(chart: nx.DiGraph, matrix: ContactMatrix, threshold: int = 1) -> tuple[str, ...]:
    """The roles held in the chart that none of our people reaches at ``threshold`` or more (by
    default any contact at all), in the order of :data:`ROLES`."""
    threshold = _threshold(threshold)
    return tuple(role for role, s in role_coverage(chart, matrix).items() if s < threshold)


def _network(chart: nx.DiGraph, matrix: ContactMatrix, threshold: int) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(chart.nodes)
    graph.add_edges_from(chart.edges)
    graph.add_nodes_from(matrix.ours)
    for o, row in zip(matrix.ours, matrix.strengths, strict=True):
        graph.add_edges_from((o, t) for t, s in zip(matrix.theirs, row, strict=True) if s >= threshold)
    return graph


def route_to(chart: nx.DiGraph, matrix: ContactMatrix, start: str, target: str, threshold: int = 1) -> tuple[str, ...]:
    """The shortest route (fewest introductions) from ``start``, one of our people, to ``target``, a
    person in the chart: along contacts of ``threshold`` or more, then along the customer's reporting
    and influence lines. An empty tuple when there is no route."""
    chart = _chart(chart)
    matrix = _matrix(matrix, chart)
    threshold = _threshold(threshold)
    if start not in matrix.ours:
        raise ValueError(f"start must be one of our people ({', '.join(matrix.ours)}); got {check.shown(start)}")
    if target not in chart:
        raise ValueError(f"target must be a person in the chart ({', '.join(chart.nodes)}); got "
                         f"{check.shown(target)}")
    try:
        return tuple(nx.shortest_path(_network(chart, matrix, threshold), start, target))
    except nx.NetworkXNoPath:
        return ()


def single_points_of_failure(chart: nx.DiGraph, matrix: ContactMatrix,
                             threshold: int = WORKING) -> dict[str, tuple[str, ...]]:
    """Our person -> the people in the chart that only they reach at ``threshold`` or more (by
    default a working relationship): if that person leaves, those contacts go with them. Our people
    who are nobody's only link are left out.

    >>> chart = org_chart([Person("b", Text("Buyer", "采购"), "manager", "procurement", ("buyer",))])
    >>> single_points_of_failure(chart, contact_matrix({"kam": {"b": 3}, "tse": {"b": 1}}, chart))
    {'kam': ('b',)}
    """
    chart = _chart(chart)
    matrix = _matrix(matrix, chart)
    threshold = _threshold(threshold)
    found: dict[str, list[str]] = {}
    for j, their in enumerate(matrix.theirs):
        reach = [o for o, row in zip(matrix.ours, matrix.strengths, strict=True) if row[j] >= threshold]
        if len(reach) == 1:
            found.setdefault(reach[0], []).append(their)
    return {o: tuple(found[o]) for o in matrix.ours if o in found}
