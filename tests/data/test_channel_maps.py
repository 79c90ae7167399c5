"""The course's channel maps load, validate and say what is wrong with a bad file."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest

from kamlib.data.channel_maps import (
    list_channel_maps,
    load_channel_map,
    read_channel_maps,
)
from kamlib.data.schema import DataError
from kamlib.models.channel_maps import (
    NODE_KINDS,
    channel_map_problems,
    first_fill_share,
    influencers,
    leverage_point,
    segment_volumes,
    top_routes,
)

#: Small test maps (not shipped with kamlib): an end-user leverage point, leaking shares
#: and a tie, first fill through an OEM's dealer.
EXTRA = Path(__file__).with_name("channel_maps_extra.yaml")


def any_map(name):
    """A course map or a test map, by name, as a fresh copy."""
    return load_channel_map(name) if name in list_channel_maps() else read_channel_maps(EXTRA)[name].copy()


ALL_MAPS = [*list_channel_maps(), *read_channel_maps(EXTRA)]


@pytest.mark.parametrize("name", ALL_MAPS)
def test_every_map_loads_and_is_sound(name):
    g = any_map(name)
    assert channel_map_problems(g) == []
    assert g.graph["illustrative"] is True and g.graph["unit"] == "t/yr"
    assert g.graph["title"].en and g.graph["title"].zh
    assert all(a["kind"] in NODE_KINDS and a["en"] and a["zh"] for _, a in g.nodes(data=True))
    assert 0 <= first_fill_share(g) <= 1
    leverage_point(g)


def test_kamlib_ships_only_the_course_maps():
    """Nothing graded hides in kamlib's data: only the lecture's and the running case's maps."""
    from kamlib.data.schema import data_path

    assert list_channel_maps() == ["lecture", "running_case"]
    found = data_path("channel_maps.yaml").parent.glob("channel_maps*.yaml")
    shown = {"channel_maps_glossary.yaml", "channel_maps_parties.yaml"}  # labels; q4's texts (no roles)
    assert sorted(p.name for p in found if p.name not in shown) == ["channel_maps.yaml"]


def test_loads_are_fresh_copies():
    g = load_channel_map("lecture")
    g.remove_node("supplier")
    assert "supplier" in load_channel_map("lecture")


def test_lecture_map_has_the_slides_nodes():
    g = load_channel_map("lecture")
    names = {a["en"] for _, a in g.nodes(data=True)}
    for slide in ("Supplier", "Manufacturer (medical products)", "Manufacturer (electrical)",
                  "Manufacturer (auto)", "Engineering", "Specialist distributor (medical)", "Hospital",
                  "Doctors", "Retail", "Consumer", "Contractors", "Builders", "DIY consumer",
                  "Commercial user", "Builder's merchant", "Retail specialist distributor"):
        assert slide in names
    # equal shares and an index of 100: all of it reaches end users
    assert math.isclose(sum(segment_volumes(g).values()), 100)


def test_running_case_story():
    g = load_channel_map("running_case")
    assert g.nodes["harbourlight"]["en"] == "Harbourlight Lubricants"
    assert leverage_point(g) == "dist_east"
    assert top_routes(g, 1)[0][0] == ("harbourlight", "ka_direct", "steel")
    assert math.isclose(sum(segment_volumes(g).values()), 36000)
    assert first_fill_share(g) == pytest.approx(5724 / 36000)
    assert set(influencers(g)) == {"oem_approvals", "oil_lab"}
    from kamlib.data.lubricant_industry import load_sectors

    ends = {n for n, k in g.nodes(data="kind") if k == "end_user"}
    assert ends <= set(load_sectors())


def test_extra_maps_cover_their_cases():
    assert leverage_point(any_map("hidden_port")) == "marine"
    mining = any_map("hidden_mining")
    assert leverage_point(mining) == "dist_a"  # a three-way tie, broken by name
    assert math.isclose(sum(segment_volumes(mining).values()), 19000)
    assert first_fill_share(any_map("hidden_food")) == pytest.approx(0.18)


def test_unknown_name():
    with pytest.raises(ValueError, match="name must be one of lecture, running_case"):
        load_channel_map("nowhere")


GOOD = """\
demo:
  title: {en: Demo, zh: 示例}
  illustrative: true
  note: a test map
  nodes:
    - {id: s, kind: supplier, en: S, zh: 供, volume_t: 10}
    - {id: d, kind: distributor, en: D, zh: 经}
    - {id: steel, kind: end_user, sector: steel}
  edges:
    - {from: s, to: d, share: 1.0}
    - {from: d, to: steel, share: 1.0}
"""


def write(tmp_path, body):
    path = tmp_path / "maps.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_good_file_reads(tmp_path):
    maps = read_channel_maps(write(tmp_path, GOOD))
    assert list(maps) == ["demo"]
    assert maps["demo"].nodes["steel"]["zh"] == "钢铁"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("{from: d, to: steel, share: 1.0}", "{from: d, to: steel, share: 1.5}",
         "maps.yaml, line 11, map 'demo', edge d → steel, key 'share': expected a number from 0 to 1, got 1.5"),
        ("{from: d, to: steel, share: 1.0}", "{from: d, to: mill, share: 1.0}",
         "maps.yaml, line 11, map 'demo', edge d → mill, key 'to': unknown node 'mill'"),
        ("kind: distributor", "kind: trader",
         "maps.yaml, line 7, map 'demo', node 'd', key 'kind': expected one of supplier"),
        ("sector: steel", "sector: space",
         "maps.yaml, line 8, map 'demo', node 'steel', key 'sector': expected one of"),
        ("{from: s, to: d, share: 1.0}", "{from: s, to: d, share: 1.0}\n    - {from: steel, to: d, share: 0.5}",
         "maps.yaml, line 2, map 'demo': loop d → steel → d"),
        ("{from: s, to: d, share: 1.0}", "{from: s, to: d, share: 0.8}\n    - {from: s, to: steel, share: 0.5}",
         "map 'demo': shares out of node s add up to 130 %, over 100 %"),
        (", volume_t: 10}", "}", "node 's', key 'volume_t': a supplier needs its volume"),
        ("  note: a test map\n", "", "missing keys ['note']"),
        ("{id: d, kind: distributor, en: D, zh: 经}", "{id: d, kind: distributor, en: D, zh: 经}\n    - {id: orphan, kind: dealer, en: O, zh: 孤}",
         "node orphan is an orphan"),
        ("title: {en: Demo, zh: 示例}", "title: {en: Demo, zh: [示例",
         "maps.yaml, line 3: not valid YAML"),
    ],
)
def test_a_malformed_file_says_where(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(DataError) as info:
        read_channel_maps(write(tmp_path, GOOD.replace(old, new)))
    assert message in str(info.value)
