"""The personal career model (个人职业发展模型): four positions a person can work from, and the
arithmetic behind them (DOMAIN.md M1, lecture §0).

Kiyosaki's *Cashflow Quadrant* (1998) sorts how people earn into four positions: **E**, employee
(职员/雇员: "has a job"); **S**, self-employed or specialist (自由职业者/专业人士: "owns a job", the
income stops when they stop working); **B**, business owner (业主/企业主: owns a *system* that others
work in); **I**, investor (投资者: money works for them). It is a self-help book's model, a
practitioner's view [P], used here for reflection, not research. The lecture uses it to ask where a
key-account manager (大客户经理) stands: someone who runs an account like the owner of a system.
That link is the lecturer's framing [U].

Two sums a salesperson does with it: the share of an income (CNY/yr) or of an account's volume
(t/yr) that keeps coming when the person stops working (:func:`share_of` the streams you judge
to continue), and how a week's
hours spread over the four positions once you have sorted its activities (:func:`week_profile`).
kamlib only adds up; which source continues and where an activity belongs is your judgement.

>>> income = [Stream("a", Text("salary", "工资"), 240_000), Stream("b", Text("rent", "房租"), 60_000)]
>>> share_of(income, ["b"])
20.0
>>> week = [Activity("x", Text("visit", "拜访"), 6), Activity("y", Text("plan", "计划"), 2)]
>>> week_profile(week, {"x": "S", "y": "B"}).share["B"]
25.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kamlib.models import arguments as check
from kamlib.text import Text

__all__ = [
    "QUADRANTS",
    "QUADRANT_GRID",
    "OWNER_QUADRANTS",
    "STREAM_UNITS",
    "Stream",
    "Activity",
    "WeekProfile",
    "share_of",
    "week_profile",
]

#: The four positions, in the book's order; glossary ``quadrant_<id>``.
QUADRANTS = ("E", "S", "B", "I")
#: Where each sits in the usual drawing: (column, row); the left column's income stops when the
#: person stops working, the right column's keeps coming (a system or money does the work).
QUADRANT_GRID = {"E": (0, 1), "S": (0, 0), "B": (1, 1), "I": (1, 0)}
#: The right-hand column: income (or results) that does not depend on the person's own hours.
OWNER_QUADRANTS = ("B", "I")


def _nonnegative(value: object, name: str, unit: str) -> float:
    return float(check.number(value, name, minimum=0, unit=unit))


#: Units a stream may be counted in.
STREAM_UNITS = ("CNY/yr", "t/yr")


@dataclass(frozen=True)
class Stream:
    """One stream of a person's income or of an account's results: ``per_year`` (>= 0) in ``unit``,
    ``'CNY/yr'`` (income) or ``'t/yr'`` (volume)."""

    id: str
    text: Text
    per_year: float
    unit: str = "CNY/yr"

    def __post_init__(self):
        check.text(self.id, "id", "a stream id")
        if not isinstance(self.text, Text):
            raise TypeError(f"text must be a Text (en, zh), got {type(self.text).__name__}")
        check.one_of(self.unit, "unit", STREAM_UNITS)
        object.__setattr__(self, "per_year", _nonnegative(self.per_year, "per_year", self.unit))


@dataclass(frozen=True)
class Activity:
    """One activity of a working week: ``hours`` a week (0 to 80)."""

    id: str
    text: Text
    hours: float

    def __post_init__(self):
        check.text(self.id, "id", "an activity id")
        if not isinstance(self.text, Text):
            raise TypeError(f"text must be a Text (en, zh), got {type(self.text).__name__}")
        object.__setattr__(self, "hours", float(check.number(self.hours, "hours", minimum=0, maximum=80,
                                                             unit="hours a week")))


@dataclass(frozen=True)
class WeekProfile:
    """A week sorted into the four positions: hours and share (% of the sorted hours) per position,
    the hours not sorted yet, and the owner share (B and I together, %)."""

    hours: dict = field(default_factory=dict)
    share: dict = field(default_factory=dict)
    unsorted_hours: float = 0.0
    unsorted: tuple[str, ...] = ()

    @property
    def total_hours(self) -> float:
        return round(sum(self.hours.values()), 6)

    @property
    def owner_share(self) -> float:
        return round(sum(self.share[q] for q in OWNER_QUADRANTS), 6)


def _unique_ids(found, name: str, what: str) -> dict:
    ids: dict = {}
    for item in found:
        if item.id in ids:
            raise ValueError(f"{name} must have different ids ({what}); {item.id!r} comes twice")
        ids[item.id] = item
    return ids


def share_of(streams: Iterable[Stream], ids: Iterable[str]) -> float:
    """The share (%, 0-100) of the total of ``streams`` (one unit) that comes from the streams ``ids``.
    Which streams keep coming when the person stops working is your judgement; this only adds up.

    >>> s = [Stream("a", Text("fees", "咨询费"), 300_000), Stream("b", Text("dividends", "分红"), 100_000)]
    >>> share_of(s, []), share_of(s, ["a", "b"])
    (0.0, 100.0)
    >>> share_of(s, ["c"])
    Traceback (most recent call last):
    ...
    ValueError: ids must be ids of streams (a, b); got ['c']
    """
    known = _unique_ids(check.instances(streams, "streams", Stream, "Stream", nonempty=True),
                        "streams", "one per stream")
    units = sorted({s.unit for s in known.values()})
    if len(units) > 1:
        raise ValueError(f"streams must all be in one unit, got {', '.join(units)}")
    chosen = list(dict.fromkeys(check.texts(ids, "ids", "a list of stream ids")))
    unknown = [i for i in chosen if i not in known]
    if unknown:
        raise ValueError(f"ids must be ids of streams ({', '.join(known)}); got {check.shown(unknown)}")
    total = sum(s.per_year for s in known.values())
    if total == 0:
        raise ValueError("streams must add up to more than 0: every per_year is 0")
    return round(100 * sum(known[i].per_year for i in chosen) / total, 6)


def week_profile(activities: Iterable[Activity], sorting: Mapping[str, str]) -> WeekProfile:
    """Add up a week's hours by position: ``sorting`` maps an activity id to ``'E'``, ``'S'``,
    ``'B'`` or ``'I'``; an activity left out (or mapped to None) is not sorted yet. Shares are %
    of the sorted hours (all 0 when nothing is sorted).

    >>> week = [Activity("a", Text("deliver", "送货"), 6), Activity("b", Text("train", "培训"), 3),
    ...         Activity("c", Text("report", "周报"), 1)]
    >>> p = week_profile(week, {"a": "S", "b": "B"})
    >>> p.hours, p.share["S"], p.unsorted
    ({'E': 0.0, 'S': 6.0, 'B': 3.0, 'I': 0.0}, 66.666667, ('c',))
    >>> week_profile(week, {"a": "X"})
    Traceback (most recent call last):
    ...
    ValueError: sorting must map activity ids to one of 'E', 'S', 'B', 'I' (or None); got 'X' for 'a'
    """
    known = _unique_ids(check.instances(activities, "activities", Activity, "Activity", nonempty=True),
                        "activities", "one per activity")
    sorting = check.mapping(sorting, "sorting", "a dict {activity id: 'E', 'S', 'B' or 'I'}")
    for key, position in sorting.items():
        if key not in known:
            raise ValueError(f"sorting must map activity ids ({', '.join(known)}); got {check.shown(key)}")
        if position is not None and (not isinstance(position, str) or position not in QUADRANTS):
            raise ValueError(f"sorting must map activity ids to one of 'E', 'S', 'B', 'I' (or None); got "
                             f"{check.shown(position)} for {key!r}")
    hours = {q: 0.0 for q in QUADRANTS}
    unsorted = []
    for aid, activity in known.items():
        position = sorting.get(aid)
        if position is None:
            unsorted.append(aid)
        else:
            hours[position] += activity.hours
    hours = {q: round(h, 6) for q, h in hours.items()}  # to the second's fraction: no float dust
    total = sum(hours.values())
    share = {q: (round(100 * h / total, 6) if total else 0.0) for q, h in hours.items()}
    return WeekProfile(hours, share,
                       round(sum(known[a].hours for a in unsorted), 6), tuple(unsorted))
