"""Relationship stages, bow-tie and diamond (大客户关系发展阶段; 领结型 vs 钻石型), DOMAIN.md M3.

The stages (Millman & Wilson; McDonald, Millman & Rogers 1997 [E]) are ``STAGES``: pre-, early-,
mid-, partnership-, synergistic- and uncoupling-KAM. How the two companies are linked changes
with them: in the **bow-tie** one channel, the key-account manager and the main buyer, carries
the relationship; in the **diamond** people meet their counterparts function by function,
coordinated by the KAM [P].

A **contact network** here is a :class:`networkx.Graph` of people: each node has a ``side``
(``'seller'`` or ``'buyer'``, the 销售企业 and the 采购企业), a ``level`` (the slide's director,
manager, expert, operator, staff) and a ``role`` (:class:`~kamlib.text.Text`); an edge is a
working relationship, *inside* a company or *across* (a cross-link). :func:`exposure` measures how
exposed the relationship is: the people whose loss alone cuts the two companies apart, how many
people and how many links must go before they are cut apart, and the cross-links per level.

The shape is the course's working rule, not a published definition: a **bow-tie** hangs on one
link (one link's loss cuts the companies apart); a **diamond** has no single person it hangs on and
cross-links reach at least three of the buyer's five levels; in between it is **widening**; with
no path left between the companies they are **apart**.

>>> people = [Contact("kam", "seller", "manager", Text("KA manager", "大客户经理")),
...           Contact("eng", "seller", "expert", Text("engineer", "工程师")),
...           Contact("buy", "buyer", "manager", Text("purchasing manager", "采购经理")),
...           Contact("mnt", "buyer", "manager", Text("maintenance manager", "设备经理"))]
>>> g = contact_network(people, [("kam", "eng"), ("kam", "buy"), ("buy", "mnt")])
>>> e = exposure(g)
>>> e.shape, e.key_people, e.links_to_cut
('bow_tie', ('buy', 'kam'), 1)
>>> exposure(remove_contact(g, "kam")).shape
'apart'
>>> exposure(add_links(g, [("eng", "mnt")])).key_people
()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.connectivity import local_node_connectivity
from networkx.algorithms.flow import edmonds_karp

from kamlib.models import arguments as check
from kamlib.models.key_accounts import STAGES
from kamlib.text import Text

__all__ = [
    "LEVELS",
    "SIDES",
    "SHAPES",
    "DIAMOND_LEVELS",
    "Contact",
    "Stage",
    "Exposure",
    "check_stage",
    "contact_network",
    "add_links",
    "remove_contact",
    "exposure",
    "contact_positions",
]

#: The slide's levels, top to bottom: director 董事, manager 经理, expert 专家, operator 操作人员, staff 职员.
LEVELS = ("director", "manager", "expert", "operator", "staff")
#: The two companies: the selling company (销售企业) and the buying company (采购企业).
SIDES = ("seller", "buyer")
#: The shapes :func:`exposure` tells apart (glossary ``shape_<id>``).
SHAPES = ("bow_tie", "widening", "diamond", "apart")
#: The course's rule: a diamond's cross-links reach at least this many of the buyer's levels.
DIAMOND_LEVELS = 3

_SOURCE, _SINK = ("__seller__",), ("__buyer__",)  # tuples: never equal to a contact id


def check_stage(stage: object, name: str = "stage") -> str:
    """``stage`` itself when it is one of ``STAGES``; a ValueError naming the argument otherwise.

    >>> check_stage("mid")
    'mid'
    >>> check_stage("late")
    Traceback (most recent call last):
    ...
    ValueError: stage must be one of 'pre', 'early', 'mid', 'partnership', 'synergistic', 'uncoupling'; got 'late'
    """
    if not isinstance(stage, str):
        raise TypeError(f"{name} must be a stage name (one of {', '.join(STAGES)}), got {type(stage).__name__}")
    return check.one_of(stage, name, STAGES)


@dataclass(frozen=True)
class Contact:
    """A person in a contact network: ``side`` ``'seller'`` or ``'buyer'``, ``level`` one of
    ``LEVELS``, ``role`` what they do (a :class:`~kamlib.text.Text`)."""

    id: str
    side: str
    level: str
    role: Text

    def __post_init__(self):
        check.text(self.id, "id", "a contact id")
        check.one_of(self.side, "side", SIDES)
        if not isinstance(self.level, str):
            raise TypeError(f"level must be one of {', '.join(LEVELS)} (text), got {type(self.level).__name__}")
        check.one_of(self.level, "level", LEVELS)
        if not isinstance(self.role, Text):
            raise TypeError(f"role must be a Text (en, zh), got {type(self.role).__name__}")


@dataclass(frozen=True)
class Stage:
    """A relationship stage: its name, what marks it, the contact structure typical of it, and
    the slide's own text where the lecture has one (early and mid)."""

    id: str
    name: Text
    summary: Text
    contacts: Text
    slide: tuple[Text, ...] = ()

    def __post_init__(self):
        check_stage(self.id, "id")


