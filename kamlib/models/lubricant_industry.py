"""Lubricant industry characteristics (润滑油行业特征): the sectors whose key accounts buy
lubricants (DOMAIN.md M9), and the **cost-in-use** (使用成本) arithmetic a key-account
manager puts in front of a maintenance manager.

Sectors
-------
A :class:`Sector` lists, in no more than three points each (the lecture's rule), its key
equipment, distinctive needs, the specs and approvals that decide a sale, and how it buys.
Every point is a :class:`Trait` with its evidence tag: ``E`` established (a standard, a
regulation, a peer-reviewed source), ``P`` a practitioner or vendor claim, ``U`` not verified
(the course author's synthesis). :func:`match_traits` compares a trainee's brainstorm with a
profile.

Cost-in-use
-----------
The annual cost of a lubrication point (a gear drive, a gearbox, a truck) or of ``points``
identical ones, in CNY/yr:

* lubricant: price × consumption, where consumption is the top-up or total-loss use plus
  fill × changes a year (changes = operating hours a year ÷ change interval);
* labour: routine hours a year + hours per change × changes, × the labour rate;
* disposal: every kg used ends as waste (drained oil, spent grease), × the disposal cost;
* downtime: stop hours a year + stop hours per change × changes, × what an hour's stop costs.

Every quantity states its unit, as text or a (number, unit) pair: ``"28 CNY/kg"``,
``"19,800 CNY/t"``, ``(5.25, "t/yr")``, ``"4000 h"``; Chinese units work too
(``"19800 元/吨"``, ``"5.25 吨/年"``). A bare number is refused with a message naming the
argument: the commonest slip in a cost comparison is a price per tonne read as a price per kg.

>>> graphite = cost_in_use("20 CNY/kg", "5.25 t/yr", name="graphite grease")
>>> transparent = cost_in_use("48 CNY/kg", "1.9 t/yr", name="transparent")
>>> graphite.total, transparent.total
(105000.0, 91200.0)
>>> compare_cost_in_use(graphite, transparent).saving
13800.0
>>> cost_in_use(20, "5 t/yr")
Traceback (most recent call last):
...
ValueError: price needs a unit: write it as '20 CNY/kg' or (20, 'CNY/kg'); accepted units: CNY/kg, CNY/t
"""

from __future__ import annotations

import html as _html
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Annotated

from kamlib.models import arguments as check
from kamlib.text import Text

__all__ = [
    "TAGS",
    "Trait",
    "Sector",
    "MAX_TRAITS",
    "check_traits",
    "match_traits",
    "UNITS",
    "Quantity",
    "CostInUse",
    "CostComparison",
    "COST_COMPONENTS",
    "cost_in_use",
    "compare_cost_in_use",
    "break_even_price",
    "changeover_cost",
    "payback_months",
    "GIRTH_GEAR_CASE",
    "girth_gear_case",
]

#: Evidence tags (DOMAIN.md): how far a point can be trusted.
TAGS = {
    "E": Text("established: a standard, a regulation or peer-reviewed research", "已确立：标准、法规或同行评审研究"),
    "P": Text("a practitioner or vendor claim: an example, not a benchmark", "业内或供应商的说法：可作例子，不能当基准"),
    "U": Text("not verified: the course author's synthesis", "未经核实：课程作者的归纳"),
}

#: The lecture's rule for the brainstorm: no more than three points per sector (每个行业不超过三点).
MAX_TRAITS = 3


@dataclass(frozen=True)
class Trait:
    """One point of a sector profile: its text, evidence tag (``E``/``P``/``U``), the
    source id (``ref``, '' when none) and the words that count as naming it (``match``)."""

    text: Text
    tag: str = "U"
    ref: str = ""
    match: tuple[str, ...] = ()

    def __post_init__(self):
        if not isinstance(self.text, Text):
            raise TypeError(f"text must be a Text (en, zh), got {type(self.text).__name__}")
        check.one_of(self.tag, "tag", TAGS)
        check.text(self.ref, "ref", "a source id or ''", nonempty=False)
        object.__setattr__(self, "match", tuple(check.texts(self.match, "match", "a list of words")))


