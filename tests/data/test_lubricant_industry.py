"""The sectors of the lubricant industry, their sources and the market context, as data."""

from __future__ import annotations

import re
import shutil

import pytest

from kamlib.data.lubricant_industry import (
    load_market,
    load_sectors,
    load_sources,
    sector_rows,
    sectors_frame,
)
from kamlib.data.schema import DataError, data_path
from kamlib.i18n import using_language
from kamlib.models.lubricant_industry import TAGS, Sector, Trait

#: The lecture's list of key-account sectors (OUTLINE.md §2.1 brainstorm; DOMAIN.md M9).
LECTURE_SECTORS = {"cement", "mining", "steel", "power", "wind", "marine", "rail", "construction", "fleets",
                   "food", "metalworking", "paper", "textile"}


def test_sectors_load_with_bilingual_names_and_at_most_three_points():
    sectors = load_sectors()
    assert set(sectors) == LECTURE_SECTORS
    for sid, sector in sectors.items():
        assert isinstance(sector, Sector) and sector.id == sid
        assert sector.name.en and sector.name.zh, sid
        for part, points in sector.traits().items():
            assert 1 <= len(points) <= 3, (sid, part)
            assert all(isinstance(p, Trait) and p.tag in TAGS and p.text.zh and p.match for p in points), (sid, part)
        assert 1 <= len(sector.equipment) <= 3 and sector.refs, sid


def test_every_cited_source_exists_and_the_specs_name_the_standards_the_lecture_teaches():
    sources, sectors = load_sources(), load_sectors()
    cited = {p.ref for s in sectors.values() for points in s.traits().values() for p in points if p.ref}
    assert cited <= set(sources) and {r for s in sectors.values() for r in s.refs} <= set(sources)
    specs = " ".join(p.text.en for s in sectors.values() for p in s.specs + s.needs)
    for spec in ("NSF H1", "ISO VG 320", "TO-4", "UTTO", "BN40", "IMO 2020", "IEC 60296", "IEC TR 61400-4-2"):
        assert spec in specs, spec


def test_vendor_figures_are_tagged_as_practitioner_claims():
    cement = load_sectors()["cement"]
    consumption = next(p for p in cement.buying if "4.5–6 t/yr" in p.text.en)
    assert consumption.tag == "P" and consumption.ref == "R27" and "vendor" in consumption.text.en
    assert load_sources()["R27"].kind == "vendor article"
    # a buying trait without a source is the author's synthesis, never a fact
    assert all(p.tag == "U" for s in load_sectors().values() for p in s.buying if not p.ref)


def test_market_facts_carry_their_tags():
    market = load_market()
    assert market["china_2018"].tag == "P" and "3.6 Mt industrial and 3.6 Mt automotive" in market["china_2018"].text.en
    assert market["sector_sizes"].tag == "U"
    assert sum(market["china_2009_shares"].shares.values()) == 94  # the rest is not given in the source
    assert {"first_fill", "channel"} <= set(market)


def test_sectors_frame_shows_the_tags():
    frame = sectors_frame()
    assert list(frame.index) == list(load_sectors())
    assert "[P]" in frame.loc["cement", "distinctive needs"]
    assert "[E]" in frame.loc["food", "specs and approvals that decide a sale"]
    with using_language("zh"):
        assert list(sectors_frame("buying").columns) == ["行业", "采购特点", "出处"]
    with pytest.raises(ValueError, match="part must be one of"):
        sectors_frame("price")


def test_sector_rows_are_the_frame_without_pandas():
    rows = sector_rows("needs")
    assert [row["sector"] for row in rows] == [str(s.name) for s in load_sectors().values()]
    assert list(rows[0]) == ["sector", "distinctive needs", "source"]
    assert rows == sectors_frame("needs").to_dict(orient="records")
    assert len(sector_rows()[0]) == 6  # sector, equipment, needs, specs, buying, source
    with using_language("zh"):
        assert list(sector_rows("buying")[0]) == ["行业", "采购特点", "出处"]
        assert sector_rows("buying")[0]["行业"] == load_sectors()["mining"].name.zh


@pytest.mark.parametrize("part", ["price", "", None, 3, "NEEDS"])
def test_sector_rows_refuse_an_unknown_part(part):
    with pytest.raises(ValueError, match="^part must be one of 'all', 'equipment', 'needs', 'specs', 'buying'"):
        sector_rows(part)


@pytest.fixture
def sectors_copy(tmp_path, monkeypatch):
    import kamlib.data.lubricant_industry as module

    for name in ("lubricant_industry.yaml", "lubricant_industry_sources.yaml", "lubricant_industry_market.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (module.load_sectors, module.load_sources, module.load_market):
        loader.cache_clear()
    yield tmp_path
    for loader in (module.load_sectors, module.load_sources, module.load_market):
        loader.cache_clear()


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("lubricant_industry.yaml", "tag: P, ref: R32,\n       match: [dust", "tag: X, ref: R32,\n       match: [dust",
     "lubricant_industry.yaml, sector 1 (mining), needs entry 1, key 'tag': expected one of E, P, U, got 'X'"),
    ("lubricant_industry.yaml", "ref: R27,\n       match: [girth", "ref: R99,\n       match: [girth",
     "lubricant_industry.yaml, sector 3 (cement), needs entry 1, key 'ref'"),
    ("lubricant_industry.yaml", "buying:\n    - {en: reliability teams",
     "buying:\n    - {en: a, zh: 一, tag: U, match: [a]}\n    - {en: b, zh: 二, tag: U, match: [b]}\n"
     "    - {en: c, zh: 三, tag: U, match: [c]}\n    - {en: reliability teams",
     "sector 12 (paper), key 'buying': no more than 3 points (the lecture's rule), got 4"),
    ("lubricant_industry_market.yaml", "tag: U\n    refs: []", "tag: maybe\n    refs: []",
     "lubricant_industry_market.yaml, fact 7, key 'tag'"),
])
def test_bad_data_says_where(sectors_copy, name, old, new, message):
    import kamlib.data.lubricant_industry as module

    path = sectors_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        module.load_market() if "market" in name else module.load_sectors()
