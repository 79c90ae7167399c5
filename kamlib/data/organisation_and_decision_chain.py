"""Organisation and the decision chain (组织结构与决策链) as data: the running case's customer with
its organisation chart, buying-centre roles, decision chain for a change of lubricant, and
Harbourlight's team with its contact matrix (``organisation_and_decision_chain.yaml``).

>>> case = load_organisation("northbridge")
>>> case.name.zh, case.chain[:2], case.chart.nodes["pm"]["person"].roles
('北桥钢铁', ('re', 'lf'), ('decider',))
>>> case.matrix.strength("kam", "pc"), [m.name.en for m in load_team()][:2]
(3, ['Li Na', 'Chen Gang'])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from kamlib.data.schema import (
    DataError,
    bilingual,
    data_path,
    field,
    identifier,
    items,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.organisation_and_decision_chain import (
    ContactMatrix,
    Person,
    contact_matrix,
    decision_chain,
    org_chart,
)
from kamlib.text import Text

__all__ = ["load_organisation", "load_team", "organisation_names", "TeamMember", "Organisation"]

_SOURCE = "organisation_and_decision_chain.yaml"


@dataclass(frozen=True)
class TeamMember:
    """One of Harbourlight's people who works the account."""

    id: str
    name: Text
    title: Text


@dataclass(frozen=True)
class Organisation:
    """A customer's organisation: ``chart`` (from :func:`org_chart`), each person's ``titles``, the
    decision ``chain`` (person ids in order) with what happens at each ``steps``, and our ``matrix``."""

    id: str
    account: str
    name: Text
    chart: nx.DiGraph
    titles: dict
    chain: tuple[str, ...]
    steps: tuple[Text, ...]
    matrix: ContactMatrix

    def person(self, pid: str) -> Person:
        return self.chart.nodes[pid]["person"]

    def label(self, pid: str) -> Text:
        """'Dong Wei (plant manager)' for someone in the chart, or one of our people's name."""
        if pid in self.chart:
            p, t = self.person(pid), self.titles[pid]
            return Text(f"{p.name.en} ({t.en})", f"{p.name.zh}（{t.zh}）")
        team = {m.id: m for m in load_team()}
        return team[pid].name if pid in team else Text(pid, pid)


@lru_cache(maxsize=1)
def _raw() -> dict:
    raw = read_yaml(data_path(_SOURCE))
    if not isinstance(raw, dict):
        raise DataError(f"{_SOURCE}: expected the keys 'team' and 'customers'")
    require_keys(raw, ("team", "customers"), _SOURCE)
    return raw


@lru_cache(maxsize=1)
def load_team() -> tuple[TeamMember, ...]:
    """Harbourlight's people who work the running case's accounts."""
    found, seen = [], set()
    for i, record in enumerate(items(_raw()["team"], _SOURCE, "team"), 1):
        where = f"{_SOURCE}, team member {i}"
        require_keys(record, ("id", "en", "zh", "title"), where)
        mid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        found.append(TeamMember(mid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                bilingual(record["title"], f"{where}, key 'title'")))
    return tuple(found)


def organisation_names() -> tuple[str, ...]:
    """The customers whose organisation is on file."""
    return tuple(str(c.get("id")) for c in items(_raw()["customers"], _SOURCE, "customers"))


def load_organisation(customer: str = "northbridge") -> Organisation:
    """One customer's organisation, checked: every role known, no reporting cycle, every person
    in the chain and the contact matrix in the chart, every strength 0-3 (a bad record is named)."""
    names = organisation_names()
    if not isinstance(customer, str) or customer not in names:
        raise ValueError(f"customer must be one of {', '.join(names)}; got {str(customer)[:60]!r}")
    return _load(customer)


@lru_cache(maxsize=8)
def _load(customer: str) -> Organisation:
    from kamlib.data.key_accounts import load_accounts

    i = organisation_names().index(customer)
    record = _raw()["customers"][i]
    where = f"{_SOURCE}, customer {customer}"
    require_keys(record, ("id", "account", "people", "influences", "chain", "contacts"), where)
    accounts = {a.id: a for a in load_accounts()}
    account = field(record, "account", text(), where)
    if account not in accounts:
        raise DataError(f"{where}, key 'account': {account!r} is not in key_accounts.csv")
    people, titles = [], {}
    for j, p in enumerate(items(record["people"], where, "people"), 1):
        at = f"{where}, person {j}"
        require_keys(p, ("id", "en", "zh", "title", "level", "function", "roles"), at, optional=("reports_to",))
        try:
            people.append(Person(p["id"], bilingual({"en": p["en"], "zh": p["zh"]}, at), p["level"], p["function"],
                                 tuple(p["roles"] or ()), p.get("reports_to")))
        except (TypeError, ValueError) as e:
            raise DataError(f"{at}: {e}") from None
        titles[p["id"]] = bilingual(p["title"], f"{at}, key 'title'")
    steps = items(record["chain"], where, "chain")
    try:
        chart = org_chart(people, [tuple(pair) for pair in record["influences"] or ()])
        chain = decision_chain(chart, [s.get("person") for s in steps])
        matrix = contact_matrix(record["contacts"], chart)
    except (TypeError, ValueError) as e:
        raise DataError(f"{where}: {e}") from None
    team = {m.id for m in load_team()}
    strangers = [o for o in matrix.ours if o not in team]
    if strangers:
        raise DataError(f"{where}, key 'contacts': {strangers} not in the team")
    a = accounts[account]
    return Organisation(customer, account, Text(a.name, a.name_zh), chart, titles, chain,
                        tuple(bilingual({"en": s["en"], "zh": s["zh"]}, f"{where}, chain step {k}")
                              for k, s in enumerate(steps, 1)), matrix)
