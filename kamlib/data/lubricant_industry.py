"""Lubricant industry characteristics (润滑油行业特征) as data: the sectors whose key
accounts buy lubricants (DOMAIN.md M9) with their profiles, from ``lubricant_industry.yaml``;
the sources behind them (``lubricant_industry_sources.yaml``); the market context
(``lubricant_industry_market.yaml``).

>>> sectors = load_sectors()
>>> sectors["cement"].name.zh, len(sectors) >= 10
('水泥', True)
>>> sectors["food"].products
('grease:H1',)
>>> sectors["food"].specs[0].tag, sectors["food"].specs[0].ref
('E', 'R25')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kamlib.data.schema import (
    DataError,
    bilingual,
    check,
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
from kamlib.models.lubricant_industry import MAX_TRAITS, TAGS, Sector, Trait
from kamlib.text import Text

__all__ = ["load_sectors", "load_sources", "Source", "load_market", "MarketFact", "sector_rows", "sectors_frame"]


@dataclass(frozen=True)
class Source:
    """A source of the sector profiles: a short citation, what kind of source it is, a link."""

    id: str
    cite: str
    kind: str
    url: str


@lru_cache(maxsize=1)
def load_sources() -> dict[str, Source]:
    """Source id (``R27``, ``S1`` ...) -> :class:`Source`, from ``lubricant_industry_sources.yaml``.

    >>> load_sources()["R27"].kind
    'vendor article'
    """
    source = "lubricant_industry_sources.yaml"
    raw = read_yaml(data_path(source))
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{source}: expected a mapping of source id -> {{cite, kind, url}}")
    found = {}
    for sid, record in raw.items():
        where = f"{source}, source {sid!r}"
        require_keys(record, ("cite", "kind", "url"), where)
        found[str(sid)] = Source(str(sid), field(record, "cite", text(), where), field(record, "kind", text(), where),
                                 field(record, "url", text(nonempty=False), where))
    return found


def _trait(record, where: str, sources) -> Trait:
    require_keys(record, ("en", "zh", "tag", "match"), where, optional=("ref",))
    tag = field(record, "tag", choice(TAGS), where)
    ref = field(record, "ref", choice(sources), where, optional=True) or ""
    words = items(record["match"], f"{where}, key 'match'", "words")
    match = tuple(check(w, text(), f"{where}, match entry {i}").lower() for i, w in enumerate(words, 1))
    return Trait(bilingual({"en": record["en"], "zh": record["zh"]}, where), tag, ref, match)


def _traits(record, key: str, where: str, sources) -> tuple[Trait, ...]:
    entries = items(record[key], f"{where}, key {key!r}", "points {en, zh, tag, match}")
    if len(entries) > MAX_TRAITS:
        raise DataError(f"{where}, key {key!r}: no more than {MAX_TRAITS} points (the lecture's rule), "
                        f"got {len(entries)}")
    return tuple(_trait(e, f"{where}, {key} entry {i}", sources) for i, e in enumerate(entries, 1))


def _products(record, where: str, options) -> tuple[str, ...]:
    entries = items(record["products"], f"{where} ({record['id']}), key 'products'", "products")
    for entry in entries:
        unknown = [p for p in str(entry).split("|") if p not in options]
        if unknown:
            raise DataError(f"{where} ({record['id']}), key 'products': unknown product {unknown[0]!r}; "
                            f"expected one of {', '.join(options)} (or alternatives joined by '|')")
    return tuple(str(e) for e in entries)


@lru_cache(maxsize=1)
def load_sectors() -> dict[str, Sector]:
    """Sector id -> :class:`~kamlib.models.lubricant_industry.Sector` (name, key equipment,
    needs, specs that decide a sale, buying traits, sources, defining products), in the
    file's order."""
    from kamlib.data.course import product_options

    source = "lubricant_industry.yaml"
    options = product_options()
    sources = load_sources()
    sectors, seen = {}, set()
    keys = ("id", "en", "zh", "equipment", "needs", "specs", "buying", "products", "refs")
    for i, record in enumerate(items(read_yaml(data_path(source)), source, "sectors"), 1):
        where = f"{source}, sector {i}"
        require_keys(record, keys, where)
        sid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        name = bilingual({"en": field(record, "en", text(), where), "zh": field(record, "zh", text(), where)},
                         where)
        at = f"{where} ({sid})"
        equipment = tuple(bilingual(e, f"{at}, equipment entry {j}")
                          for j, e in enumerate(items(record["equipment"], f"{at}, key 'equipment'"), 1))
        refs = tuple(check(r, choice(sources), f"{at}, refs entry {j}")
                     for j, r in enumerate(items(record["refs"], f"{at}, key 'refs'", "source ids"), 1))
        sectors[sid] = Sector(sid, name, _traits(record, "needs", at, sources), _traits(record, "buying", at, sources),
                              refs, _products(record, where, options), equipment,
                              _traits(record, "specs", at, sources))
    return sectors