@dataclass(frozen=True)
class Exposure:
    """How exposed a relationship is (see :func:`exposure`)."""

    shape: str
    key_people: tuple[str, ...]
    people_to_cut: int
    links_to_cut: int
    cross_links: int
    cross_links_by_level: dict
    levels_reached: int
    buyer_people: int
    buyer_reached: int


def contact_network(contacts: Iterable[Contact], links: Iterable) -> nx.Graph:
    """The contact network of ``contacts`` (:class:`Contact`, at least one on each side) joined
    by ``links``, pairs of contact ids (inside a company or across).

    >>> contact_network([], [])
    Traceback (most recent call last):
    ...
    ValueError: contacts must not be empty (a list of Contact)
    """
    people = check.instances(contacts, "contacts", Contact, "Contact", nonempty=True)
    sides = {c.side for c in people}
    if sides != set(SIDES):
        raise ValueError(f"contacts must include people of both companies (side 'seller' and 'buyer'); got only "
                         f"{check.shown(sorted(sides))}")
    g = nx.Graph()
    for c in people:
        if c.id in g:
            raise ValueError(f"contacts must have different ids; {check.shown(c.id)} is there twice")
        g.add_node(c.id, side=c.side, level=c.level, role=c.role)
    g.add_edges_from(_links(links, g, "links"))
    return g


def _check_network(g: object, name: str = "g") -> nx.Graph:
    if not isinstance(g, nx.Graph) or g.is_directed() or g.is_multigraph():
        raise TypeError(f"{name} must be a contact network (a networkx Graph from contact_network), "
                        f"got {type(g).__name__}")
    if g.number_of_nodes() == 0:
        raise ValueError(f"{name} must not be empty: a contact network needs people of both companies")
    for node, attrs in g.nodes(data=True):
        if attrs.get("side") not in SIDES or attrs.get("level") not in LEVELS:
            raise ValueError(f"{name} must be a contact network: contact {check.shown(node)} needs a side "
                             f"({', '.join(SIDES)}) and a level ({', '.join(LEVELS)})")
    return g


def _links(links: object, g: nx.Graph, name: str) -> list[tuple[str, str]]:
    found = []
    for pair in check.items(links, name, "a list of (contact id, contact id) pairs"):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise TypeError(f"{name} must be a list of (contact id, contact id) pairs, got an item {check.shown(pair)}")
        a, b = pair
        for end in (a, b):
            if not isinstance(end, str) or end not in g:
                known = ", ".join(sorted(str(n) for n in g))
                raise ValueError(f"{name} must join contacts of the network ({known}); got {check.shown(end)}")
        if a == b:
            raise ValueError(f"{name} must join two different people; got {check.shown(pair)}")
        found.append((a, b))
    return found


def add_links(g: nx.Graph, links: Iterable) -> nx.Graph:
    """A copy of the network ``g`` with ``links`` (pairs of contact ids) added."""
    g = _check_network(g).copy()
    g.add_edges_from(_links(links, g, "links"))
    return g


