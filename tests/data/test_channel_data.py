"""The course's channel maps load, validate and say what is wrong with a bad file."""

from __future__ import annotations

import math
import textwrap

import pytest

from kamlib.data.channels import (
    list_channel_maps,
    load_channel_map,
    read_channel_maps,
    running_case_channel_map,
)
from kamlib.data.schema import DataError
from kamlib.models.channels import (
    NODE_KINDS,
    channel_map_problems,
    first_fill_share,
    influencers,
    leverage_point,
    segment_volumes,
    top_routes,
)


@pytest.mark.parametrize("name", list_channel_maps(hidden=True))
def test_every_map_loads_and_is_sound(name):
    g = load_channel_map(name)
    assert channel_map_problems(g) == []
    assert g.graph["illustrative"] is True and g.graph["unit"] == "t/yr"
    assert set(g.graph["title"]) == {"en", "zh"}
    assert all(a["kind"] in NODE_KINDS and a["en"] and a["zh"] for _, a in g.nodes(data=True))
    assert 0 <= first_fill_share(g) <= 1
    leverage_point(g)


def test_hidden_maps_are_not_listed_for_trainees():
    assert list_channel_maps() == ["lecture", "running_case"]
    assert all(n.startswith("hidden_") for n in list_channel_maps(hidden=True)[2:])


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
    g = running_case_channel_map()
    assert g.nodes["harbourlight"]["en"] == "Harbourlight Lubricants"
    assert leverage_point(g) == "dist_east"
    assert top_routes(g, 1)[0][0] == ("harbourlight", "ka_direct", "steel")
    assert math.isclose(sum(segment_volumes(g).values()), 36000)
    assert first_fill_share(g) == pytest.approx(5724 / 36000)
    assert set(influencers(g)) == {"oem_approvals", "oil_lab"}
    from kamlib.data import load_sectors

    ends = {n for n, k in g.nodes(data="kind") if k == "end_user"}
    assert ends <= set(load_sectors())


def test_hidden_maps_cover_their_cases():
    assert leverage_point(load_channel_map("hidden_port")) == "marine"
    mining = load_channel_map("hidden_mining")
    assert leverage_point(mining) == "dist_a"  # a three-way tie, broken by name
    assert math.isclose(sum(segment_volumes(mining).values()), 19000)
    assert first_fill_share(load_channel_map("hidden_food")) == pytest.approx(0.18)


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
         "maps.yaml, line 11, map 'demo', edge d → steel, column 'share': expected a number from 0 to 1, got 1.5"),
        ("{from: d, to: steel, share: 1.0}", "{from: d, to: mill, share: 1.0}",
         "maps.yaml, line 11, map 'demo', edge d → mill, column 'to': unknown node 'mill'"),
        ("kind: distributor", "kind: trader",
         "maps.yaml, line 7, map 'demo', node 'd', column 'kind': expected one of supplier"),
        ("sector: steel", "sector: space",
         "maps.yaml, line 8, map 'demo', node 'steel', column 'sector': expected one of"),
        ("{from: s, to: d, share: 1.0}", "{from: s, to: d, share: 1.0}\n    - {from: steel, to: d, share: 0.5}",
         "maps.yaml, line 2, map 'demo': loop d → steel → d"),
        ("{from: s, to: d, share: 1.0}", "{from: s, to: d, share: 0.8}\n    - {from: s, to: steel, share: 0.5}",
         "map 'demo': shares out of node s add up to 130 %, over 100 %"),
        (", volume_t: 10}", "}", "node 's', column 'volume_t': a supplier needs its volume"),
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