@dataclass(frozen=True)
class MarketFact:
    """A fact about the lubricant market, with its evidence tag and sources; ``shares`` the
    numbers behind it, where it has some (% by supplier group)."""

    id: str
    text: Text
    tag: str
    refs: tuple[str, ...]
    shares: dict | None = None


@lru_cache(maxsize=1)
def load_market() -> dict[str, MarketFact]:
    """Fact id -> :class:`MarketFact` (world and China demand, the supply side, channels,
    first fill and aftermarket), from ``lubricant_industry_market.yaml``.

    >>> market = load_market()
    >>> market["china_2018"].tag, market["china_2009_shares"].shares["kunlun"]
    ('P', 26)
    """
    source = "lubricant_industry_market.yaml"
    raw = require_keys(read_yaml(data_path(source)), ("facts",), source)
    sources, facts, seen = load_sources(), {}, set()
    for i, record in enumerate(items(raw["facts"], f"{source}, key 'facts'", "facts"), 1):
        where = f"{source}, fact {i}"
        require_keys(record, ("id", "en", "zh", "tag", "refs"), where, optional=("shares",))
        fid = unique(identifier(record["id"], f"{where}, key 'id'"), seen, f"{where}, key 'id'")
        refs = tuple(check(r, choice(sources), f"{where}, refs entry {j}")
                     for j, r in enumerate(items(record["refs"], f"{where}, key 'refs'", nonempty=False), 1))
        shares = record.get("shares")
        if shares is not None and (not isinstance(shares, dict) or not all(
                isinstance(v, (int, float)) and 0 <= v <= 100 for v in shares.values())):
            raise DataError(f"{where}, key 'shares': expected a mapping of name -> % (0 to 100), got {shares!r}")
        facts[fid] = MarketFact(fid, bilingual({"en": record["en"], "zh": record["zh"]}, where),
                                field(record, "tag", choice(TAGS), where), refs, shares)
    return facts


def sector_rows(part: str = "all") -> list[dict[str, str]]:
    """The sector profiles as rows for :func:`kamlib.table`, one dict per sector in the file's
    order, keys named and cells filled in the current language, each point with its evidence
    tag (``[P]``): ``part`` is ``'all'``, ``'needs'``, ``'specs'``, ``'buying'`` or ``'equipment'``.

    >>> rows = sector_rows("specs")
    >>> list(rows[0])
    ['sector', 'specs and approvals that decide a sale', 'source']
    >>> rows[0]["sector"], rows[0]["source"]
    ('Mining', 'R32, R33')
    """
    return list(_sector_rows(part).values())


def _sector_rows(part) -> dict[str, dict[str, str]]:
    parts = ("equipment", "needs", "specs", "buying")
    if part not in (*parts, "all"):
        raise ValueError(f"part must be one of 'all', {', '.join(repr(p) for p in parts)}; got {part!r}"[:300])

    def cell(points) -> str:
        return "; ".join(str(p) if isinstance(p, Text) else f"{p.text} [{p.tag}]" for p in points)

    heads = {"equipment": "key_equipment", "needs": "sector_needs", "specs": "sector_specs", "buying": "sector_buying"}
    chosen = parts if part == "all" else (part,)
    return {sid: {str(Text.term("sector")): str(s.name), **{str(Text.term(heads[p])): cell(getattr(s, p)) for p in chosen},
                  str(Text.term("source")): ", ".join(s.refs)} for sid, s in load_sectors().items()}


def sectors_frame(part: str = "all"):
    """The sector profiles as a pandas DataFrame, one row per sector (index: the sector id),
    the columns of :func:`sector_rows` (which a lecture shows with :func:`kamlib.table`,
    without importing pandas).

    >>> frame = sectors_frame("specs")
    >>> list(frame.columns)
    ['sector', 'specs and approvals that decide a sale', 'source']
    >>> frame.loc["marine"].iloc[1].startswith("IMO 2020")
    True
    """
    rows = _sector_rows(part)
    import pandas as pd

    return pd.DataFrame.from_dict(rows, orient="index")
