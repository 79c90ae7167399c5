"""The goals of key-account management (大客户管理的三大目标) as data: the ten needs and wishes
with what each means and the line a value statement uses to answer it
(``goals_and_needs_needs.yaml``), the running case's buyers at Cloudridge Cement and what they said
(``goals_and_needs_people.yaml``), and the claims lecture 03 weighs (``goals_and_needs_claims.yaml``).

>>> needs = load_needs()
>>> needs["security"].kind, needs["safety"].kind, needs["security"].name.zh
('personal', 'business', '安全感')
>>> [p.role.en for p in load_buyers().values()]
['maintenance manager', 'purchasing manager', 'plant manager']
>>> len(load_buyer_quotes()), load_needs_claims()["hbs_80"].tag
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
    items,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.goals_and_needs import (
    BUSINESS_NEEDS,
    NEED_CATEGORIES,
    PERSONAL_WISHES,
    BuyerQuote,
    kind_of,
)
from kamlib.text import Text

__all__ = ["NeedCategory", "Buyer", "NeedsClaim", "load_needs", "load_buyers", "load_buyer_quotes", "load_needs_claims",
           "buyer_needs"]

_TAGS = ("E", "P", "U")


@dataclass(frozen=True)
class NeedCategory:
    """One of the slide's ten: its name, kind (business or personal), what it means at a
    lubricant account, and the line with which a value statement answers it."""

    id: str
    name: Text
    kind: str
    means: Text
    offer: Text


@dataclass(frozen=True)
class Buyer:
    """A person at a running-case account."""

    id: str
    account: str
    name: Text
    role: Text


@dataclass(frozen=True)
class NeedsClaim:
    """A claim the lecture weighs: its text, evidence tag (E, P, U), what to know, its source."""

    id: str
    text: Text
    tag: str
    note: Text
    source: str


@lru_cache(maxsize=1)
def load_needs() -> dict[str, NeedCategory]:
    """Category id -> :class:`NeedCategory`, business needs first, in the slide's order."""
    source = "goals_and_needs_needs.yaml"
    found = {}
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "needs"), 1):
        where = f"{source}, need {i}"
        require_keys(record, ("id", "means", "offer"), where)
        nid = unique(field(record, "id", choice(NEED_CATEGORIES), where), set(found), f"{where}, key 'id'")
        found[nid] = NeedCategory(nid, Text.term(f"need_{nid}"), kind_of(nid), bilingual(record["means"], f"{where}, key 'means'"),
                          bilingual(record["offer"], f"{where}, key 'offer'"))
    if tuple(found) != NEED_CATEGORIES:
        raise DataError(f"{source}: expected the needs {', '.join(NEED_CATEGORIES)} in that order, got {list(found)}")
    return found


def _people_file() -> dict:
    source = "goals_and_needs_people.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("people", "quotes"), source)
    return raw


@lru_cache(maxsize=1)
def load_buyers() -> dict[str, Buyer]:
    """Person id -> :class:`Buyer`: the running case's maintenance, purchasing and plant managers."""
    source = "goals_and_needs_people.yaml"
    found = {}
    for i, record in enumerate(items(_people_file()["people"], source, "people"), 1):
        where = f"{source}, person {i}"
        require_keys(record, ("id", "account", "name", "role"), where)
        pid = unique(identifier(record["id"], f"{where}, key 'id'"), set(found), f"{where}, key 'id'")
        found[pid] = Buyer(pid, field(record, "account", text(), where), bilingual(record["name"], f"{where}, key 'name'"),
                           bilingual(record["role"], f"{where}, key 'role'"))
    return found


@lru_cache(maxsize=1)
def load_buyer_quotes() -> tuple[BuyerQuote, ...]:
    """What the running case's buyers said, each tagged with the need or wish it shows."""
    source = "goals_and_needs_people.yaml"
    people, seen, found = load_buyers(), set(), []
    for i, record in enumerate(items(_people_file()["quotes"], source, "quotes"), 1):
        where = f"{source}, quote {i}"
        require_keys(record, ("id", "person", "category", "en", "zh"), where)
        qid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        found.append(BuyerQuote(qid, field(record, "person", choice(tuple(people)), where),
                                bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                field(record, "category", choice(NEED_CATEGORIES), where)))
    for pid in people:
        kinds = {q.kind for q in found if q.person == pid}
        if kinds != {"business", "personal"}:
            raise DataError(f"{source}: {pid} needs at least one business and one personal quote, got {sorted(kinds)}")
    return tuple(found)


def buyer_needs(person: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The business needs and the personal wishes ``person`` (a running-case buyer's id) has
    shown in what they said, each in the slide's order.

    >>> buyer_needs("luo")
    (('volume', 'safety'), ('achievement', 'security'))
    """
    from kamlib.models import arguments as check

    check.one_of(person, "person", tuple(load_buyers()))
    shown = {q.category for q in load_buyer_quotes() if q.person == person}
    return (tuple(c for c in BUSINESS_NEEDS if c in shown), tuple(c for c in PERSONAL_WISHES if c in shown))


@lru_cache(maxsize=1)
def load_needs_claims() -> dict[str, NeedsClaim]:
    """Claim id -> :class:`NeedsClaim`: Webster & Wind, Miller Heiman, and the "80 % emotional"
    slide's claim with the evidence around it."""
    source = "goals_and_needs_claims.yaml"
    found, seen = {}, set()
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "claims"), 1):
        where = f"{source}, claim {i}"
        require_keys(record, ("id", "en", "zh", "tag", "note", "source"), where)
        cid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        found[cid] = NeedsClaim(cid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                field(record, "tag", choice(_TAGS), where), bilingual(record["note"], f"{where}, key 'note'"),
                                field(record, "source", text(nonempty=False), where))
    return found
