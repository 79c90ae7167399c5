"""People and the sales cycle (人员特征与销售循环) as data: the behaviours lecture 06's tool
places a person by (``people_and_sales_cycle_behaviours.yaml``), the four social styles with how
to open a meeting (``people_and_sales_cycle_styles.yaml``), and the claims the lecture weighs with
their evidence tags (``people_and_sales_cycle_evidence.yaml``).

>>> load_styles()["driver"].name.zh, load_styles()["analytical"].assertiveness
('驾驭型', 'low')
>>> len(load_behaviours()), load_evidence()["hbs_80"].tag
(12, 'U')
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
    integer,
    items,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.people_and_sales_cycle import AXES, SOCIAL_STYLES, STYLE_GRID, Behaviour, Style
from kamlib.text import Text

__all__ = ["load_behaviours", "load_styles", "load_evidence", "Claim"]

_TAGS = ("E", "P", "U")


@lru_cache(maxsize=1)
def load_behaviours() -> tuple[Behaviour, ...]:
    """The observable behaviours of lecture 06's tool, each on one scale of the grid."""
    source = "people_and_sales_cycle_behaviours.yaml"
    found, seen = [], set()
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "behaviours"), 1):
        where = f"{source}, behaviour {i}"
        require_keys(record, ("id", "axis", "sign", "en", "zh"), where)
        bid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        sign = field(record, "sign", integer(-1, 1), where)
        if sign == 0:
            raise DataError(f"{where}, key 'sign': expected 1 or -1, got 0")
        found.append(Behaviour(bid, field(record, "axis", choice(AXES), where), sign,
                               bilingual({"en": record["en"], "zh": record["zh"]}, where)))
    for axis in AXES:
        if {b.sign for b in found if b.axis == axis} != {1, -1}:
            raise DataError(f"{source}: the {axis} scale needs behaviours at both ends (sign 1 and -1)")
    return tuple(found)


@lru_cache(maxsize=1)
def load_styles() -> dict[str, Style]:
    """Style id -> :class:`~kamlib.models.people_and_sales_cycle.Style`, in the grid's order."""
    source = "people_and_sales_cycle_styles.yaml"
    found = {}
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "styles"), 1):
        where = f"{source}, style {i}"
        require_keys(record, ("id", "en", "zh", "assertiveness", "responsiveness", "opening", "avoid"), where)
        sid = unique(field(record, "id", choice(SOCIAL_STYLES), where), set(found), f"{where}, key 'id'")
        levels = {axis: field(record, axis, choice(("high", "low")), where) for axis in AXES}
        if tuple(1 if levels[a] == "high" else -1 for a in AXES) != STYLE_GRID[sid]:
            raise DataError(f"{where}: {sid} is {STYLE_GRID[sid]} on the grid (assertiveness, responsiveness), "
                            f"got {levels}")
        found[sid] = Style(sid, bilingual({"en": record["en"], "zh": record["zh"]}, where), levels["assertiveness"],
                           levels["responsiveness"], bilingual(record["opening"], f"{where}, key 'opening'"),
                           bilingual(record["avoid"], f"{where}, key 'avoid'"))
    if list(found) != list(SOCIAL_STYLES):
        raise DataError(f"{source}: expected the styles {', '.join(SOCIAL_STYLES)} in that order, got {list(found)}")
    return found


@dataclass(frozen=True)
class Claim:
    """A claim the lecture weighs: its text, evidence tag (E, P, U), what to know about it, its source."""

    id: str
    text: Text
    tag: str
    note: Text
    source: str


@lru_cache(maxsize=1)
def load_evidence() -> dict[str, Claim]:
    """Claim id -> :class:`Claim`: the "80 % emotional" slide's claim and the evidence around it,
    the sales-call stages, social styles, DISC's history and the style-matching caveat."""
    source = "people_and_sales_cycle_evidence.yaml"
    found, seen = {}, set()
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "claims"), 1):
        where = f"{source}, claim {i}"
        require_keys(record, ("id", "en", "zh", "tag", "note", "source"), where)
        cid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        found[cid] = Claim(cid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                           field(record, "tag", choice(_TAGS), where), bilingual(record["note"], f"{where}, key 'note'"),
                           field(record, "source", text(nonempty=False), where))
    return found
