"""Case study: a bad example (案例分析：坏的例子) as data, from ``bad_example_case.yaml``:
the published turbine-oil case (DOMAIN.md M10, R30) as facts with their evidence tags, the
stages a drum passes along the channel, the controls that could run at each, the people who
own them; and the composite, fictional bow-tie case of the running case.

>>> case = load_turbine_oil_case()
>>> case.ref, case.facts["delivered"].tag
('R30', 'P')
>>> [s.id for s in case.stages if s.failure]
['repacking']
>>> case.controls["incoming_test"].stage, str(case.owners["plant_stores"].name)
('receiving', "the plant's stores and receiving")
>>> bowtie = load_bowtie_case()
>>> bowtie.account, len(bowtie.links["bowtie"]), len(bowtie.links["diamond"])
('KA23', 1, 5)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kamlib.data.schema import (
    DataError,
    bilingual,
    boolean,
    choice,
    data_path,
    field,
    identifier,
    items,
    read_yaml,
    require_keys,
    unique,
)
from kamlib.models.bad_example import CaseControl, CaseStage
from kamlib.text import Text

__all__ = ["load_turbine_oil_case", "load_bowtie_case", "CaseFact", "ControlOwner", "TurbineOilCase", "BowtieCase"]

SOURCE = "bad_example_case.yaml"
_TAGS = ("E", "P", "U")
_NODES = ("producer", "distributor", "transport", "end_user")
_SIDES = ("supplier", "distributor", "customer")


@dataclass(frozen=True)
class CaseFact:
    """A fact of the published case with its evidence tag (``P``: trade press)."""

    id: str
    text: Text
    tag: str


@dataclass(frozen=True)
class ControlOwner:
    """Who owns a control: a role, and on whose side it sits."""

    id: str
    name: Text
    side: str


@dataclass(frozen=True)
class TurbineOilCase:
    """The published case: ``facts`` (id -> :class:`CaseFact`), ``outage`` (the source's cost of
    an outage, a :class:`CaseFact`), ``stages`` in channel order, ``controls`` (id ->
    :class:`~kamlib.models.bad_example.CaseControl`), ``owners`` (id -> :class:`ControlOwner`)."""

    ref: str
    tag: str
    facts: dict
    outage: CaseFact
    stages: tuple
    controls: dict
    owners: dict


@dataclass(frozen=True)
class BowtieCase:
    """The composite, fictional case: the account id, the story, the people on each side
    (id -> name) and the links as they were (``'bowtie'``) and as a diamond would have
    them (``'diamond'``)."""

    account: str
    story: Text
    seller: dict
    buyer: dict
    links: dict


def _tagged(record, where: str, key_id: str | None = None) -> CaseFact:
    keys = ("id", "tag", "en", "zh") if key_id is None else ("tag", "en", "zh")
    require_keys(record, keys, where)
    fid = key_id or identifier(record["id"], f"{where}, key 'id'")
    return CaseFact(fid, bilingual({"en": record["en"], "zh": record["zh"]}, where), field(record, "tag", choice(_TAGS),
                                                                                        where))


def _pair(record, key: str, where: str) -> Text:
    return bilingual({"en": record[f"en_{key}"], "zh": record[f"zh_{key}"]}, f"{where}, key {key!r}")


@lru_cache(maxsize=1)
def load_turbine_oil_case() -> TurbineOilCase:
    """The published turbine-oil case, checked on load (one failure stage, every control
    at a known stage with a known owner)."""
    raw = require_keys(read_yaml(data_path(SOURCE)), ("published", "stages", "controls", "owners", "bowtie"), SOURCE)
    published = require_keys(raw["published"], ("ref", "tag", "facts", "outage"), f"{SOURCE}, key 'published'")
    seen: set = set()
    facts = {}
    for i, record in enumerate(items(published["facts"], f"{SOURCE}, published facts", "facts"), 1):
        fact = _tagged(record, f"{SOURCE}, published fact {i}")
        facts[unique(fact.id, seen, f"{SOURCE}, published fact {i}")] = fact
    outage = _tagged(published["outage"], f"{SOURCE}, published outage", key_id="outage")
    owners = {}
    if not isinstance(raw["owners"], dict) or not raw["owners"]:
        raise DataError(f"{SOURCE}, key 'owners': expected a mapping of owner id -> {{en, zh, side}}")
    for oid, record in raw["owners"].items():
        where = f"{SOURCE}, owner {oid!r}"
        require_keys(record, ("en", "zh", "side"), where)
        owners[identifier(oid, where)] = ControlOwner(str(oid), bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                               field(record, "side", choice(_SIDES), where))
    stages, seen = [], set()
    for i, record in enumerate(items(raw["stages"], f"{SOURCE}, key 'stages'", "stages"), 1):
        where = f"{SOURCE}, stage {i}"
        require_keys(record, ("id", "en", "zh", "node", "en_note", "zh_note"), where, optional=("failure", "in_unit"))
        sid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        stages.append(CaseStage(sid, bool(field(record, "failure", boolean(), where, optional=True)),
                            bool(field(record, "in_unit", boolean(), where, optional=True)),
                            bilingual({"en": record["en"], "zh": record["zh"]}, where), _pair(record, "note", where),
                            field(record, "node", choice(_NODES), where)))
    if sum(s.failure for s in stages) != 1:
        raise DataError(f"{SOURCE}, key 'stages': exactly one stage must say failure: true")
    stage_ids = [s.id for s in stages]
    controls, seen = {}, set()
    for i, record in enumerate(items(raw["controls"], f"{SOURCE}, key 'controls'", "controls"), 1):
        where = f"{SOURCE}, control {i}"
        require_keys(record, ("id", "stage", "catches", "owner", "en", "zh", "en_why", "zh_why"), where)
        cid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        controls[cid] = CaseControl(cid, field(record, "stage", choice(stage_ids), where),
                                field(record, "catches", boolean(), where),
                                bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                field(record, "owner", choice(owners), where), _pair(record, "why", where))
    return TurbineOilCase(str(published["ref"]), field(published, "tag", choice(_TAGS), f"{SOURCE}, key 'published'"), facts,
                outage, tuple(stages), controls, owners)


@lru_cache(maxsize=1)
def load_bowtie_case() -> BowtieCase:
    """The composite, fictional bow-tie case (the running case), checked on load: every
    link joins a seller-side person to a buyer-side person of the case."""
    raw = require_keys(read_yaml(data_path(SOURCE)), ("published", "stages", "controls", "owners", "bowtie"), SOURCE)
    where = f"{SOURCE}, key 'bowtie'"
    record = require_keys(raw["bowtie"], ("account", "fictional", "en", "zh", "people", "links_bowtie",
                                          "links_diamond"), where)
    if record["fictional"] is not True:
        raise DataError(f"{where}: the composite case must say fictional: true")
    people = require_keys(record["people"], ("seller", "buyer"), f"{where}, key 'people'")
    sides = {}
    for side in ("seller", "buyer"):
        sides[side], seen = {}, set()
        for i, person in enumerate(items(people[side], f"{where}, people {side}", "people"), 1):
            at = f"{where}, {side} {i}"
            require_keys(person, ("id", "en", "zh"), at)
            pid = unique(identifier(person["id"], f"{at}, key 'id'"), seen, f"{at}, key 'id'")
            sides[side][pid] = bilingual({"en": person["en"], "zh": person["zh"]}, at)
    links = {}
    for kind in ("bowtie", "diamond"):
        links[kind] = []
        for i, link in enumerate(items(record[f"links_{kind}"], f"{where}, links_{kind}", "links"), 1):
            if (not isinstance(link, list) or len(link) != 2 or link[0] not in sides["seller"]
                    or link[1] not in sides["buyer"]):
                raise DataError(f"{where}, links_{kind} entry {i}: expected [seller id, buyer id] of the case's "
                                f"people, got {link!r}"[:300])
            links[kind].append((link[0], link[1]))
    return BowtieCase(str(record["account"]), bilingual({"en": record["en"], "zh": record["zh"]}, where),
                      sides["seller"], sides["buyer"], links)