@dataclass(frozen=True)
class Sector:
    """A key-account sector: its name, what its plants need from a lubricant and how it
    buys (no more than three points each, as the lecture asks); ``refs`` are the sources;
    ``products`` what every account of the sector buys, each a product family (or
    ``family:H1``) or alternatives joined by ``|``; ``equipment`` the key equipment;
    ``specs`` the specifications and approvals that decide a sale.

    >>> cement = Sector("cement", Text("Cement", "水泥"), (Trait(Text("open girth gears", "开式大齿圈"), "P"),),
    ...                 (Trait(Text("grease consumption", "润滑脂消耗"), "P"),), ("R27",), ("grease",))
    >>> cement.name.zh, cement.needs[0].tag
    ('水泥', 'P')
    """

    id: str
    name: Text
    needs: tuple[Trait, ...]
    buying: tuple[Trait, ...]
    refs: tuple[str, ...]
    products: tuple[str, ...] = ()
    equipment: tuple[Text, ...] = ()
    specs: tuple[Trait, ...] = ()

    def traits(self) -> dict[str, tuple[Trait, ...]]:
        """The profile's points by part: ``needs``, ``specs``, ``buying``."""
        return {"needs": self.needs, "specs": self.specs, "buying": self.buying}


def check_traits(traits: object, name: str = "traits") -> list[str]:
    """A trainee's brainstorm for one sector: at most :data:`MAX_TRAITS` short texts, blanks
    dropped. More than three is the lecture's rule broken, and says so.

    >>> check_traits(["dust", " ", "open gears"])
    ['dust', 'open gears']
    >>> check_traits(["dust", "heat", "gears", "price"])
    Traceback (most recent call last):
    ...
    ValueError: traits must be no more than 3 (the lecture's rule: 每个行业不超过三点), got 4
    """
    found = [t.strip() for t in check.texts(traits, name, "a list of short texts (one trait each)") if t.strip()]
    if len(found) > MAX_TRAITS:
        raise ValueError(f"{name} must be no more than {MAX_TRAITS} (the lecture's rule: 每个行业不超过三点), "
                         f"got {len(found)}")
    return found


def match_traits(traits: Iterable[str], sector: Sector) -> dict[str, list[list[int]]]:
    """Which of the trainee's traits name each point of the sector's profile: for each part
    (``needs``, ``specs``, ``buying``), a list with, per point, the indexes of the traits
    that contain one of its ``match`` words (case does not matter). A rough guide for a
    discussion, not a mark: a trait can be right in words the list does not know.

    >>> from kamlib.text import Text
    >>> s = Sector("cement", Text("Cement", "水泥"), (Trait(Text("dust", "粉尘"), "P", match=("dust", "粉尘")),), (),
    ...            ("R27",))
    >>> match_traits(["Dusty plants", "heat"], s)
    {'needs': [[0]], 'specs': [], 'buying': []}
    """
    traits = check_traits(traits)
    if not isinstance(sector, Sector):
        raise TypeError(f"sector must be a Sector (from load_sectors), got {type(sector).__name__}")
    lowered = [t.lower() for t in traits]
    return {part: [[i for i, t in enumerate(lowered) if any(w.lower() in t for w in point.match)]
                   for point in points]
            for part, points in sector.traits().items()}


# --- quantities with units ---------------------------------------------------------------------

#: A number with its unit, as text or a pair: ``"19,800 CNY/t"``, ``(5.25, "t/yr")``. The
#: signatures below say which units each argument accepts (``Annotated[Quantity, "CNY/kg | CNY/t"]``).
Quantity = str | tuple

#: Accepted units per kind of quantity, with the factor to the kind's base unit (first listed).
UNITS = {
    "price": {"CNY/kg": 1.0, "CNY/t": 0.001},
    "mass_rate": {"kg/yr": 1.0, "t/yr": 1000.0, "kg/month": 12.0, "t/month": 12000.0, "kg/d": 365.0},
    "mass": {"kg": 1.0, "t": 1000.0},
    "interval": {"h": 1.0, "km": 1.0},
    "operating": {"h/yr": 1.0, "km/yr": 1.0},
    "hours_rate": {"h/yr": 1.0, "h/month": 12.0},
    "hours": {"h": 1.0},
    "rate": {"CNY/h": 1.0},
    "disposal": {"CNY/kg": 1.0, "CNY/t": 0.001},
    "money": {"CNY": 1.0},
}
_ALIASES = (("千克", "kg"), ("公斤", "kg"), ("吨", "t"), ("元", "CNY"), ("小时", "h"), ("年", "yr"),
            ("个月", "month"), ("月", "month"), ("天", "d"), ("公里", "km"), ("rmb", "CNY"), ("yuan", "CNY"),
            ("/year", "/yr"), ("/a", "/yr"))