def remove_contact(g: nx.Graph, contact: str) -> nx.Graph:
    """A copy of the network ``g`` without the person ``contact``: what is left when they go.

    >>> g = contact_network([Contact("a", "seller", "manager", Text("a", "a")),
    ...                      Contact("b", "buyer", "manager", Text("b", "b"))], [("a", "b")])
    >>> remove_contact(g, "c")
    Traceback (most recent call last):
    ...
    ValueError: contact must be a person in the network (a, b); got 'c'
    """
    g = _check_network(g)
    if not isinstance(contact, str):
        raise TypeError(f"contact must be a contact id (text), got {type(contact).__name__}")
    if contact not in g:
        raise ValueError(f"contact must be a person in the network ({', '.join(sorted(map(str, g)))}); "
                         f"got {check.shown(contact)}")
    g = g.copy()
    g.remove_node(contact)
    return g


def _side(g: nx.Graph, side: str) -> list:
    return [n for n, s in g.nodes(data="side") if s == side]


def exposure(g: nx.Graph) -> Exposure:
    """How exposed the relationship in the network ``g`` is.

    * ``key_people``: the people whose loss alone cuts the two companies apart (the articulation
      points between them), sorted;
    * ``people_to_cut`` / ``links_to_cut``: the fewest people / links whose loss cuts them apart
      (0 when they are apart already);
    * ``cross_links`` and ``cross_links_by_level`` (links across, counted at the buyer's level),
      ``levels_reached`` (buyer levels with a cross-link);
    * ``buyer_people`` and ``buyer_reached``: the buyer's people in the network, and how many of
      them a path still joins to the seller;
    * ``shape``: ``'bow_tie'``, ``'widening'``, ``'diamond'`` or ``'apart'`` (module docstring).
    """
    g = _check_network(g)
    seller, buyer = _side(g, "seller"), _side(g, "buyer")
    cross = [(u, v) for u, v in g.edges if g.nodes[u]["side"] != g.nodes[v]["side"]]
    by_level = dict.fromkeys(LEVELS, 0)
    for u, v in cross:
        by_level[g.nodes[v if g.nodes[v]["side"] == "buyer" else u]["level"]] += 1
    reached = sum(1 for level in LEVELS if by_level[level])
    joined = nx.Graph()
    joined.add_nodes_from(g)
    joined.add_edges_from(g.edges, capacity=1)
    joined.add_edges_from((_SOURCE, n) for n in seller)  # no capacity: never cut
    joined.add_edges_from((n, _SINK) for n in buyer)
    linked = sum(1 for part in nx.connected_components(g) if any(g.nodes[n]["side"] == "seller" for n in part)
                 for n in part if g.nodes[n]["side"] == "buyer")
    if not seller or not buyer or not nx.has_path(joined, _SOURCE, _SINK):
        shape, key, people, links = "apart", (), 0, 0
    else:
        key = tuple(sorted(n for n in nx.articulation_points(joined) if n not in (_SOURCE, _SINK)))
        # one key person is a cut of one; Edmonds-Karp is the quickest max-flow on networks this small
        people = 1 if key else local_node_connectivity(joined, _SOURCE, _SINK, flow_func=edmonds_karp)
        links = int(nx.minimum_cut_value(joined, _SOURCE, _SINK, flow_func=edmonds_karp))
        if links == 1:
            shape = "bow_tie"
        elif not key and reached >= DIAMOND_LEVELS:
            shape = "diamond"
        else:
            shape = "widening"
    return Exposure(shape, key, people, links, len(cross), by_level, reached, len(buyer), linked)


def contact_positions(g: nx.Graph) -> dict:
    """Where to draw each person: the seller's people on the left (x < 0), the buyer's on the
    right (x > 0), facing each other; each level a row (director at the top, y = 4; staff at the
    bottom, y = 0); people on the same row spread outwards. Contact id -> (x, y)."""
    g = _check_network(g)
    positions = {}
    for side, sign in (("seller", -1), ("buyer", 1)):
        for row, level in enumerate(LEVELS):
            here = sorted(n for n in _side(g, side) if g.nodes[n]["level"] == level)
            for i, n in enumerate(here):
                positions[n] = (sign * (1.0 + 0.9 * i), float(len(LEVELS) - 1 - row))
    return positions
