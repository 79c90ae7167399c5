"""Background and competition analysis (背景与竞争分析): PEST, Porter's five forces, SWOT and
the competitor-extended market map (DOMAIN.md M7).

PEST (政治/经济/社会/技术) goes back to Aguilar's ETPS scan (1967, R18); the five forces
(波特五力) are Porter's (1979, R19); SWOT is a standard tool whose origin is disputed [U]. The
market map (市场地图) is McDonald & Dunbar's (R20): module 09's channel map, here with the
competitors' volumes at each junction, so each player's share of a junction, the share of each
of our routes and where a competitor is strongest are computed, not guessed.

Five forces: each force is rated from 1 (weak: little pressure on our margin) to 5 (strong).
The overall pressure is the mean rating; a *driver* is a force rated 4 or 5. A rating of 4 or
more without evidence is a problem to fix before the rating is used.

>>> p = five_forces_pressure({"rivalry": 5, "new_entrants": 2, "substitutes": 2,
...                           "buyer_power": 4, "supplier_power": 3})
>>> p.overall, p.level, p.drivers
(3.2, 'medium', ('rivalry', 'buyer_power'))
>>> swot_quadrant(internal=False, helpful=True)
'opportunity'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Real

from kamlib.models import arguments as check
from kamlib.models.channel_maps import check_graph, inflows, route_volumes
from kamlib.text import Text

__all__ = [
    "PEST",
    "FORCES",
    "SWOT",
    "EVIDENCE_TAGS",
    "Factor",
    "SwotItem",
    "ForcesPressure",
    "pest_table",
    "five_forces_pressure",
    "swot_quadrant",
    "swot_grid",
    "junction_volumes",
    "junction_shares",
    "route_shares",
    "strongest_junctions",
]

#: PEST's four categories, in the order of the acronym; glossary ``pest_<category>``.
PEST = ("political", "economic", "social", "technological")
#: Porter's five forces; glossary ``force_<force>``.
FORCES = ("rivalry", "new_entrants", "substitutes", "buyer_power", "supplier_power")
#: SWOT's quadrants: strengths and weaknesses are internal, opportunities and threats external.
SWOT = ("strength", "weakness", "opportunity", "threat")
#: How well a claim is supported (DOMAIN.md): E evidence, P practitioner's claim, U unsupported.
EVIDENCE_TAGS = ("E", "P", "U")
_LEVELS = ((2.5, "low"), (3.5, "medium"))


def _bilingual(value: object, name: str) -> Text:
    if not isinstance(value, Text):
        raise TypeError(f"{name} must be a Text (en, zh), got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class Factor:
    """A PEST factor: its category (one of :data:`PEST`), the fact, its evidence tag (one of
    :data:`EVIDENCE_TAGS`) and where it comes from (a DOMAIN.md reference such as ``'R29'``)."""

    id: str
    category: str
    text: Text
    tag: str
    source: str = ""

    def __post_init__(self):
        check.text(self.id, "id", "a factor id")
        check.one_of(self.category, "category", PEST)
        _bilingual(self.text, "text")
        check.one_of(self.tag, "tag", EVIDENCE_TAGS)
        check.text(self.source, "source", "a reference", nonempty=False)


@dataclass(frozen=True)
class SwotItem:
    """A SWOT entry: its quadrant (one of :data:`SWOT`) and what it says."""

    id: str
    quadrant: str
    text: Text

    def __post_init__(self):
        check.text(self.id, "id", "an item id")
        check.one_of(self.quadrant, "quadrant", SWOT)
        _bilingual(self.text, "text")


def pest_table(factors: Iterable[Factor]) -> dict[str, list[Factor]]:
    """The factors grouped by PEST category, every category present (empty when nothing is known).

    >>> t = pest_table([Factor("imo", "political", Text("IMO 2020", "IMO 2020"), "E", "R29")])
    >>> {k: len(v) for k, v in t.items()}
    {'political': 1, 'economic': 0, 'social': 0, 'technological': 0}
    """
    found = check.instances(factors, "factors", Factor, "Factor")
    seen: set[str] = set()
    for f in found:
        if f.id in seen:
            raise ValueError(f"factors must have different ids; {f.id!r} is listed twice")
        seen.add(f.id)
    return {c: [f for f in found if f.category == c] for c in PEST}


@dataclass(frozen=True)
class ForcesPressure:
    """The five forces read together: the ratings, the overall pressure (mean, 1-5), its level
    (``'low'`` < 2.5 <= ``'medium'`` < 3.5 <= ``'high'``), the drivers (forces rated 4 or 5,
    strongest first) and the drivers rated without evidence (``unsupported``)."""

    ratings: dict
    overall: float
    level: str
    drivers: tuple[str, ...]
    unsupported: tuple[str, ...] = ()


def _rating(value: object, force: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Real) or value != int(value) or not 1 <= value <= 5:
        raise ValueError(f"ratings[{force!r}] must be a whole number from 1 (weak) to 5 (strong), "
                         f"got {check.shown(value)}")
    return int(value)


def five_forces_pressure(ratings: Mapping[str, int], evidence: Mapping[str, object] | None = None) -> ForcesPressure:
    """Read the five forces together.

    ``ratings``: force -> 1..5 for every force of :data:`FORCES`. ``evidence`` (optional):
    force -> the evidence you have for its rating (a text or a list of texts); a force rated
    4 or 5 with none is listed in ``unsupported``.

    >>> r = dict.fromkeys(FORCES, 2) | {"supplier_power": 4}
    >>> five_forces_pressure(r, {"supplier_power": ["four additive makers"]}).unsupported
    ()
    >>> five_forces_pressure(r).unsupported
    ('supplier_power',)
    >>> five_forces_pressure({"rivalry": 3})
    Traceback (most recent call last):
    ...
    ValueError: ratings must rate every force (rivalry, new_entrants, substitutes, buyer_power, supplier_power); missing new_entrants, substitutes, buyer_power, supplier_power
    """
    check.mapping(ratings, "ratings", "a dict force -> rating 1-5")
    unknown = [k for k in ratings if k not in FORCES]
    if unknown:
        raise ValueError(f"ratings has unknown force {check.shown(unknown[0])}; the forces are {', '.join(FORCES)}")
    missing = [f for f in FORCES if f not in ratings]
    if missing:
        raise ValueError(f"ratings must rate every force ({', '.join(FORCES)}); missing {', '.join(missing)}")
    rated = {f: _rating(ratings[f], f) for f in FORCES}
    proof: dict[str, list[str]] = {f: [] for f in FORCES}
    if evidence is not None:
        check.mapping(evidence, "evidence", "a dict force -> evidence text(s)")
        for force, said in evidence.items():
            if force not in FORCES:
                raise ValueError(f"evidence has unknown force {check.shown(force)}; the forces are {', '.join(FORCES)}")
            lines = [said] if isinstance(said, (str, Text)) else check.items(said, f"evidence[{force!r}]",
                                                                              "a text or a list of texts")
            for line in lines:
                if not isinstance(line, (str, Text)):
                    raise TypeError(f"evidence[{force!r}] must hold texts, got {type(line).__name__}")
            proof[force] = [str(line) for line in lines if str(line).strip()]
    overall = round(sum(rated.values()) / len(rated), 2)
    level = next((name for limit, name in _LEVELS if overall < limit), "high")
    drivers = tuple(sorted((f for f in FORCES if rated[f] >= 4), key=lambda f: (-rated[f], FORCES.index(f))))
    return ForcesPressure(rated, overall, level, drivers, tuple(f for f in drivers if not proof[f]))


def swot_quadrant(internal: bool, helpful: bool) -> str:
    """The SWOT quadrant of an item: inside the company or in its market, helpful or harmful.

    >>> [swot_quadrant(i, h) for i, h in ((True, True), (True, False), (False, True), (False, False))]
    ['strength', 'weakness', 'opportunity', 'threat']
    """
    check.flag(internal, "internal")
    check.flag(helpful, "helpful")
    return {(True, True): "strength", (True, False): "weakness", (False, True): "opportunity",
            (False, False): "threat"}[(internal, helpful)]


def swot_grid(items: Iterable[SwotItem]) -> dict[str, list[SwotItem]]:
    """The items grouped by quadrant, every quadrant present."""
    found = check.instances(items, "items", SwotItem, "SwotItem")
    return {q: [i for i in found if i.quadrant == q] for q in SWOT}


# --- the market map with competitors --------------------------------------------------------------


def _competitors(g, competitors: object, name: str = "competitors") -> dict[str, dict]:
    check.mapping(competitors, name, "a dict competitor -> {junction: t/yr}")
    out: dict[str, dict] = {}
    for player, volumes in competitors.items():
        check.text(player, name, "a competitor's name for each key")
        if player in g and g.nodes[player].get("kind") == "supplier":
            raise ValueError(f"{name} names {player!r}, a supplier of the map: list competitors only")
        check.mapping(volumes, f"{name}[{player!r}]", "a dict junction -> t/yr")
        for node, tonnes in volumes.items():
            if node not in g:
                raise ValueError(f"{name}[{player!r}] names junction {check.shown(node)}, which is not a node of "
                                 "the map")
            if g.nodes[node].get("kind") in ("supplier", "influencer"):
                raise ValueError(f"{name}[{player!r}] names {node!r}, a {g.nodes[node]['kind']}: competitor volume "
                                 "goes on a junction that product passes through or ends at")
            check.number(tonnes, f"{name}[{player!r}][{node!r}]", minimum=0, unit="t/yr")
        out[player] = dict(volumes)
    return out


def _ours(g) -> tuple[str, dict]:
    suppliers = sorted(n for n, k in g.nodes(data="kind") if k == "supplier")
    if len(suppliers) != 1:
        raise ValueError(f"g must have exactly one supplier (us), found {', '.join(map(str, suppliers)) or 'none'}")
    return suppliers[0], inflows(g)


def junction_volumes(g, competitors: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Tonnes per player at each junction a competitor is named at: ours (the map's inflow,
    under the supplier's id) first, then each competitor's.

    >>> from kamlib.models.channel_maps import build_channel_map
    >>> g = build_channel_map([("Us", "Dist", 0.5), ("Us", "Steel", 0.5), ("Dist", "Mine", 1.0)],
    ...                       source_volumes=100)
    >>> junction_volumes(g, {"Rival": {"Steel": 150, "Mine": 0}})
    {'Steel': {'Us': 50.0, 'Rival': 150}, 'Mine': {'Us': 50.0, 'Rival': 0}}
    """
    g = check_graph(g)
    rivals = _competitors(g, competitors)
    us, flow = _ours(g)
    nodes = [n for n in g if any(n in v for v in rivals.values())]
    return {n: {us: float(flow[n]), **{p: v.get(n, 0) for p, v in rivals.items()}} for n in nodes}


