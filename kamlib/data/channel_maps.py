"""Product channel maps (产品通路图) as data: the lecture's map, the running case's
lubricant map, validated when loaded.

``channel_maps.yaml`` holds them (exercise 09 draws each trainee's own region map in
:mod:`kamlib.checks.ex09_channel_maps`; nothing graded lives here). Each load returns a fresh
:class:`networkx.DiGraph` (see :mod:`kamlib.models.channel_maps` for its attributes);
the map's title and note (each a :class:`~kamlib.text.Text`) and its ``illustrative`` flag
are in ``g.graph``.

>>> list_channel_maps()
['lecture', 'running_case']
>>> g = load_channel_map("running_case")
>>> g.graph["illustrative"], g.nodes["harbourlight"]["volume_t"]
(True, 36000)
>>> g.nodes["steel"]["en"], g.nodes["steel"]["zh"]
('Steel', '钢铁')
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kamlib.data.lubricant_industry import load_sectors
from kamlib.data.schema import (
    LINE,
    DataError,
    at_line,
    bilingual,
    boolean,
    check,
    choice,
    data_path,
    existing_file,
    field,
    items,
    number,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.channel_maps import (
    CHANNELS,
    EDGE_KINDS,
    NODE_KINDS,
    build_channel_map,
    channel_map_problems,
)

__all__ = ["CHANNEL_MAP_FILES", "list_channel_maps", "load_channel_map", "read_channel_maps"]

CHANNEL_MAP_FILES = ("channel_maps.yaml",)
_MAP_KEYS = ("title", "illustrative", "note", "nodes", "edges")
_NODE_KEYS = ("id", "kind", "en", "zh", "volume_t", "sector")
_EDGE_KEYS = ("from", "to", "share", "kind", "channel")


def _node(record, name: str, source: str, seen: set) -> tuple[str, dict]:
    at = f"{at_line(source, record)}, map {name!r}"
    require_keys(record, ("id", "kind"), f"{at}, node", optional=_NODE_KEYS)
    node = field(record, "id", text(), f"{at}, node")
    at = f"{at}, node {node!r}"
    unique(node, seen, f"{at}, key 'id'", "node id")
    attrs = {k: v for k, v in record.items() if k not in ("id", LINE)}
    attrs["kind"] = field(record, "kind", choice(NODE_KINDS), at)
    if "volume_t" in record:
        attrs["volume_t"] = field(record, "volume_t", number(minimum=0, unit="t/yr"), at)
    elif attrs["kind"] == "supplier":
        raise DataError(f"{at}, key 'volume_t': a supplier needs its volume (t/yr)")
    if "sector" in record:
        sector = load_sectors()[field(record, "sector", choice(load_sectors()), at)]
        attrs.setdefault("en", sector.name.en)
        attrs.setdefault("zh", sector.name.zh)
    if "en" not in attrs or "zh" not in attrs:
        raise DataError(f"{at}: needs names en and zh (or a sector id to take them from)")
    bilingual({"en": attrs["en"], "zh": attrs["zh"]}, f"{at}, keys 'en' and 'zh'")
    return node, attrs


def _edge(record, name: str, source: str, nodes: dict, seen: set) -> dict:
    at = f"{at_line(source, record)}, map {name!r}"
    require_keys(record, ("from", "to"), f"{at}, edge", optional=_EDGE_KEYS)
    u, v = record["from"], record["to"]
    at = f"{at}, edge {u} → {v}"
    for end, key in ((u, "from"), (v, "to")):
        if end not in nodes:
            raise DataError(f"{at}, key {key!r}: unknown node {end!r} (not among the map's nodes)")
    if (u, v) in seen:
        raise DataError(f"{at}: edge listed twice")
    seen.add((u, v))
    edge = {k: val for k, val in record.items() if k != LINE}
    edge["kind"] = check(record.get("kind", "supply"), choice(EDGE_KINDS, "supply or influence"),
                         f"{at}, key 'kind'")
    if edge["kind"] == "supply":
        edge["share"] = field(record, "share", number(0, 1), at)
    elif record.get("share") is not None:
        raise DataError(f"{at}, key 'share': an influence edge carries no volume, so no share")
    if record.get("channel") is not None:
        edge["channel"] = field(record, "channel", choice(CHANNELS, "first_fill or aftermarket"), at)
    return edge


def _parse_map(name: str, raw, source: str):
    where = f"{at_line(source, raw)}, map {name!r}"
    require_keys(raw, _MAP_KEYS, where)
    title = bilingual(raw["title"], f"{where}, key 'title'")
    nodes, seen = {}, set()
    for record in items(raw["nodes"], f"{where}, key 'nodes'", "nodes"):
        node, attrs = _node(record, name, source, seen)
        nodes[node] = attrs
    edges, pairs = [], set()
    for record in items(raw["edges"], f"{where}, key 'edges'", "edges"):
        edges.append(_edge(record, name, source, nodes, pairs))
    g = build_channel_map(edges, nodes=nodes, validate=False)
    problems = channel_map_problems(g)
    if problems:
        raise DataError(f"{where}: {problems[0]}")
    g.graph.update(
        name=name,
        title=title,
        illustrative=field(raw, "illustrative", boolean(), where),
        note=bilingual(raw["note"], f"{where}, key 'note'", zh_required=False, plain=True),
        unit="t/yr",
    )
    return g


def read_channel_maps(path: str | Path) -> dict:
    """Read and validate a channel-map YAML file: map name -> DiGraph.

    Every error is a :class:`~kamlib.data.schema.DataError` naming the file, the
    line, the map and the node or edge.
    """
    path = existing_file(path, "channel-map YAML")
    raw = read_yaml(path, lines=True)
    if not isinstance(raw, dict) or not (set(raw) - {LINE}):
        raise DataError(f"{path.name}: expected a mapping of map name -> map")
    return {name: _parse_map(name, body, path.name) for name, body in raw.items() if name != LINE}


@cache
def _maps(filename: str) -> dict:
    return read_channel_maps(data_path(filename))


def list_channel_maps() -> list[str]:
    """Names of the course's channel maps.

    >>> list_channel_maps()
    ['lecture', 'running_case']
    """
    return [name for filename in CHANNEL_MAP_FILES for name in _maps(filename)]


def load_channel_map(name: str):
    """The channel map ``name`` as a fresh networkx DiGraph (safe to change).

    Examples
    --------
    >>> from kamlib.models.channel_maps import leverage_point, top_routes
    >>> g = load_channel_map("running_case")
    >>> leverage_point(g)
    'dist_east'
    >>> top_routes(g, 1)
    [(('harbourlight', 'ka_direct', 'steel'), 3150.0)]
    >>> load_channel_map("nowhere")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of lecture, running_case; got 'nowhere'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a channel map's name (text), got {type(name).__name__}")
    for filename in CHANNEL_MAP_FILES:
        maps = _maps(filename)
        if name in maps:
            return maps[name].copy()
    names = ", ".join(list_channel_maps())
    shown = name if len(name) <= 60 else name[:57] + "..."
    raise ValueError(f"name must be one of {names}; got {shown!r}")