_NUMBER = re.compile(r"^\s*([-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def _unit_text(unit: str) -> str:
    unit = unit.replace(" ", "").replace("／", "/")
    for alias, canonical in _ALIASES:
        unit = unit.replace(alias, canonical) if not alias.isascii() else re.sub(re.escape(alias), canonical, unit,
                                                                                 flags=re.IGNORECASE)
    return {u.lower(): u for kind in UNITS.values() for u in kind}.get(unit.lower(), unit)


def quantity(value: object, name: str, kind: str, positive: bool = False) -> tuple[float, str]:
    """``value`` (``"19,800 CNY/t"`` or ``(19800, "CNY/t")``) as ``(number in the kind's base
    unit, the unit it was given in)``. Checks the unit is one of :data:`UNITS` ``[kind]`` and
    the number is >= 0 (> 0 when ``positive``); every error names ``name``.

    >>> quantity("19,800 CNY/t", "price", "price")
    (19.8, 'CNY/t')
    >>> quantity((5.25, "吨/年"), "consumption", "mass_rate")
    (5250.0, 't/yr')
    >>> quantity("0 h", "interval", "interval", positive=True)
    Traceback (most recent call last):
    ...
    ValueError: interval must be more than 0 h, got '0 h'
    """
    if kind not in UNITS:
        raise ValueError(f"kind must be one of {', '.join(UNITS)}, got {kind!r}")
    units = UNITS[kind]
    accepted = ", ".join(units)
    example = f"(1, {next(iter(units))!r})"
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number with its unit, e.g. {example}; got {value!r}")
    if isinstance(value, Real):
        unit = next(iter(units))
        raise ValueError(f"{name} needs a unit: write it as '{value:g} {unit}' or ({value:g}, {unit!r}); "
                         f"accepted units: {accepted}")
    if isinstance(value, tuple) and len(value) == 2:
        number, unit = value
        if isinstance(number, bool) or not isinstance(number, Real) or not isinstance(unit, str):
            raise TypeError(f"{name} must be (number, unit), e.g. {example}; got {check.shown(value)}")
        number = float(number)
    elif isinstance(value, str):
        match = _NUMBER.match(value)
        if not match:
            raise ValueError(f"{name} must be a number and its unit, e.g. '{example[1:-1].replace(',', '')}' "
                             f"({accepted}); got {check.shown(value)}")
        number, unit = float(match.group(1).replace(",", "")), match.group(2)
    else:
        raise TypeError(f"{name} must be a number with its unit as text or (number, unit), e.g. {example}; "
                        f"got {type(value).__name__}")
    if not unit.strip():
        raise ValueError(f"{name} needs a unit: write it as '{number:g} {next(iter(units))}'; accepted units: "
                         f"{accepted}")
    unit = _unit_text(unit)
    if unit not in units:
        raise ValueError(f"{name} must be in {accepted}; got the unit {check.shown(unit)}")
    if not math.isfinite(number) or number < 0 or (positive and number == 0):
        bound = "more than 0" if positive else "0 or more"
        raise ValueError(f"{name} must be {bound} {unit}, got {check.shown(value)}")
    return number * units[unit], unit


# --- cost-in-use ---------------------------------------------------------------------------------

#: The parts of a cost-in-use, in the order they are shown (glossary ids ``cost_<part>``).
COST_COMPONENTS = ("lubricant", "labour", "disposal", "downtime")


@dataclass(frozen=True)
class CostInUse:
    """The annual cost of using one lubricant on ``points`` identical lubrication points.

    Money is CNY/yr for all the points together; ``kg_per_point`` is what one point uses in
    a year (kg/yr), ``changes_per_year`` the changes one point has. ``inputs`` keeps the
    inputs in base units (CNY/kg, kg/yr, kg, h, CNY/h ...), per point.
    """

    name: str
    points: int
    price: float  # CNY/kg
    kg_per_point: float  # kg/yr
    changes_per_year: float
    lubricant: float  # CNY/yr, all points
    labour: float
    disposal: float
    downtime: float
    inputs: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def total(self) -> float:
        """CNY/yr for all the points."""
        return round(self.lubricant + self.labour + self.disposal + self.downtime, 6)

    @property
    def kg_per_year(self) -> float:
        """Lubricant used by all the points, kg/yr."""
        return self.kg_per_point * self.points

    @property
    def t_per_year(self) -> float:
        """Lubricant used by all the points, t/yr."""
        return self.kg_per_year / 1000

    def components(self) -> dict[str, float]:
        """CNY/yr per part (:data:`COST_COMPONENTS`)."""
        return {part: getattr(self, part) for part in COST_COMPONENTS}

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{Text.term('cost_' + k)}</td><td style='text-align:right'>{v:,.0f}</td></tr>"
                       for k, v in self.components().items())
        return (f"<b>{_html.escape(self.name or str(Text.term('cost_in_use')))}</b> "
                f"({self.points} × {self.kg_per_point:,.0f} kg/yr, {self.price:,.2f} CNY/kg)"
                f"<table><tr><th></th><th>CNY/yr</th></tr>{rows}"
                f"<tr><td><b>{Text.term('cost_total')}</b></td><td style='text-align:right'><b>{self.total:,.0f}"
                f"</b></td></tr></table>")


