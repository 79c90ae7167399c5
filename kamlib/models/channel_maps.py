"""Product channel maps (产品通路图): who moves how much product to whom (DOMAIN.md M7, M9).

A channel map is a :class:`networkx.DiGraph`, the market map of McDonald & Dunbar
(R20): the chain from the supplier, through manufacturers, OEMs, distributors and
dealers, to the end users, with the volume at each junction.

Nodes
    ``kind``: one of :data:`NODE_KINDS`. ``volume_t`` (t/yr): what a supplier puts
    into the map. ``en`` / ``zh``: optional display names.
Edges
    ``kind``: ``'supply'`` (carries volume; the default) or ``'influence'`` (an OEM
    approval or an oil-analysis lab that sways the choice of oil but moves none).
    ``share``: on a supply edge, the fraction (0-1) of the upstream node's outflow
    that goes down this edge. A node's shares may add up to less than 1 (the rest
    leaves the map), never to more. ``channel``: optional, ``'first_fill'`` (初装油,
    oil that arrives in new equipment) or ``'aftermarket'`` (售后换油).

Volumes: the volume of a route = the source's ``volume_t`` x the product of the
shares along the route. A node's outflow is its inflow (plus its own ``volume_t``
when it is a supplier); an edge carries outflow x share. Units are tonnes per year.

>>> g = build_channel_map([("Supplier", "Distributor", 0.6), ("Supplier", "OEM", 0.4),
...                        ("Distributor", "Cement plant", 0.5), ("Distributor", "Mine", 0.5),
...                        ("OEM", "Fleet", 1.0)], source_volumes=1000)
>>> route_volumes(g)  # doctest: +NORMALIZE_WHITESPACE
{('Supplier', 'OEM', 'Fleet'): 400.0, ('Supplier', 'Distributor', 'Cement plant'): 300.0,
 ('Supplier', 'Distributor', 'Mine'): 300.0}
>>> leverage_point(g)
'Distributor'
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping
from numbers import Real

import networkx as nx

from kamlib.models import arguments as check

__all__ = [
    "NODE_KINDS",
    "EDGE_KINDS",
    "CHANNELS",
    "build_channel_map",
    "channel_map_problems",
    "validate_channel_map",
    "edge_table",
    "route_volumes",
    "top_routes",
    "inflows",
    "edge_volumes",
    "leverage_point",
    "segment_volumes",
    "channel_volumes",
    "segment_channel_volumes",
    "supplied_volume",
    "first_fill_share",
    "influencers",
    "compare_maps",
    "random_channel_map",
]

#: The kinds of node a channel map may hold, upstream first.
NODE_KINDS = (
    "supplier",  # 供应商: puts volume_t into the map (the source)
    "manufacturer",  # 制造商: builds our product into its own
    "oem",  # 主机厂: equipment maker; its first fill goes out in new machines
    "distributor",  # 经销商
    "dealer",  # 代理商/服务站: second-tier dealer, OEM service dealer, retailer
    "key_account",  # 直供大客户: the supplier's own direct key-account sales
    "intermediary",  # 中间商: any other stage (what build_channel_map infers)
    "end_user",  # 终端用户: an end-user segment or plant; routes end here
    "influencer",  # 影响者: OEM approvals, oil-analysis labs; no volume
)
EDGE_KINDS = ("supply", "influence")
CHANNELS = ("first_fill", "aftermarket")
_EDGE_KEYS = ("from", "to", "share", "kind", "channel")
_TOL = 1e-9


# --- building ------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and not math.isnan(value)


def edge_records(edges: object) -> list[dict]:
    """Normalise the accepted edge tables to a list of dicts."""
    if hasattr(edges, "columns") and hasattr(edges, "to_dict"):  # a pandas DataFrame
        missing = [c for c in ("from", "to", "share") if c not in edges.columns]
        if missing:
            raise ValueError(
                f"edges DataFrame must have columns from, to, share; missing {', '.join(missing)}"
            )
        records = edges.to_dict("records")
        for record in records:  # NaN (an empty cell) means "no value"
            for key, value in list(record.items()):
                if isinstance(value, float) and math.isnan(value):
                    record[key] = None
        return records
    if isinstance(edges, (str, bytes, Mapping)) or not isinstance(edges, Iterable):
        raise TypeError(
            "edges must be a list of (from, to, share) tuples or dicts, or a DataFrame "
            f"with from/to/share columns; got {type(edges).__name__}"
        )
    records = []
    for i, edge in enumerate(edges, 1):
        if isinstance(edge, Mapping):
            unknown = sorted(set(map(str, edge)) - set(_EDGE_KEYS))
            if unknown or "from" not in edge or "to" not in edge:
                raise ValueError(
                    f"edges[{i - 1}] must have keys from, to and share (optional: kind, "
                    f"channel); got {', '.join(map(str, edge))}"
                )
            records.append(dict(edge))
        elif isinstance(edge, (tuple, list)) and len(edge) in (3, 4):
            record = {"from": edge[0], "to": edge[1], "share": edge[2]}
            if len(edge) == 4:
                if not isinstance(edge[3], Mapping):
                    raise TypeError(f"edges[{i - 1}][3] must be a dict of edge attributes")
                record.update(edge[3])
            records.append(record)
        else:
            raise TypeError(f"edges[{i - 1}] must be a (from, to, share) tuple or a dict, got {edge!r}")
    return records


def _node_records(nodes: object) -> dict[Hashable, dict]:
    if nodes is None:
        return {}
    if isinstance(nodes, Mapping):
        out = {}
        for node, attrs in nodes.items():
            if isinstance(attrs, str):
                out[node] = {"kind": attrs}
            elif isinstance(attrs, Mapping):
                out[node] = dict(attrs)
            else:
                raise TypeError(f"nodes[{node!r}] must be a kind (text) or a dict of attributes")
        return out
    if isinstance(nodes, (str, bytes)) or not isinstance(nodes, Iterable):
        raise TypeError(f"nodes must be a dict node -> kind/attributes or a list of dicts, got {nodes!r}")
    out = {}
    for record in nodes:
        if not isinstance(record, Mapping) or "id" not in record:
            raise TypeError(f"nodes must hold dicts with an 'id' key, got {record!r}")
        attrs = dict(record)
        out[attrs.pop("id")] = attrs
    return out


def build_channel_map(
    edges,
    nodes=None,
    source_volumes: float | Mapping[str, float] | None = None,
    validate: bool = True,
) -> nx.DiGraph:
    """A channel map from an edge table.

    Parameters
    ----------
    edges : list or DataFrame
        ``(from, to, share)`` tuples (a 4th item may be a dict of edge attributes),
        dicts with keys ``from``, ``to``, ``share`` and optionally ``kind``
        (``'supply'`` or ``'influence'``) and ``channel`` (``'first_fill'`` or
        ``'aftermarket'``), or a DataFrame with those columns.
    nodes : dict or list, optional
        Node -> kind, node -> attribute dict, or a list of dicts with an ``id``.
        When given, every node an edge names must be declared here. When omitted,
        kinds are inferred: a node nobody supplies is the ``supplier``, a node that
        supplies nobody an ``end_user``, a node with only influence edges an
        ``influencer``, any other an ``intermediary``.
    source_volumes : number or dict, optional
        Annual volume (t/yr) put in by the source: one number for the only source,
        or supplier -> volume. With a dict and no ``nodes``, its keys are the suppliers.
    validate : bool
        Check the map with :func:`validate_channel_map` (default). ``False`` builds
        whatever the table says, for :func:`channel_map_problems` to report on.

    Examples
    --------
    >>> g = build_channel_map([("S", "D", 0.5), ("D", "Steel", 1.0)], source_volumes=80)
    >>> g.nodes["S"], g.nodes["D"]["kind"], g.edges["S", "D"]
    ({'kind': 'supplier', 'volume_t': 80}, 'intermediary', {'share': 0.5, 'kind': 'supply'})
    >>> build_channel_map([("S", "D", 0.7), ("S", "E", 0.6)])
    Traceback (most recent call last):
    ...
    ValueError: shares out of node S add up to 130 %, over 100 % (S → D 0.7, S → E 0.6)
    """
    records = edge_records(edges)
    declared = _node_records(nodes)
    check.flag(validate, "validate")
    if validate and declared:
        _check_declared(declared, records)
    g = nx.DiGraph()
    for node, attrs in declared.items():
        g.add_node(node, **attrs)
    for i, record in enumerate(records):
        u, v = record.get("from"), record.get("to")
        for end, name in ((u, "from"), (v, "to")):
            if not isinstance(end, str) or not end.strip():
                raise TypeError(f"edges[{i}]: {name!r} must be a node name (non-empty text), got {end!r}")
        if g.has_edge(u, v):
            raise ValueError(f"edges[{i}]: edge {u} → {v} is listed twice")
        attrs = {"share": record.get("share"), "kind": record.get("kind") or "supply"}
        if record.get("channel") is not None:
            attrs["channel"] = record["channel"]
        if attrs["kind"] == "influence" and attrs["share"] is None:
            del attrs["share"]
        g.add_edge(u, v, **attrs)

    sources = _apply_volumes(g, source_volumes, infer=not declared)
    if not declared:
        _infer_kinds(g, sources)
    if validate:
        validate_channel_map(g)
    return g


def _check_declared(declared: dict, records: list[dict]) -> None:
    """Declared nodes have a known kind and cover every node the edges name."""
    for node, attrs in declared.items():
        if attrs.get("kind") not in NODE_KINDS:
            raise ValueError(f"nodes[{check.shown(node)}] must have a kind, one of {', '.join(NODE_KINDS)}; "
                             f"got {check.shown(attrs.get('kind'))}")
    for i, record in enumerate(records):
        for end in (record.get("from"), record.get("to")):
            if isinstance(end, str) and end not in declared:
                raise ValueError(f"nodes must declare every node the edges name; edges[{i}] names "
                                 f"{check.shown(end)}, which nodes does not declare")


def _apply_volumes(g: nx.DiGraph, source_volumes, infer: bool) -> list:
    if source_volumes is None:
        return []
    if isinstance(source_volumes, Mapping):
        for node, volume in source_volumes.items():
            if not isinstance(node, Hashable) or node not in g:
                raise ValueError(f"source_volumes names {check.shown(node)}, which is not a node of the map")
            check.number(volume, f"source_volumes[{check.shown(node)}]", minimum=0, unit="t/yr")
            g.nodes[node]["volume_t"] = volume
        return list(source_volumes)
    if not _is_number(source_volumes):
        raise TypeError("source_volumes must be a number (t/yr) or a dict node -> t/yr, "
                        f"got {check.shown(source_volumes)}")
    check.number(source_volumes, "source_volumes", minimum=0, unit="t/yr")
    if infer:
        candidates = sorted(n for n in g if not any(_is_supply(g, p, n) for p in g.predecessors(n))
                            and any(_is_supply(g, n, s) for s in g.successors(n)))
    else:
        candidates = sorted(n for n, k in g.nodes(data="kind") if k == "supplier")
    if len(candidates) != 1:
        found = ", ".join(map(str, candidates)) or "none"
        raise ValueError(
            f"source_volumes is one number, so the map needs exactly one source; found {found}. "
            "Give a dict source -> t/yr instead."
        )
    g.nodes[candidates[0]]["volume_t"] = source_volumes
    return candidates


def _infer_kinds(g: nx.DiGraph, sources: list) -> None:
    for node in g:
        supplied = any(_is_supply(g, p, node) for p in g.predecessors(node))
        supplies = any(_is_supply(g, node, s) for s in g.successors(node))
        if node in sources or (not sources and not supplied and supplies):
            kind = "supplier"
        elif not supplies and g.out_degree(node) and not g.in_degree(node):
            kind = "influencer"
        elif not supplies:
            kind = "end_user"
        else:
            kind = "intermediary"
        attrs = g.nodes[node]
        ordered = {"kind": kind, **{k: v for k, v in attrs.items() if k != "kind"}}
        attrs.clear()
        attrs.update(ordered)


def adopt_kinds(g: nx.DiGraph, kinds) -> nx.DiGraph:
    """Give the nodes of a map whose kinds were inferred (:func:`build_channel_map` without
    ``nodes``) the kinds ``kinds`` knows them by (name -> kind, e.g. a course map's parties),
    where the map gives them the same role: supplier, reseller or maker in between, end user,
    or influencer. A distributor that still sells on stays a distributor; one that no longer
    does is an end user, as inferred. Changes ``g`` in place and returns it.

    >>> g = build_channel_map([("S", "Donghai", 0.5), ("Donghai", "Steel", 1.0), ("S", "Lab", 0.5)])
    >>> adopt_kinds(g, {"Donghai": "distributor", "Lab": "influencer"}).nodes(data="kind")["Donghai"]
    'distributor'
    >>> g.nodes["Lab"]["kind"]  # it buys oil in this map, so it is not an influencer here
    'end_user'
    """
    g, kinds = check_graph(g), known_kinds(kinds)
    for node, inferred in g.nodes(data="kind"):
        kind = kinds.get(node) if isinstance(node, Hashable) else None
        if kind is not None and _role(kind) == _role(inferred):
            g.nodes[node]["kind"] = kind
    return g


def known_kinds(kinds) -> Mapping:
    """``kinds`` (party name -> kind), checked: each kind one of :data:`NODE_KINDS`."""
    for name, kind in check.mapping(kinds, "kinds", "a dict party name -> kind").items():
        check.one_of(kind, f"kinds[{check.shown(name)}]", NODE_KINDS)
    return kinds


def _role(kind) -> str:
    """What a kind of node does in a map: supplies it, sells on, ends a route, or only influences."""
    return kind if kind in ("supplier", "end_user", "influencer") else "intermediary"


def _is_supply(g: nx.DiGraph, u, v) -> bool:
    return g.edges[u, v].get("kind", "supply") == "supply"


# --- checking ------------------------------------------------------------------------------


def check_graph(g: object, name: str = "g") -> nx.DiGraph:
    if not isinstance(g, nx.DiGraph) or g.is_multigraph():
        raise TypeError(f"{name} must be a channel map (a networkx DiGraph), got {type(g).__name__}")
    return g


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def channel_map_problems(g: nx.DiGraph) -> list[str]:
    """Everything wrong with a channel map, one message per problem; [] when sound.

    Never raises on a bad map (a widget shows the list while the trainee types);
    raises TypeError only when ``g`` is not a DiGraph.

    Examples
    --------
    >>> g = build_channel_map([("S", "D", 0.8), ("D", "E", 1.0), ("E", "D", 0.5),
    ...                        ("X", "E", 0.3)], nodes={"S": "supplier", "D": "distributor",
    ...                        "E": "dealer", "X": "dealer"}, validate=False)
    >>> for problem in channel_map_problems(g):
    ...     print(problem)
    loop D → E → D: volume would go round for ever
    node X is an orphan: nobody supplies it (no supply edge goes into it)
    """
    g = check_graph(g)
    problems: list[str] = []
    if g.number_of_nodes() == 0:
        return ["the map is empty: add edges from, to, share"]
    kinds = ", ".join(NODE_KINDS)
    unknown = set()
    for node in sorted(g, key=str):
        attrs = g.nodes[node]
        kind = attrs.get("kind")
        if kind is None:
            unknown.add(node)
            via = [f"{u} → {node}" for u in sorted(g.predecessors(node), key=str)]
            via += [f"{node} → {v}" for v in sorted(g.successors(node), key=str)]
            where = f" (edge {via[0]})" if via else ""
            problems.append(f"edge to unknown node {node}{where}: declare it with a kind, one of {kinds}"
                            if via else f"node {node} has no kind; give it one of {kinds}")
        elif kind not in NODE_KINDS:
            problems.append(f"node {node} has unknown kind {kind!r}; accepted: {kinds}")
        if "volume_t" in attrs:
            volume = attrs["volume_t"]
            if not _is_number(volume) or volume < 0:
                problems.append(f"volume_t of node {node} must be a number >= 0 (t/yr), got {volume!r}")
    if not any(k == "supplier" for _, k in g.nodes(data="kind")):
        problems.append("the map has no supplier (a node of kind 'supplier' where volume starts)")

    supply = nx.DiGraph()
    supply.add_nodes_from(g)
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        kind = attrs.get("kind", "supply")
        if kind not in EDGE_KINDS:
            problems.append(f"edge {u} → {v} has unknown kind {kind!r}; accepted: supply, influence")
            continue
        channel = attrs.get("channel")
        if channel is not None and channel not in CHANNELS:
            problems.append(f"channel on edge {u} → {v} must be 'first_fill' or 'aftermarket', got {channel!r}")
        if kind == "influence":
            continue
        share = attrs.get("share")
        if share is None:
            problems.append(f"edge {u} → {v} has no share (a fraction 0-1 of what {u} sends on)")
        elif not _is_number(share) or not 0 <= share <= 1:
            problems.append(f"share on edge {u} → {v} must be a number from 0 to 1, got {share!r}")
        for end in (u, v):
            if g.nodes[end].get("kind") == "influencer":
                problems.append(
                    f"edge {u} → {v} is a supply edge, but influencer {end} moves no volume: "
                    "make it kind 'influence'"
                )
        supply.add_edge(u, v, share=share)

    for node in sorted(supply, key=str):
        out = [(v, s) for v, s in supply[node].items() if _is_number(s["share"])]
        total = sum(s["share"] for _, s in out)
        if total > 1 + _TOL:
            listed = ", ".join(f"{node} → {v} {_fmt(s['share'])}" for v, s in sorted(out, key=lambda x: str(x[0])))
            problems.append(f"shares out of node {node} add up to {_fmt(100 * total)} %, over 100 % ({listed})")

    for component in sorted(nx.strongly_connected_components(supply), key=lambda c: sorted(map(str, c))):
        start = min(component, key=str)
        if len(component) > 1 or supply.has_edge(start, start):
            cycle = nx.find_cycle(supply.subgraph(component), source=start)
            path = " → ".join(str(u) for u, _ in cycle) + f" → {cycle[0][0]}"
            problems.append(f"loop {path}: volume would go round for ever")

    for node in sorted(g, key=str):
        kind = g.nodes[node].get("kind")
        if node in unknown or kind in ("supplier", "influencer"):
            continue
        if supply.in_degree(node) == 0:
            problems.append(f"node {node} is an orphan: nobody supplies it (no supply edge goes into it)")
    return problems


def validate_channel_map(g: nx.DiGraph) -> nx.DiGraph:
    """Check a channel map; raise ValueError naming the first bad node or edge.

    Checks: known node kinds, declared nodes, numeric shares 0-1 on supply edges,
    shares out of a node at most 100 %, no loop, no orphan (a node nobody supplies),
    volumes >= 0. Returns ``g`` so calls can be chained.

    Examples
    --------
    >>> g = build_channel_map([("S", "D", 1.0), ("D", "S", 1.0)], nodes={"S": "supplier",
    ...                       "D": "distributor"}, validate=False)
    >>> validate_channel_map(g)
    Traceback (most recent call last):
    ...
    ValueError: loop D → S → D: volume would go round for ever
    """
    problems = channel_map_problems(g)
    if problems:
        more = f" (and {len(problems) - 1} more: see channel_map_problems)" if len(problems) > 1 else ""
        raise ValueError(problems[0] + more)
    return g


def edge_table(g: nx.DiGraph) -> list[dict]:
    """The map's edges as rows ``{from, to, share, kind, channel}`` (for display or a DataFrame).

    >>> edge_table(build_channel_map([("S", "E", 1.0)]))
    [{'from': 'S', 'to': 'E', 'share': 1.0, 'kind': 'supply', 'channel': None}]
    """
    g = check_graph(g)
    return [
        {"from": u, "to": v, "share": a.get("share"), "kind": a.get("kind", "supply"),
         "channel": a.get("channel")}
        for u, v, a in g.edges(data=True)
    ]


# --- volumes -------------------------------------------------------------------------------


def _sources(g: nx.DiGraph, source) -> list:
    if source is None:
        sources = sorted((n for n, k in g.nodes(data="kind") if k == "supplier"), key=str)
    elif source not in g:
        raise ValueError(f"source {source!r} is not a node of the map")
    else:
        sources = [source]
    for node in sources:
        if "volume_t" not in g.nodes[node]:
            raise ValueError(f"source {node} has no volume_t (t/yr): give source_volumes to build_channel_map")
    return sources


def _supply_successors(g: nx.DiGraph, node) -> list:
    return sorted((v for v in g.successors(node) if _is_supply(g, node, v)), key=str)


def _is_end(g: nx.DiGraph, node) -> bool:
    return g.nodes[node].get("kind") not in ("supplier", "influencer") and not _supply_successors(g, node)


def route_volumes(g: nx.DiGraph, source=None) -> dict[tuple, float]:
    """Volume (t/yr) of every route from the source to an end node, largest first.

    A route follows supply edges from a supplier to a node that supplies nobody;
    its volume is the source's ``volume_t`` x the product of the shares along it.
    ``source=None`` takes every supplier. Ties are ordered by the route's names.

    Examples
    --------
    >>> g = build_channel_map([("S", "D", 0.5), ("S", "Mine", 0.5), ("D", "Mine", 0.4),
    ...                        ("D", "Mill", 0.6)], source_volumes=100)
    >>> route_volumes(g)
    {('S', 'Mine'): 50.0, ('S', 'D', 'Mill'): 30.0, ('S', 'D', 'Mine'): 20.0}
    """
    g = validate_channel_map(check_graph(g))
    routes: dict[tuple, float] = {}
    for start in _sources(g, source):
        stack = [((start,), float(g.nodes[start]["volume_t"]))]
        while stack:
            path, volume = stack.pop()
            nexts = _supply_successors(g, path[-1])
            if not nexts:
                if len(path) > 1:
                    routes[path] = routes.get(path, 0.0) + volume
                continue
            for v in nexts:
                stack.append((path + (v,), volume * g.edges[path[-1], v]["share"]))
    return dict(sorted(routes.items(), key=lambda kv: (-kv[1], tuple(map(str, kv[0])))))


def top_routes(g: nx.DiGraph, n: int = 3, source=None) -> list[tuple[tuple, float]]:
    """The ``n`` routes with the most volume, as ``(route, t/yr)`` pairs, largest first.

    >>> g = build_channel_map([("S", "A", 0.7), ("S", "B", 0.3)], source_volumes=10)
    >>> top_routes(g, 1)
    [(('S', 'A'), 7.0)]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number >= 1, got {n!r}")
    return list(route_volumes(g, source).items())[:n]


def _throughput(g: nx.DiGraph) -> tuple[dict, dict]:
    """(inflow per node, volume per supply edge), by topological order."""
    g = validate_channel_map(check_graph(g))
    sources = set(_sources(g, None))
    inflow = {node: 0.0 for node in g}
    on_edge = {}
    supply = g.edge_subgraph([(u, v) for u, v in g.edges if _is_supply(g, u, v)])
    order = [n for n in nx.topological_sort(supply)]
    for node in order:
        out = inflow[node] + (float(g.nodes[node]["volume_t"]) if node in sources else 0.0)
        for v in supply.successors(node):
            volume = out * g.edges[node, v]["share"]
            on_edge[node, v] = volume
            inflow[v] += volume
    return inflow, on_edge


def inflows(g: nx.DiGraph) -> dict:
    """Volume (t/yr) flowing into each node over supply edges; 0 for sources and influencers.

    >>> g = build_channel_map([("S", "D", 0.5), ("S", "Mine", 0.5), ("D", "Mine", 0.4),
    ...                        ("D", "Mill", 0.6)], source_volumes=100)
    >>> inflows(g)
    {'S': 0.0, 'D': 50.0, 'Mine': 70.0, 'Mill': 30.0}
    """
    return _throughput(g)[0]


def edge_volumes(g: nx.DiGraph) -> dict[tuple, float]:
    """Volume (t/yr) carried by each supply edge: the upstream node's outflow x share.

    >>> g = build_channel_map([("S", "D", 0.5), ("D", "Mill", 1.0)], source_volumes=100)
    >>> edge_volumes(g)
    {('S', 'D'): 50.0, ('D', 'Mill'): 50.0}
    """
    return _throughput(g)[1]


def leverage_point(g: nx.DiGraph):
    """The node with the largest inflow, sources excluded; ties go to the first name.

    McDonald's market map marks leverage points (杠杆点): the junctions where the most
    volume passes, so where a decision about our product moves the most tonnes.

    >>> g = build_channel_map([("S", "D", 0.5), ("S", "Mine", 0.5), ("D", "Mine", 0.4),
    ...                        ("D", "Mill", 0.6)], source_volumes=100)
    >>> leverage_point(g)
    'Mine'
    """
    flow = inflows(g)
    candidates = [n for n in flow if g.nodes[n].get("kind") not in ("supplier", "influencer")]
    if not candidates:
        raise ValueError("the map has no node besides its sources, so no leverage point")
    return min(candidates, key=lambda n: (-flow[n], str(n)))


def segment_volumes(g: nx.DiGraph) -> dict:
    """Volume (t/yr) reaching each end node (a node that supplies nobody), largest first.

    >>> g = build_channel_map([("S", "D", 0.5), ("S", "Mine", 0.5), ("D", "Mine", 0.4),
    ...                        ("D", "Mill", 0.6)], source_volumes=100)
    >>> segment_volumes(g)
    {'Mine': 70.0, 'Mill': 30.0}
    """
    flow = inflows(g)
    ends = [n for n in g if _is_end(g, n)]
    return {n: flow[n] for n in sorted(ends, key=lambda n: (-flow[n], str(n)))}


def _route_channel(g: nx.DiGraph, route: tuple) -> str:
    for u, v in reversed(list(zip(route, route[1:], strict=False))):
        channel = g.edges[u, v].get("channel")
        if channel is not None:
            return channel
    return "aftermarket"


def channel_volumes(g: nx.DiGraph) -> dict[str, float]:
    """End volume (t/yr) split into ``'first_fill'`` (初装油) and ``'aftermarket'`` (售后换油).

    A route's channel is the ``channel`` of the edge *nearest the end user* that has
    one: oil an OEM fills into new machines is first fill, but the OEM's "genuine
    oil" resold through its service dealers (an edge marked ``'aftermarket'``
    further down) is aftermarket. A route with no marked edge is aftermarket.

    >>> g = build_channel_map([
    ...     {"from": "S", "to": "OEM", "share": 0.4, "channel": "first_fill"},
    ...     {"from": "S", "to": "Fleet", "share": 0.6},
    ...     {"from": "OEM", "to": "Fleet", "share": 0.75},
    ...     {"from": "OEM", "to": "Dealer", "share": 0.25, "channel": "aftermarket"},
    ...     {"from": "Dealer", "to": "Fleet", "share": 1.0}], source_volumes=100)
    >>> channel_volumes(g)
    {'first_fill': 30.0, 'aftermarket': 70.0}
    """
    totals = {"first_fill": 0.0, "aftermarket": 0.0}
    for route, volume in route_volumes(g).items():
        totals[_route_channel(g, route)] += volume
    return totals


def segment_channel_volumes(g: nx.DiGraph) -> dict:
    """Volume (t/yr) reaching each end node, split by channel as in :func:`channel_volumes`:
    ``{end: {'first_fill': t, 'aftermarket': t}}``, largest end first.

    >>> g = build_channel_map([
    ...     {"from": "S", "to": "OEM", "share": 0.4, "channel": "first_fill"},
    ...     {"from": "S", "to": "Fleet", "share": 0.6},
    ...     {"from": "OEM", "to": "Fleet", "share": 1.0}], source_volumes=100)
    >>> segment_channel_volumes(g)
    {'Fleet': {'first_fill': 40.0, 'aftermarket': 60.0}}
    """
    split = {end: {"first_fill": 0.0, "aftermarket": 0.0} for end in segment_volumes(g)}
    for route, volume in route_volumes(g).items():
        split[route[-1]][_route_channel(g, route)] += volume
    return split


def supplied_volume(g: nx.DiGraph) -> float:
    """What the map's suppliers put in (t/yr): the sum of their ``volume_t``.

    >>> supplied_volume(build_channel_map([("S", "D", 1.0)], source_volumes=250))
    250.0
    """
    g = check_graph(g)
    return float(sum(a.get("volume_t") or 0.0 for _, a in g.nodes(data=True) if a.get("kind") == "supplier"))


def first_fill_share(g: nx.DiGraph) -> float:
    """Fraction (0-1) of the volume reaching end users that is first fill.

    first fill / (first fill + aftermarket), with routes classed as in
    :func:`channel_volumes`; 0.0 when no volume reaches an end user.

    >>> g = build_channel_map([{"from": "S", "to": "OEM", "share": 0.25, "channel": "first_fill"},
    ...                        {"from": "S", "to": "Fleet", "share": 0.75},
    ...                        {"from": "OEM", "to": "Fleet", "share": 1.0}], source_volumes=100)
    >>> first_fill_share(g)
    0.25
    """
    volumes = channel_volumes(g)
    total = volumes["first_fill"] + volumes["aftermarket"]
    return volumes["first_fill"] / total if total else 0.0


def influencers(g: nx.DiGraph) -> dict:
    """Each node with influence edges -> the nodes it influences (sorted by name).

    >>> g = build_channel_map([("S", "Fleet", 1.0),
    ...                        {"from": "Lab", "to": "Fleet", "kind": "influence"}])
    >>> influencers(g)
    {'Lab': ['Fleet']}
    """
    g = check_graph(g)
    found: dict = {}
    for u, v, kind in g.edges(data="kind"):
        if kind == "influence":
            found.setdefault(u, []).append(v)
    return {u: sorted(found[u], key=str) for u in sorted(found, key=str)}


# --- comparing a trainee's map with the expected one ---------------------------------------


def compare_maps(
    expected: nx.DiGraph,
    got: object,
    tolerance: float = 1e-6,
    limit: int | None = 10,
) -> list[str]:
    """How ``got`` differs from ``expected``, one message per difference; [] when equal.

    Messages name the missing, unexpected or wrong node or edge, never the expected
    value, so a checker can show them to a trainee. Only attributes the expected map
    has are compared: node ``kind`` and ``volume_t``; edge ``kind``, ``share`` and
    ``channel`` (an edge without ``kind`` is a supply edge). At most ``limit``
    messages (``None``: all), the last saying how many more there are.

    Examples
    --------
    >>> expected = build_channel_map([("Supplier", "Distributor", 0.6), ("Supplier", "OEM", 0.4),
    ...                               ("Distributor", "Cement plant", 1.0), ("OEM", "Dealer", 1.0)])
    >>> got = build_channel_map([("Supplier", "Distributor", 0.6), ("Supplier", "OEM", 0.3),
    ...                          ("OEM", "Dealer", 1.0), ("Distributor", "Mine", 1.0)])
    >>> for message in compare_maps(expected, got):
    ...     print(message)
    node Cement plant is missing
    unexpected node Mine
    edge Distributor → Cement plant is missing
    unexpected edge Distributor → Mine
    share on edge Supplier → OEM is wrong
    >>> compare_maps(expected, expected.copy())
    []
    """
    expected = check_graph(expected, "expected")
    check.number(tolerance, "tolerance", minimum=0)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number >= 1 or None, got {limit!r}")
    if not isinstance(got, nx.DiGraph) or got.is_multigraph():
        return [f"expected a channel map (a networkx DiGraph), got {type(got).__name__}"]

    def names(items):
        return sorted(items, key=lambda x: tuple(map(str, x)) if isinstance(x, tuple) else (str(x),))

    messages = [f"node {n} is missing" for n in names(set(expected) - set(got))]
    messages += [f"unexpected node {n}" for n in names(set(got) - set(expected))]
    for node in names(set(expected) & set(got)):
        for key in ("kind", "volume_t"):
            if key in expected.nodes[node]:
                messages += _attr_message(expected.nodes[node][key], got.nodes[node].get(key),
                                          f"{key} of node {node}", tolerance)
    want, have = set(expected.edges), set(got.edges)
    messages += [f"edge {u} → {v} is missing" for u, v in names(want - have)]
    messages += [f"unexpected edge {u} → {v}" for u, v in names(have - want)]
    for u, v in names(want & have):
        e, o = expected.edges[u, v], got.edges[u, v]
        if e.get("kind", "supply") != o.get("kind", "supply"):
            messages.append(f"kind of edge {u} → {v} is wrong (supply or influence?)")
            continue
        for key in ("share", "channel"):
            if key in e and e[key] is not None:
                messages += _attr_message(e[key], o.get(key), f"{key} on edge {u} → {v}", tolerance)
    if limit is not None and len(messages) > limit:
        extra = len(messages) - (limit - 1)
        messages = messages[: limit - 1] + [f"… and {extra} more differences"]
    return messages


def _attr_message(want, have, what: str, tolerance: float) -> list[str]:
    if have is None:
        return [f"{what} is missing"]
    if _is_number(want):
        if not _is_number(have):
            return [f"{what} should be a number, got {type(have).__name__}"]
        return [] if math.isclose(want, have, rel_tol=tolerance, abs_tol=tolerance) else [f"{what} is wrong"]
    return [] if type(have) is type(want) and have == want else [f"{what} is wrong"]


# --- made-up maps (for tests and practice) --------------------------------------------------


def random_channel_map(
    seed: int | random.Random = 0,
    n_middle: tuple[int, int] = (2, 4),
    n_ends: tuple[int, int] = (3, 6),
    conserve: bool = True,
    volume_t: float | None = None,
) -> nx.DiGraph:
    """A small random lubricant channel map, the same for the same seed.

    Supplier -> OEMs, distributors and direct sales -> (dealers) -> end-user
    segments, shares in whole percent; OEM edges into end users are first fill;
    sometimes an influencer. With ``conserve=True`` every non-end node's shares add
    up to exactly 1, so all the volume reaches end users. Meant for property tests
    and practice maps.

    Examples
    --------
    >>> g = random_channel_map(7)
    >>> channel_map_problems(g)
    []
    >>> round(sum(segment_volumes(g).values()), 6) == g.nodes["Supplier"]["volume_t"]
    True
    >>> nx.utils.graphs_equal(g, random_channel_map(7))
    True
    """
    if not isinstance(seed, random.Random):
        check.whole_number(seed, "seed")
    for name, pair in (("n_middle", n_middle), ("n_ends", n_ends)):
        low_high = check.items(pair, name, "a (fewest, most) pair of whole numbers")
        if len(low_high) != 2:
            raise ValueError(f"{name} must be a (fewest, most) pair of whole numbers, got {check.shown(pair)}")
        for value in low_high:
            check.whole_number(value, name, minimum=1, maximum=9)
        if low_high[0] > low_high[1]:
            raise ValueError(f"{name} must be (fewest, most) with fewest <= most, got {check.shown(pair)}")
    check.flag(conserve, "conserve")
    check.number(volume_t, "volume_t", minimum=0, optional=True, unit="t/yr")
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    segments = ["Steel", "Cement", "Mining", "Fleets", "Wind", "Food", "Paper", "Power", "Marine"]
    middles = [("OEM", "oem"), ("Distributor", "distributor"), ("Direct KA", "key_account")]
    volume = volume_t if volume_t is not None else float(rng.randrange(5, 81) * 500)
    g = nx.DiGraph()
    g.add_node("Supplier", kind="supplier", volume_t=volume)
    ends = rng.sample(segments, rng.randint(*n_ends))
    for end in ends:
        g.add_node(end, kind="end_user")
    count = rng.randint(*n_middle)
    mids = []
    for i in range(count):
        stem, kind = middles[i % len(middles)] if i < len(middles) else rng.choice(middles)
        name = f"{stem} {i + 1}"
        g.add_node(name, kind=kind)
        mids.append(name)
    dealer = None
    if rng.random() < 0.6:
        dealer = "Dealer"
        g.add_node(dealer, kind="dealer")

    def split(n: int) -> list[float]:
        if n == 1:
            return [1.0] if conserve else [rng.randint(50, 100) / 100]
        total = 100 if conserve else rng.randint(60, 100)
        cuts = sorted(rng.sample(range(1, total), n - 1))
        return [(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, total], strict=True)]

    def connect(u, targets, channel=None):
        for v, share in zip(targets, split(len(targets)), strict=True):
            attrs = {"share": share, "kind": "supply"}
            if channel:
                attrs["channel"] = channel
            g.add_edge(u, v, **attrs)

    connect("Supplier", mids)
    fed = set()
    for mid in mids:
        targets = rng.sample(ends, rng.randint(1, min(3, len(ends))))
        if dealer and mid == mids[-1]:
            targets.append(dealer)
        fed.update(targets)
        first_fill = g.nodes[mid]["kind"] == "oem"
        connect(mid, targets, "first_fill" if first_fill else None)
        if first_fill and dealer in targets:
            g.edges[mid, dealer]["channel"] = "aftermarket"
    unfed = [e for e in ends if e not in fed]
    if dealer:
        connect(dealer, unfed or [rng.choice(ends)])
    elif unfed:
        # give the unfed segments to the last middle node, re-splitting its shares
        targets = list(g.successors(mids[-1])) + unfed
        g.remove_edges_from([(mids[-1], v) for v in list(g.successors(mids[-1]))])
        connect(mids[-1], targets)
    if rng.random() < 0.5:
        g.add_node("Oil lab", kind="influencer")
        for v in rng.sample(ends, min(2, len(ends))):
            g.add_edge("Oil lab", v, kind="influence")
    return g
