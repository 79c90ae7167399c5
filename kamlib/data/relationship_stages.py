"""Relationship stages, bow-tie and diamond (大客户关系发展阶段) as data: the six stages with the
slide's own early- and mid-stage text (``relationship_stages_stages.yaml``), and the contact
networks of three running-case accounts (``relationship_stages_networks.yaml``).

>>> load_stages()["mid"].name.zh, len(load_stages()["early"].slide)
('中期', 3)
>>> describe_stage("late")
Traceback (most recent call last):
...
ValueError: stage must be one of 'pre', 'early', 'mid', 'partnership', 'synergistic', 'uncoupling'; got 'late'
>>> list_contact_networks()
['KA05', 'KA01', 'KA10']
>>> from kamlib.models.relationship_stages import exposure
>>> [exposure(load_contact_network(a)).shape for a in list_contact_networks()]
['bow_tie', 'widening', 'diamond']
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
from kamlib.models import arguments as check
from kamlib.models.key_accounts import STAGES
from kamlib.models.relationship_stages import LEVELS, Contact, Stage, check_stage, contact_network
from kamlib.text import Text

__all__ = ["load_stages", "describe_stage", "NetworkCase", "list_contact_networks", "load_network_case",
           "load_contact_network"]


@lru_cache(maxsize=1)
def load_stages() -> dict[str, Stage]:
    """Stage id -> :class:`~kamlib.models.relationship_stages.Stage`, in the order of ``STAGES``."""
    source = "relationship_stages_stages.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("stages",), source)
    found = {}
    for i, record in enumerate(items(raw["stages"], source, "stages"), 1):
        where = f"{source}, stage {i}"
        require_keys(record, ("id", "summary", "contacts"), where, optional=("slide",))
        sid = unique(field(record, "id", choice(STAGES), where), set(found), f"{where}, key 'id'")
        slide = tuple(bilingual(line, f"{where}, slide line {j}")
                      for j, line in enumerate(items(record.get("slide", []), where, "slide", nonempty=False), 1))
        found[sid] = Stage(sid, Text.term(f"stage_{sid}"), bilingual(record["summary"], f"{where}, key 'summary'"),
                           bilingual(record["contacts"], f"{where}, key 'contacts'"), slide)
    if list(found) != list(STAGES):
        raise DataError(f"{source}: expected the stages {', '.join(STAGES)} in that order, got {list(found)}")
    return found


def describe_stage(stage: str) -> Stage:
    """The stage named ``stage`` (one of ``STAGES``): what marks it and its typical contacts."""
    return load_stages()[check_stage(stage)]


@dataclass(frozen=True)
class NetworkCase:
    """A running-case account's contact network as data: its people, today's links, and the
    cross-links the lecture's tool offers to add (``possible``)."""

    account: str
    contacts: tuple[Contact, ...]
    links: tuple[tuple[str, str], ...]
    possible: tuple[tuple[str, str], ...]


def _people(records, side: str, where: str, seen: set) -> list[Contact]:
    found = []
    for i, record in enumerate(items(records, where, side), 1):
        at = f"{where}, {side} {i}"
        require_keys(record, ("id", "level", "en", "zh"), at)
        cid = unique(identifier(record["id"], f"{at}, key 'id'"), seen, f"{at}, key 'id'")
        found.append(Contact(cid, side, field(record, "level", choice(LEVELS), at),
                             bilingual({"en": record["en"], "zh": record["zh"]}, at)))
    return found


def _pairs(records, where: str, known: set, nonempty: bool = True) -> tuple[tuple[str, str], ...]:
    found = []
    for i, pair in enumerate(items(records, where, "links", nonempty=nonempty), 1):
        if not isinstance(pair, list) or len(pair) != 2 or not all(p in known for p in pair) or pair[0] == pair[1]:
            raise DataError(f"{where}, link {i}: expected [contact id, contact id] of two different people, got {pair!r}")
        found.append((pair[0], pair[1]))
    return tuple(found)


@lru_cache(maxsize=1)
def _cases() -> dict[str, NetworkCase]:
    source = "relationship_stages_networks.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("seller", "seller_links", "networks"), source)
    seen: set = set()
    seller = _people(raw["seller"], "seller", source, seen)
    seller_links = _pairs(raw["seller_links"], f"{source}, seller_links", seen)
    found = {}
    for i, record in enumerate(items(raw["networks"], source, "networks"), 1):
        where = f"{source}, network {i}"
        require_keys(record, ("account", "buyer", "buyer_links", "links", "possible"), where)
        account = unique(field(record, "account", text(), where), set(found), f"{where}, key 'account'")
        known = set(seen)
        buyer = _people(record["buyer"], "buyer", where, known)
        links = (seller_links + _pairs(record["buyer_links"], f"{where}, buyer_links", known)
                 + _pairs(record["links"], f"{where}, links", known))
        found[account] = NetworkCase(account, tuple(seller + buyer), links,
                                     _pairs(record["possible"], f"{where}, possible", known, nonempty=False))
    return found


def list_contact_networks() -> list[str]:
    """The running-case accounts with a contact network (account ids), bow-tie first."""
    return list(_cases())


def load_network_case(account: str) -> NetworkCase:
    """The contact network of the running-case account ``account`` as data (:class:`NetworkCase`)."""
    if not isinstance(account, str):
        raise TypeError(f"account must be an account id (text), one of {', '.join(_cases())}; "
                        f"got {type(account).__name__}")
    return _cases()[check.one_of(account, "account", tuple(_cases()))]


def load_contact_network(account: str):
    """The contact network of the running-case account ``account`` today, as a fresh
    :class:`networkx.Graph` (see :func:`~kamlib.models.relationship_stages.contact_network`)."""
    case = load_network_case(account)
    return contact_network(case.contacts, case.links)
