"""Case study: a bad example (案例分析：坏的例子). The published turbine-oil case (DOMAIN.md
M10, R30) as a chain of stages along the channel, the controls that could run at each
stage, and the arithmetic of what the failure cost; and the bow-tie (领结型) account whose
one link breaks when the buyer leaves.

The control chain
-----------------
A wrong drum moves down the channel from the stage where the failure is introduced. At each
later stage, a control that is **in place** and **can see the failure** stops it there;
a control that cannot see it (paperwork that matches a wrong label) does not, however
carefully it is done. :func:`first_catch` walks the chain and says where the drum is
stopped, and whether it reached the unit (then the unit stops: an outage).

>>> stages = [CaseStage("fill", failure=True), CaseStage("receive"), CaseStage("unit", in_unit=True)]
>>> controls = [CaseControl("papers", "receive", catches=False), CaseControl("test", "receive", catches=True),
...             CaseControl("analysis", "unit", catches=True)]
>>> first_catch(stages, controls, in_place=["papers"]).outage
True
>>> first_catch(stages, controls, in_place=["papers", "test"]).stage
'receive'

The cost of an outage
---------------------
A salesperson's sum, units stated: lost production = days × cost per day (USD/day), plus
what it costs to drain, flush and refill the reservoir (USD).

>>> outage_cost(2.5, 300_000, flush=40_000).total
790000.0

The bow-tie
-----------
>>> links = [("kam", "buyer")]
>>> contact_shape(links), links_left(links, leaving="buyer")
('bow-tie', [])
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from dataclasses import dataclass, field

from kamlib.models import arguments as check
from kamlib.text import Text

__all__ = ["CaseStage", "CaseControl", "ControlCatch", "first_catch", "OutageCost", "outage_cost", "contact_shape",
           "links_left"]


def _label(value, name: str) -> Text:
    if isinstance(value, Text):
        return value
    return Text(check.text(value, name, "a text or a kamlib Text"))


@dataclass(frozen=True)
class CaseStage:
    """A stage a drum passes along the channel: ``failure`` marks the stage where the
    failure is introduced, ``in_unit`` a stage where the oil is already in the machine
    (a catch there still stops the unit). ``name`` and ``note`` are for display."""

    id: str
    failure: bool = False
    in_unit: bool = False
    name: Text | None = None
    note: Text | None = None
    node: str = ""

    def __post_init__(self):
        check.text(self.id, "id", "a stage id")
        check.flag(self.failure, "failure")
        check.flag(self.in_unit, "in_unit")
        object.__setattr__(self, "name", _label(self.id if self.name is None else self.name, "name"))
        if self.note is not None:
            object.__setattr__(self, "note", _label(self.note, "note"))


@dataclass(frozen=True)
class CaseControl:
    """A check that can run at ``stage``; ``catches`` says whether it can see this failure
    (True) or not (False: it looks at something the failure does not change)."""

    id: str
    stage: str
    catches: bool
    name: Text | None = None
    owner: str = ""
    why: Text | None = None

    def __post_init__(self):
        check.text(self.id, "id", "a control id")
        check.text(self.stage, "stage", "a stage id")
        check.flag(self.catches, "catches")
        object.__setattr__(self, "name", _label(self.id if self.name is None else self.name, "name"))
        if self.why is not None:
            object.__setattr__(self, "why", _label(self.why, "why"))


@dataclass(frozen=True)
class ControlCatch:
    """Where a failure is stopped: ``stage`` and ``control`` (None when nothing stops it
    before the unit runs), ``outage`` True when the wrong oil reached the unit."""

    stage: str | None
    control: str | None
    outage: bool
    passed: tuple[str, ...] = field(default=())

    def _repr_html_(self) -> str:
        if self.outage and self.control is None:
            said = Text("Not caught: the wrong oil reaches the unit and the unit stops.",
                        "没有被拦下：错油进入机组，机组停机。")
        elif self.outage:
            said = Text(f"Caught by {self.control} at {self.stage}, but the oil is already in the unit: it stops.",
                        f"在 {self.stage} 由 {self.control} 查出，但油已在机组里：照样停机。")
        else:
            said = Text(f"Caught by {self.control} at {self.stage}: no outage.",
                        f"在 {self.stage} 由 {self.control} 拦下：不停机。")
        return f"<p>{_html.escape(str(said))}</p>"


def _chain(stages, controls):
    stages = check.instances(stages, "stages", CaseStage, "CaseStage objects", nonempty=True)
    controls = check.instances(controls, "controls", CaseControl, "CaseControl objects")
    ids = [s.id for s in stages]
    if len(set(ids)) != len(ids):
        raise ValueError(f"stages must have distinct ids, got {ids}"[:300])
    failures = [s.id for s in stages if s.failure]
    if len(failures) != 1:
        raise ValueError(f"stages must mark exactly one stage with failure=True, got {len(failures)}")
    unknown = [c.stage for c in controls if c.stage not in ids]
    if unknown:
        raise ValueError(f"controls: stage {unknown[0]!r} is not in stages; expected one of {', '.join(ids)}"[:300])
    return stages, controls


def first_catch(stages: Iterable[CaseStage], controls: Iterable[CaseControl], in_place: Iterable[str] = ()) -> ControlCatch:
    """Walk the failure down ``stages`` (in channel order) from the stage that introduces
    it, and return where the first control that is in place and can see it stops it.

    A control at the failure stage counts (it prevents the shortcut); a control before it
    cannot help. A catch at an ``in_unit`` stage is still an outage. ``in_place``: ids of
    the controls that run.

    >>> stages = [CaseStage("blend"), CaseStage("fill", failure=True), CaseStage("unit", in_unit=True)]
    >>> first_catch(stages, [CaseControl("certificate", "blend", catches=True)], ["certificate"])
    ControlCatch(stage=None, control=None, outage=True, passed=('certificate',))
    """
    stages, controls = _chain(stages, controls)
    running = check.texts(in_place, "in_place", "a list of control ids")
    known = {c.id for c in controls}
    unknown = [c for c in running if c not in known]
    if unknown:
        raise ValueError(f"in_place: unknown control {unknown[0]!r}; the ids of controls are "
                         f"{', '.join(sorted(known)) or 'none'}"[:300])
    started, passed = False, []
    for stage in stages:
        started = started or stage.failure
        here = [c for c in controls if c.stage == stage.id and c.id in running]
        if not started:
            passed += [c.id for c in here]
            continue
        for control in here:
            if control.catches:
                return ControlCatch(stage.id, control.id, stage.in_unit, tuple(passed))
            passed.append(control.id)
    return ControlCatch(None, None, True, tuple(passed))


@dataclass(frozen=True)
class OutageCost:
    """What an outage cost: ``days`` (d), ``per_day`` (USD/day lost production),
    ``flush`` (USD), ``lost_production`` and ``total`` (USD)."""

    days: float
    per_day: float
    flush: float
    lost_production: float
    total: float

    def _repr_html_(self) -> str:
        return (f"<p>{self.days:,.1f} d × {self.per_day:,.0f} USD/d = {self.lost_production:,.0f} USD "
                f"+ {self.flush:,.0f} USD = <b>{self.total:,.0f} USD</b></p>")


def outage_cost(days: float, per_day: float, flush: float = 0.0) -> OutageCost:
    """The cost of an outage in USD: ``days`` the unit stands (d) × ``per_day`` lost
    production (USD/day), plus ``flush``, the cost of draining, flushing and refilling the
    reservoir (USD). Days are counted from the shutdown to the restart.

    >>> outage_cost(3, 250_000).lost_production
    750000.0
    >>> outage_cost(-1, 250_000)
    Traceback (most recent call last):
    ...
    ValueError: days must be a number from 0 to 365 (days the unit stands), got -1
    """
    days = float(check.number(days, "days", minimum=0, maximum=365, unit="days the unit stands"))
    per_day = float(check.number(per_day, "per_day", minimum=0, maximum=1e9, unit="USD/day"))
    flush = float(check.number(flush, "flush", minimum=0, maximum=1e9, unit="USD"))
    lost = days * per_day
    return OutageCost(days, per_day, flush, lost, lost + flush)


def _links(links, name: str = "links") -> list[tuple[str, str]]:
    found = []
    for i, link in enumerate(check.items(links, name, "a list of (seller, buyer) pairs"), 1):
        if isinstance(link, (str, bytes)) or not isinstance(link, (list, tuple)) or len(link) != 2:
            raise TypeError(f"{name}: entry {i} must be a (seller, buyer) pair of names, got {check.shown(link)}")
        seller, buyer = (check.text(p, f"{name} entry {i}", "a person's name") for p in link)
        found.append((seller, buyer))
    return found


def contact_shape(links) -> str:
    """``'bow-tie'`` when every link between the seller and the buyer runs through one
    person on the buyer's side (or one on the seller's), ``'diamond'`` when links run
    between several people on both sides; ``'none'`` without links.

    >>> contact_shape([("kam", "buyer"), ("kam", "engineer"), ("lab", "engineer")])
    'diamond'
    """
    found = _links(links)
    if not found:
        return "none"
    sellers, buyers = {s for s, _ in found}, {b for _, b in found}
    return "bow-tie" if len(sellers) == 1 or len(buyers) == 1 else "diamond"


def links_left(links, leaving: str) -> list[tuple[str, str]]:
    """The links that remain when the person ``leaving`` (on either side) goes.

    >>> links_left([("kam", "buyer"), ("lab", "engineer")], "buyer")
    [('lab', 'engineer')]
    """
    found = _links(links)
    leaving = check.text(leaving, "leaving", "a person's name")
    return [(s, b) for s, b in found if leaving not in (s, b)]