def cost_in_use(
    price: Annotated[Quantity, "CNY/kg | CNY/t"],
    consumption: Annotated[Quantity, "kg/yr | t/yr | kg/month | t/month | kg/d"] = "0 kg/yr",
    *,
    fill: Annotated[Quantity, "kg | t"] = "0 kg",
    interval: Annotated[Quantity, "h | km"] | None = None,
    operating: Annotated[Quantity, "h/yr | km/yr"] = "8000 h/yr",
    labour: Annotated[Quantity, "h/yr | h/month"] = "0 h/yr",
    labour_per_change: Annotated[Quantity, "h"] = "0 h",
    labour_rate: Annotated[Quantity, "CNY/h"] = "0 CNY/h",
    disposal: Annotated[Quantity, "CNY/kg | CNY/t"] = "0 CNY/kg",
    downtime: Annotated[Quantity, "h/yr | h/month"] = "0 h/yr",
    downtime_per_change: Annotated[Quantity, "h"] = "0 h",
    downtime_rate: Annotated[Quantity, "CNY/h"] = "0 CNY/h",
    points: int = 1,
    name: str | Text = "",
) -> CostInUse:
    """The annual cost-in-use (CNY/yr) of a lubricant on ``points`` identical lubrication points.

    Parameters (per point; each a number with its unit, see the module docstring)
    ----------
    price : CNY/kg or CNY/t
        What the customer pays for the lubricant.
    consumption : kg/yr, t/yr, kg/month, t/month or kg/d
        Top-up or total-loss use (an open gear's spray grease), besides the fills.
    fill : kg or t
        The charge drained and replaced at each change (0 for total-loss lubrication).
    interval : h or km, or None
        Operating hours (or km) between changes; needed when ``fill`` is given.
    operating : h/yr or km/yr
        Operating hours (or km) a year, in the same basis as ``interval``.
    labour, labour_per_change : h/yr and h
        Routine hours a year (greasing, housekeeping, cleaning) and hours per change.
    labour_rate : CNY/h
    disposal : CNY/kg or CNY/t
        The cost of disposing of used lubricant (every kg used ends as waste).
    downtime, downtime_per_change : h/yr and h
        Hours of stopped production a year the lubricant causes, and per change.
    downtime_rate : CNY/h
        What an hour of stopped production costs (0 when stops fall in planned shutdowns).
    points : int
        How many identical points (drives, gearboxes, trucks): the costs are for all of them.
    name : str or Text
        What the lubricant is called, for tables and plots (a Text in the current language).

    Examples
    --------
    >>> gearbox = cost_in_use("32 CNY/kg", fill="200 kg", interval="4000 h", operating="8000 h/yr",
    ...                       labour_per_change="6 h", labour_rate="80 CNY/h", disposal="3 CNY/kg", points=3)
    >>> gearbox.changes_per_year, gearbox.kg_per_point, gearbox.total
    (2.0, 400.0, 44880.0)
    >>> cost_in_use("-5 CNY/kg", "5 t/yr")
    Traceback (most recent call last):
    ...
    ValueError: price must be 0 or more CNY/kg, got '-5 CNY/kg'
    >>> cost_in_use("20 CNY/kg", fill="200 kg", interval="0 h")
    Traceback (most recent call last):
    ...
    ValueError: interval must be more than 0 h, got '0 h'
    """
    values, units = {}, {}
    for arg, value, kind in (("price", price, "price"), ("consumption", consumption, "mass_rate"),
                             ("fill", fill, "mass"), ("operating", operating, "operating"),
                             ("labour", labour, "hours_rate"), ("labour_per_change", labour_per_change, "hours"),
                             ("labour_rate", labour_rate, "rate"), ("disposal", disposal, "disposal"),
                             ("downtime", downtime, "hours_rate"), ("downtime_per_change", downtime_per_change, "hours"),
                             ("downtime_rate", downtime_rate, "rate")):
        values[arg], units[arg] = quantity(value, arg, kind)
    check.whole_number(points, "points", minimum=1)
    name = str(name) if isinstance(name, Text) else check.text(name, "name", "a name for the lubricant",
                                                                nonempty=False)
    if values["operating"] > 8760 and units["operating"] == "h/yr":
        raise ValueError(f"operating must be at most 8760 h/yr (a year's hours), got {check.shown(operating)}")
    if interval is None:
        if values["fill"] > 0:
            raise ValueError("interval is needed when fill is given: the operating hours between changes, "
                             "e.g. '4000 h'")
        changes = 0.0
    else:
        values["interval"], units["interval"] = quantity(interval, "interval", "interval", positive=True)
        basis = units["operating"].split("/")[0]
        if units["interval"] != basis:
            raise ValueError(f"interval must be in {basis}, the basis of operating ({units['operating']}); "
                             f"got {check.shown(interval)}")
        changes = values["operating"] / values["interval"]
    kg = values["consumption"] + values["fill"] * changes
    hours = values["labour"] + values["labour_per_change"] * changes
    stopped = values["downtime"] + values["downtime_per_change"] * changes
    return CostInUse(
        name=name, points=points, price=values["price"], kg_per_point=round(kg, 9), changes_per_year=round(changes, 9),
        lubricant=round(values["price"] * kg * points, 6),
        labour=round(hours * values["labour_rate"] * points, 6),
        disposal=round(values["disposal"] * kg * points, 6),
        downtime=round(stopped * values["downtime_rate"] * points, 6),
        inputs={**values, "changes_per_year": changes},
    )


