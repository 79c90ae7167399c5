"""Product channel maps (产品通路图) as data: the lecture's map, the running case's
lubricant map and small hidden-test maps, validated when loaded.

``channel_maps.yaml`` holds the maps a trainee sees; ``channel_maps_hidden.yaml``
holds maps for an exercise's hidden tests. Each load returns a fresh
:class:`networkx.DiGraph` (see :mod:`kamlib.models.channels` for its attributes);
the map's title, note and ``illustrative`` flag are in ``g.graph``.

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

from kamlib.data import data_path, load_sectors
from kamlib.data.schema import DataError

__all__ = [
    "CHANNEL_MAP_FILES",
    "list_channel_maps",
    "load_channel_map",
    "read_channel_maps",
    "lecture_channel_map",
    "running_case_channel_map",
]

CHANNEL_MAP_FILES = ("channel_maps.yaml", "channel_maps_hidden.yaml")
_MAP_KEYS = ("title", "illustrative", "note", "nodes", "edges")
_NODE_KEYS = ("id", "kind", "en", "zh", "volume_t", "sector")
_EDGE_KEYS = ("from", "to", "share", "kind", "channel")
_LINE = "__line__"


def _yaml_with_lines(path: Path):
    """Parse YAML, recording each mapping's line under ``__line__``."""
    import yaml

    class LineLoader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        value = loader.construct_mapping(node, deep=deep)
        value[_LINE] = node.start_mark.line + 1
        return value

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise DataError(f"{path.name}{where}: not valid YAML ({err})") from None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _check_keys(record, keys, required, where: str) -> dict:
    if not isinstance(record, dict):
        raise DataError(f"{where}: expected a mapping, got {type(record).__name__}")
    present = set(record) - {_LINE}
    missing = [k for k in required if k not in present]
    unknown = sorted(present - set(keys))
    if missing or unknown:
        raise DataError(f"{where}: missing keys {missing or 'none'}, unknown keys {unknown or 'none'}")
    return record


def _parse_map(name: str, raw, source: str):
    from kamlib.models.channels import (
        CHANNELS,
        EDGE_KINDS,
        NODE_KINDS,
        build_channel_map,
        channel_map_problems,
    )

    where = f"{source}, line {raw.get(_LINE, '?') if isinstance(raw, dict) else '?'}, map {name!r}"
    _check_keys(raw, _MAP_KEYS, _MAP_KEYS, where)
    title = raw["title"]
    if not isinstance(title, dict) or set(title) - {_LINE} != {"en", "zh"}:
        raise DataError(f"{where}, key 'title': expected {{en: ..., zh: ...}}")
    if not isinstance(raw["illustrative"], bool):
        raise DataError(f"{where}, key 'illustrative': expected true or false")
    sectors = load_sectors()

    nodes = {}
    if not isinstance(raw["nodes"], list) or not raw["nodes"]:
        raise DataError(f"{where}, key 'nodes': expected a non-empty list of nodes")
    for record in raw["nodes"]:
        at = f"{source}, line {record.get(_LINE, '?') if isinstance(record, dict) else '?'}"
        _check_keys(record, _NODE_KEYS, ("id", "kind"), f"{at}, map {name!r}, node")
        node = record["id"]
        at = f"{at}, map {name!r}, node {node!r}"
        if not isinstance(node, str) or not node.strip():
            raise DataError(f"{at}, column 'id': expected non-empty text")
        if node in nodes:
            raise DataError(f"{at}, column 'id': duplicate node id")
        if record["kind"] not in NODE_KINDS:
            raise DataError(f"{at}, column 'kind': expected one of {', '.join(NODE_KINDS)}, got {record['kind']!r}")
        if "volume_t" in record and (not _is_number(record["volume_t"]) or record["volume_t"] < 0):
            raise DataError(f"{at}, column 'volume_t': expected a number >= 0 (t/yr), got {record['volume_t']!r}")
        if record["kind"] == "supplier" and "volume_t" not in record:
            raise DataError(f"{at}, column 'volume_t': a supplier needs its volume (t/yr)")
        attrs = {k: v for k, v in record.items() if k not in ("id", _LINE)}
        if "sector" in record:
            if record["sector"] not in sectors:
                raise DataError(f"{at}, column 'sector': expected one of {', '.join(sectors)}, got {record['sector']!r}")
            attrs.setdefault("en", sectors[record["sector"]]["en"])
            attrs.setdefault("zh", sectors[record["sector"]]["zh"])
        if "en" not in attrs or "zh" not in attrs:
            raise DataError(f"{at}: needs names en and zh (or a sector id to take them from)")
        nodes[node] = attrs

    edges = []
    if not isinstance(raw["edges"], list) or not raw["edges"]:
        raise DataError(f"{where}, key 'edges': expected a non-empty list of edges")
    seen = set()
    for record in raw["edges"]:
        at = f"{source}, line {record.get(_LINE, '?') if isinstance(record, dict) else '?'}, map {name!r}"
        _check_keys(record, _EDGE_KEYS, ("from", "to"), f"{at}, edge")
        u, v = record["from"], record["to"]
        at = f"{at}, edge {u} → {v}"
        for end, column in ((u, "from"), (v, "to")):
            if end not in nodes:
                raise DataError(f"{at}, column {column!r}: unknown node {end!r} (not among the map's nodes)")
        if (u, v) in seen:
            raise DataError(f"{at}: edge listed twice")
        seen.add((u, v))
        kind = record.get("kind", "supply")
        if kind not in EDGE_KINDS:
            raise DataError(f"{at}, column 'kind': expected supply or influence, got {kind!r}")
        share = record.get("share")
        if kind == "supply" and (not _is_number(share) or not 0 <= share <= 1):
            raise DataError(f"{at}, column 'share': expected a number from 0 to 1, got {share!r}")
        if kind == "influence" and share is not None:
            raise DataError(f"{at}, column 'share': an influence edge carries no volume, so no share")
        if record.get("channel") is not None and record["channel"] not in CHANNELS:
            raise DataError(f"{at}, column 'channel': expected first_fill or aftermarket, got {record['channel']!r}")
        edges.append({k: val for k, val in record.items() if k != _LINE})

    g = build_channel_map(edges, nodes=nodes, validate=False)
    problems = channel_map_problems(g)
    if problems:
        raise DataError(f"{where}: {problems[0]}")
    g.graph.update(
        name=name,
        title={"en": title["en"], "zh": title["zh"]},
        illustrative=raw["illustrative"],
        note=raw["note"],
        unit="t/yr",
    )
    return g


