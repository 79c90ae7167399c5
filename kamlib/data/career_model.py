"""The personal career model (个人职业发展模型) as data: the four positions with the book's one-line
summary and the lecture's reading of each in a KAM's work (``career_model_quadrants.yaml``), and a
key-account manager's typical week for lecture 01's tool (``career_model_week.yaml``).

>>> load_quadrants()["S"].name.zh, load_quadrants()["B"].earns.en[:18]
('自由职业者/专业人士', 'owns a system that')
>>> week = load_week()
>>> len(week.activities), week.sorting["rescue_delivery"]
(9, 'S')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kamlib.data.schema import (
    DataError,
    bilingual,
    choice,
    data_path,
    field,
    identifier,
    items,
    number,
    read_yaml,
    require_keys,
    unique,
)
from kamlib.models.career_model import QUADRANTS, Activity
from kamlib.text import Text

__all__ = ["Quadrant", "Week", "load_quadrants", "load_week"]


@dataclass(frozen=True)
class Quadrant:
    """One position: its name, how it earns (the book's summary [P]) and how the lecture reads it in
    a key-account manager's work (the lecturer's framing [U])."""

    id: str
    name: Text
    earns: Text
    kam: Text


@dataclass(frozen=True)
class Week:
    """A week of activities (hours each) and how the lecture sorts them: activity id -> position."""

    activities: tuple[Activity, ...]
    sorting: dict


@lru_cache(maxsize=1)
def load_quadrants() -> dict[str, Quadrant]:
    """Position id (``'E'``, ``'S'``, ``'B'``, ``'I'``) -> :class:`Quadrant`, in the book's order."""
    source = "career_model_quadrants.yaml"
    found: dict[str, Quadrant] = {}
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "quadrants"), 1):
        where = f"{source}, quadrant {i}"
        require_keys(record, ("id", "en", "zh", "earns", "kam"), where)
        qid = unique(field(record, "id", choice(QUADRANTS), where), set(found), f"{where}, key 'id'")
        found[qid] = Quadrant(qid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                              bilingual(record["earns"], f"{where}, key 'earns'"),
                              bilingual(record["kam"], f"{where}, key 'kam'"))
    if list(found) != list(QUADRANTS):
        raise DataError(f"{source}: expected the positions {', '.join(QUADRANTS)} in that order, got {list(found)}")
    return found


@lru_cache(maxsize=1)
def load_week() -> Week:
    """Zhao Min's week at Northbridge Steel Works: the activities (hours a week) and the lecture's
    sorting of them."""
    source = "career_model_week.yaml"
    activities, sorting, seen = [], {}, set()
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "activities"), 1):
        where = f"{source}, activity {i}"
        require_keys(record, ("id", "hours", "lecture", "en", "zh"), where)
        aid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        hours = field(record, "hours", number(0, 80, "hours a week"), where)
        activities.append(Activity(aid, bilingual({"en": record["en"], "zh": record["zh"]}, where), hours))
        sorting[aid] = field(record, "lecture", choice(QUADRANTS), where)
    return Week(tuple(activities), sorting)