@dataclass(frozen=True)
class CostComparison:
    """Two lubricants on the same points: what the customer uses now and what is proposed."""

    current: CostInUse
    proposed: CostInUse

    @property
    def saving(self) -> float:
        """CNY/yr the customer saves with the proposed lubricant (negative: it costs more)."""
        return round(self.current.total - self.proposed.total, 6)

    @property
    def price_ratio(self) -> float:
        """Proposed price per kg ÷ current price per kg: what the buyer sees first."""
        return self.proposed.price / self.current.price if self.current.price else math.inf

    def differences(self) -> dict[str, float]:
        """Proposed − current, CNY/yr, per part (:data:`COST_COMPONENTS`)."""
        return {k: round(self.proposed.components()[k] - self.current.components()[k], 6) for k in COST_COMPONENTS}

    def _repr_html_(self) -> str:
        names = [_html.escape(c.name or str(Text.term(k))) for c, k in
                 ((self.current, "current_product"), (self.proposed, "proposed_product"))]
        rows = "".join(
            f"<tr><td>{Text.term('cost_' + k)}</td>"
            + "".join(f"<td style='text-align:right'>{v:,.0f}</td>" for v in
                      (self.current.components()[k], self.proposed.components()[k], self.differences()[k]))
            + "</tr>" for k in COST_COMPONENTS)
        return (f"<table><tr><th>CNY/yr</th><th>{names[0]}</th><th>{names[1]}</th><th>Δ</th></tr>{rows}"
                f"<tr><td><b>{Text.term('cost_total')}</b></td><td style='text-align:right'><b>{self.current.total:,.0f}"
                f"</b></td><td style='text-align:right'><b>{self.proposed.total:,.0f}</b></td>"
                f"<td style='text-align:right'><b>{-self.saving:,.0f}</b></td></tr></table>"
                f"<p>{Text.term('saving')}: <b>{self.saving:,.0f} CNY/yr</b> · {Text.term('price_ratio')}: "
                f"{self.price_ratio:.2f}×</p>")