def read_channel_maps(path: str | Path) -> dict:
    """Read and validate a channel-map YAML file: map name -> DiGraph.

    Every error is a :class:`~kamlib.data.schema.DataError` naming the file, the
    line, the map and the node or edge.
    """
    path = Path(path)
    raw = _yaml_with_lines(path)
    if not isinstance(raw, dict) or not (set(raw) - {_LINE}):
        raise DataError(f"{path.name}: expected a mapping of map name -> map")
    return {name: _parse_map(name, body, path.name) for name, body in raw.items() if name != _LINE}


@cache
def _maps(filename: str) -> dict:
    return read_channel_maps(data_path(filename))


def list_channel_maps(hidden: bool = False) -> list[str]:
    """Names of the course's channel maps; ``hidden=True`` adds the hidden-test maps.

    >>> list_channel_maps(hidden=True)
    ['lecture', 'running_case', 'hidden_port', 'hidden_mining', 'hidden_food']
    """
    files = CHANNEL_MAP_FILES if hidden else CHANNEL_MAP_FILES[:1]
    return [name for filename in files for name in _maps(filename)]


def load_channel_map(name: str):
    """The channel map ``name`` as a fresh networkx DiGraph (safe to change).

    Examples
    --------
    >>> from kamlib.models.channels import leverage_point, top_routes
    >>> g = load_channel_map("running_case")
    >>> leverage_point(g)
    'dist_east'
    >>> top_routes(g, 1)
    [(('harbourlight', 'ka_direct', 'steel'), 2808.0)]
    >>> load_channel_map("nowhere")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of lecture, running_case, hidden_port, hidden_mining, hidden_food; got 'nowhere'
    """
    for filename in CHANNEL_MAP_FILES:
        maps = _maps(filename)
        if name in maps:
            return maps[name].copy()
    names = ", ".join(list_channel_maps(hidden=True))
    raise ValueError(f"name must be one of {names}; got {name!r}")


def lecture_channel_map():
    """The lecture's example map (§3.1), rebuilt with equal, illustrative shares."""
    return load_channel_map("lecture")


def running_case_channel_map():
    """Harbourlight Lubricants' channel map (fictional, illustrative numbers)."""
    return load_channel_map("running_case")