def junction_shares(g, competitors: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Each player's share (0-1) of the volume at each junction a competitor is named at.
    A junction where nobody sells anything has share 0 for everyone.

    >>> from kamlib.models.channel_maps import build_channel_map
    >>> g = build_channel_map([("Us", "Steel", 1.0)], source_volumes=100)
    >>> junction_shares(g, {"Rival": {"Steel": 300}})
    {'Steel': {'Us': 0.25, 'Rival': 0.75}}
    """
    out = {}
    for node, volumes in junction_volumes(g, competitors).items():
        total = sum(volumes.values())
        out[node] = {p: (round(v / total, 6) if total else 0.0) for p, v in volumes.items()}
    return out


def route_shares(g, competitors: Mapping[str, Mapping[str, float]]) -> dict[tuple, float]:
    """The share (0-1) of each of our routes in the market at its end: the route's volume over
    all players' volume at the end junction. Routes to an end where no competitor is named are
    left out (their market is not known).

    >>> from kamlib.models.channel_maps import build_channel_map
    >>> g = build_channel_map([("Us", "Dist", 0.5), ("Us", "Steel", 0.5), ("Dist", "Steel", 1.0)],
    ...                       source_volumes=100)
    >>> route_shares(g, {"Rival": {"Steel": 100}})
    {('Us', 'Dist', 'Steel'): 0.25, ('Us', 'Steel'): 0.25}
    """
    volumes = junction_volumes(g, competitors)
    out = {}
    for route, tonnes in route_volumes(g).items():
        end = route[-1]
        if end in volumes:
            total = sum(volumes[end].values())
            out[route] = round(tonnes / total, 6) if total else 0.0
    return out


def strongest_junctions(g, competitors: Mapping[str, Mapping[str, float]]) -> dict[str, str]:
    """For each competitor, the junction where its share is highest (ties: the larger volume,
    then the first name).

    >>> from kamlib.models.channel_maps import build_channel_map
    >>> g = build_channel_map([("Us", "Steel", 0.8), ("Us", "Mine", 0.2)], source_volumes=100)
    >>> strongest_junctions(g, {"Rival": {"Steel": 150, "Mine": 60}})  # 65 % of steel, 75 % of mining
    {'Rival': 'Mine'}
    """
    volumes = junction_volumes(g, competitors)
    shares = junction_shares(g, competitors)
    out = {}
    for player in _competitors(g, competitors):
        nodes = [n for n in shares if volumes[n][player] > 0]
        if nodes:
            out[player] = min(nodes, key=lambda n: (-shares[n][player], -volumes[n][player], str(n)))
    return out