def compare_cost_in_use(current: CostInUse, proposed: CostInUse) -> CostComparison:
    """Compare the cost-in-use of two lubricants on the same points.

    >>> now = cost_in_use("20 CNY/kg", "5.25 t/yr", points=4)
    >>> offer = cost_in_use("48 CNY/kg", "1.9 t/yr", points=4)
    >>> compare_cost_in_use(now, offer).saving
    55200.0
    >>> compare_cost_in_use(now, cost_in_use("48 CNY/kg", "1.9 t/yr"))
    Traceback (most recent call last):
    ...
    ValueError: proposed must cover the same points as current (4), got 1: pass points=4 to both
    """
    for name, value in (("current", current), ("proposed", proposed)):
        if not isinstance(value, CostInUse):
            raise TypeError(f"{name} must be a CostInUse (from cost_in_use), got {type(value).__name__}")
    if proposed.points != current.points:
        raise ValueError(f"proposed must cover the same points as current ({current.points}), got "
                         f"{proposed.points}: pass points={current.points} to both")
    return CostComparison(current, proposed)


def break_even_price(comparison: CostComparison) -> Annotated[float, "CNY/kg"]:
    """The proposed lubricant's price (CNY/kg) at which its cost-in-use equals the current
    one's: the most the customer can pay per kg and still spend no more a year.

    >>> c = compare_cost_in_use(cost_in_use("20 CNY/kg", "5.25 t/yr"), cost_in_use("48 CNY/kg", "1.9 t/yr"))
    >>> round(break_even_price(c), 2)
    55.26
    """
    if not isinstance(comparison, CostComparison):
        raise TypeError(f"comparison must be a CostComparison (from compare_cost_in_use), got "
                        f"{type(comparison).__name__}")
    proposed = comparison.proposed
    if proposed.kg_per_year == 0:
        raise ValueError("comparison: the proposed lubricant uses 0 kg/yr, so its price does not change its cost")
    rest = proposed.total - proposed.lubricant
    return (comparison.current.total - rest) / proposed.kg_per_year


def changeover_cost(per_point: Annotated[Quantity, "CNY"] = "0 CNY", stop_per_point: Annotated[Quantity, "h"] = "0 h",
                    downtime_rate: Annotated[Quantity, "CNY/h"] = "0 CNY/h", one_off: Annotated[Quantity, "CNY"] = "0 CNY",
                    points: int = 1) -> Annotated[float, "CNY"]:
    """The one-off cost of switching ``points`` lubrication points to a new lubricant, CNY:
    points × (``per_point`` cleaning and first fill + ``stop_per_point`` × ``downtime_rate``)
    + ``one_off`` (a trial, oil analysis). A stop inside a planned shutdown costs no
    production: give ``downtime_rate="0 CNY/h"`` then.

    >>> changeover_cost("15000 CNY", "48 h", "0 CNY/h", one_off="20000 CNY", points=4)
    80000.0
    """
    each, _ = quantity(per_point, "per_point", "money")
    stop, _ = quantity(stop_per_point, "stop_per_point", "hours")
    rate, _ = quantity(downtime_rate, "downtime_rate", "rate")
    once, _ = quantity(one_off, "one_off", "money")
    check.whole_number(points, "points", minimum=1)
    return round(points * (each + stop * rate) + once, 6)


