"""Background and competition analysis (背景与竞争分析) as data: the running case's PEST
(``background_analysis_pest.yaml``), the five forces for industrial gear oil with their evidence
(``background_analysis_forces.yaml``), the competitors' volumes on module 09's market map
(``background_analysis_competitors.yaml``, on the channel map ``running_case``) and a competitor
SWOT (``background_analysis_swot.yaml``). All validated when loaded.

>>> [f.id for f in load_pest() if f.category == "political"]
['imo_2020', 'emission_rules', 'energy_saving']
>>> load_forces()["supplier_power"].evidence[0].source
'R24'
>>> sorted(load_competitors()), load_competitors()["jinhe"].volumes_t["textile"]
(['jinhe', 'norhaven', 'tiancheng'], 1300)
>>> load_market_map().graph["name"], load_swot().competitor
('running_case', 'tiancheng')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kamlib.data.channel_maps import load_channel_map
from kamlib.data.schema import (
    DataError,
    bilingual,
    choice,
    data_path,
    field,
    identifier,
    integer,
    items,
    number,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.background_analysis import EVIDENCE_TAGS, FORCES, PEST, SWOT, Factor, SwotItem
from kamlib.models.channel_maps import NODE_KINDS
from kamlib.text import Text

__all__ = ["Evidence", "ForceView", "Competitor", "CompetitorSwot", "load_pest", "load_forces", "load_competitors",
           "competitor_volumes", "load_market_map", "load_swot"]


@dataclass(frozen=True)
class Evidence:
    """A piece of evidence for a force's rating, with its tag and DOMAIN.md reference."""

    text: Text
    tag: str
    source: str


@dataclass(frozen=True)
class ForceView:
    """The lecturer's starting view of one force: a rating 1-5 and the evidence behind it."""

    force: str
    rating: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Competitor:
    """A fictional competitor: its name, profile and volume (t/yr) at junctions of the market map."""

    id: str
    name: Text
    profile: Text
    volumes_t: dict


@dataclass(frozen=True)
class CompetitorSwot:
    """A competitor SWOT from our side: against whom, in which segment, and its items."""

    competitor: str
    segment: str
    items: tuple[SwotItem, ...]


def _tagged(record, where: str) -> tuple[str, str]:
    tag = field(record, "tag", choice(EVIDENCE_TAGS), where)
    source = field(record, "source", text(nonempty=False), where)
    if (tag == "U") != (not source):
        raise DataError(f"{where}, key 'source': a [U] item has no source, an E or P item needs one "
                        f"(tag {tag}, source {source!r})")
    return tag, source


@lru_cache(maxsize=1)
def load_pest() -> tuple[Factor, ...]:
    """The running case's PEST factors, each with its evidence tag and source."""
    source = "background_analysis_pest.yaml"
    found, seen = [], set()
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "factors"), 1):
        where = f"{source}, factor {i}"
        require_keys(record, ("id", "category", "tag", "source", "en", "zh"), where)
        fid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        tag, ref = _tagged(record, where)
        found.append(Factor(fid, field(record, "category", choice(PEST), where),
                            bilingual({"en": record["en"], "zh": record["zh"]}, where), tag, ref))
    for category in PEST:
        if not any(f.category == category for f in found):
            raise DataError(f"{source}: no factor in category {category!r}; PEST needs all four")
    return tuple(found)


@lru_cache(maxsize=1)
def load_forces() -> dict[str, ForceView]:
    """Force -> :class:`ForceView`, in the order of ``FORCES``."""
    source = "background_analysis_forces.yaml"
    found = {}
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "forces"), 1):
        where = f"{source}, force {i}"
        require_keys(record, ("id", "rating", "evidence"), where)
        force = unique(field(record, "id", choice(FORCES), where), set(found), f"{where}, key 'id'", "force")
        proof = []
        for j, line in enumerate(items(record["evidence"], f"{where}, key 'evidence'", "evidence"), 1):
            at = f"{where}, evidence {j}"
            require_keys(line, ("en", "zh", "tag", "source"), at)
            proof.append(Evidence(bilingual({"en": line["en"], "zh": line["zh"]}, at), *_tagged(line, at)))
        found[force] = ForceView(force, field(record, "rating", integer(1, 5), where), tuple(proof))
    if list(found) != list(FORCES):
        raise DataError(f"{source}: expected the forces {', '.join(FORCES)} in that order, got {list(found)}")
    return found


@lru_cache(maxsize=1)
def _competitors() -> tuple[str, dict[str, Competitor]]:
    source = "background_analysis_competitors.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("map", "competitors"), source)
    name = field(raw, "map", text(), source)
    g = load_channel_map(name)
    found: dict[str, Competitor] = {}
    for i, record in enumerate(items(raw["competitors"], f"{source}, key 'competitors'", "competitors"), 1):
        where = f"{source}, competitor {i}"
        require_keys(record, ("id", "en", "zh", "profile", "volumes_t"), where)
        cid = unique(identifier(record["id"], f"{where}, key 'id'"), set(found), f"{where}, key 'id'")
        if cid in g:
            raise DataError(f"{where}, key 'id': {cid!r} is already a node of map {name!r}")
        volumes = record["volumes_t"]
        if not isinstance(volumes, dict) or not volumes:
            raise DataError(f"{where}, key 'volumes_t': expected a mapping junction -> t/yr")
        for node in volumes:
            if node not in g:
                raise DataError(f"{where}, key 'volumes_t': unknown junction {node!r} (not a node of map {name!r})")
            if g.nodes[node]["kind"] not in NODE_KINDS[1:-1]:
                raise DataError(f"{where}, key 'volumes_t': {node!r} is a {g.nodes[node]['kind']}, not a junction")
            field(volumes, node, number(minimum=0, unit="t/yr"), f"{where}, key 'volumes_t'")
        found[cid] = Competitor(cid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                bilingual(record["profile"], f"{where}, key 'profile'"), dict(volumes))
    return name, found


def load_competitors() -> dict[str, Competitor]:
    """Competitor id -> :class:`Competitor` (fictional; volumes illustrative)."""
    return dict(_competitors()[1])


def competitor_volumes() -> dict[str, dict[str, float]]:
    """Competitor id -> {junction: t/yr}, the form the models take
    (``junction_shares(load_market_map(), competitor_volumes())``)."""
    return {cid: dict(c.volumes_t) for cid, c in _competitors()[1].items()}


def load_market_map():
    """The channel map the competitors are placed on (a fresh networkx DiGraph)."""
    return load_channel_map(_competitors()[0])


@lru_cache(maxsize=1)
def load_swot() -> CompetitorSwot:
    """Harbourlight's SWOT against a competitor in one segment."""
    source = "background_analysis_swot.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("competitor", "segment", "items"), source)
    competitor = field(raw, "competitor", choice(sorted(_competitors()[1])), source)
    segment = field(raw, "segment", choice(sorted(load_market_map())), source)
    found, seen = [], set()
    for i, record in enumerate(items(raw["items"], f"{source}, key 'items'", "items"), 1):
        where = f"{source}, item {i}"
        require_keys(record, ("id", "quadrant", "en", "zh"), where)
        iid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        found.append(SwotItem(iid, field(record, "quadrant", choice(SWOT), where),
                              bilingual({"en": record["en"], "zh": record["zh"]}, where)))
    for quadrant in SWOT:
        if not any(item.quadrant == quadrant for item in found):
            raise DataError(f"{source}: no item in quadrant {quadrant!r}")
    return CompetitorSwot(competitor, segment, tuple(found))