def payback_months(comparison: CostComparison, switching_cost: Annotated[Quantity, "CNY"]) -> Annotated[float, "months"]:
    """Months until the annual saving repays a one-off switching cost (CNY):
    switching cost ÷ (saving ÷ 12). ``math.inf`` when the proposed lubricant saves nothing.

    >>> c = compare_cost_in_use(cost_in_use("20 CNY/kg", "5.25 t/yr"), cost_in_use("48 CNY/kg", "1.9 t/yr"))
    >>> round(payback_months(c, "15000 CNY"), 1)
    13.0
    >>> payback_months(c, 15000)
    Traceback (most recent call last):
    ...
    ValueError: switching_cost needs a unit: write it as '15000 CNY' or (15000, 'CNY'); accepted units: CNY
    """
    if not isinstance(comparison, CostComparison):
        raise TypeError(f"comparison must be a CostComparison (from compare_cost_in_use), got "
                        f"{type(comparison).__name__}")
    cost, _ = quantity(switching_cost, "switching_cost", "money")
    if comparison.saving <= 0:
        return math.inf
    return cost / (comparison.saving / 12)


# --- the lecture's worked case -------------------------------------------------------------------

#: The lecture's worked case: one open girth-gear drive (about 700 mm face width) of a cement
#: kiln or mill, graphite grease against a transparent open-gear lubricant. Per drive.
#: Sourced: the consumptions (mid-points of the vendor ranges 4.5-6 and 1.8-2 t/yr, World Cement
#: 2016, R27, a vendor claim [P]) and the 48 h of cleaning to switch (World Cement 2020, S1,
#: vendor [P]). Illustrative, not market data: the prices, labour hours and rate, disposal cost
#: and the cleaning contractor's fee. Replace them with the customer's own numbers.
GIRTH_GEAR_CASE = {
    "current": {"price": "20 CNY/kg", "consumption": "5.25 t/yr", "labour": "80 h/yr", "labour_rate": "80 CNY/h",
                "disposal": "3 CNY/kg", "name": Text("graphite grease", "石墨润滑脂")},
    "proposed": {"price": "48 CNY/kg", "consumption": "1.9 t/yr", "labour": "40 h/yr", "labour_rate": "80 CNY/h",
                 "disposal": "3 CNY/kg", "name": Text("transparent open-gear lubricant", "透明开式齿轮润滑剂")},
    "changeover": {"per_point": "15000 CNY", "stop_per_point": "48 h", "downtime_rate": "0 CNY/h"},
    "sources": {
        "consumption": Text("vendor figures (World Cement 2016): graphite grease 4.5–6 t/yr, a transparent lubricant "
                            "1.8–2 t/yr per drive of about 700 mm face width; the mid-points are used",
                            "供应商数据（World Cement 2016）：面宽约 700 毫米的每套传动，石墨润滑脂每年 4.5–6 吨，"
                            "透明润滑剂每年 1.8–2 吨；这里取中间值"),
        "stop_per_point": Text("vendor figure (World Cement 2020): about 48 h to clean an open gear with solvent",
                               "供应商数据（World Cement 2020）：用溶剂清洗一套开式齿轮平均约 48 小时"),
        "illustrative": Text("illustrative, not market data: prices, labour hours and rate, disposal cost, the "
                             "cleaning fee; the changeover is done in the planned shutdown, so the stop costs no "
                             "production",
                             "示意数据，并非市场数据：价格、人工工时和费率、处置费用、清洗费；换油安排在计划停机期间，"
                             "所以停机不损失产量"),
    },
}


def girth_gear_case(points: int = 1) -> CostComparison:
    """The lecture's worked case (:data:`GIRTH_GEAR_CASE`) for ``points`` drives, the
    lubricants named in the current language.

    >>> case = girth_gear_case()
    >>> case.current.total, case.proposed.total, case.saving
    (127150.0, 100100.0, 27050.0)
    """
    check.whole_number(points, "points", minimum=1)
    current, proposed = (cost_in_use(**GIRTH_GEAR_CASE[k], points=points) for k in ("current", "proposed"))
    return compare_cost_in_use(current, proposed)
