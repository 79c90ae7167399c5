"""Smoke tests for the channel-map plot (matplotlib Agg)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib import set_language  # noqa: E402
from kamlib.data.channel_maps import list_channel_maps, load_channel_map, read_channel_maps  # noqa: E402
from kamlib.models.channel_maps import build_channel_map  # noqa: E402
from kamlib.plots.channel_maps import (  # noqa: E402
    channel_map_layout,
    channel_map_takeaway,
    node_label,
    plot_channel_map,
    plot_inflows,
    plot_segment_channels,
    plot_top_routes,
)


@pytest.fixture(autouse=True)
def _close_and_reset():
    yield
    plt.close("all")
    set_language("en")


EXTRA = read_channel_maps(Path(__file__).parents[1] / "data" / "channel_maps_extra.yaml")
MAPS = {**{name: load_channel_map(name) for name in list_channel_maps()}, **EXTRA}


@pytest.mark.parametrize("name", list(MAPS))
def test_layout_is_deterministic_and_layered(name):
    g = MAPS[name].copy()
    layout = channel_map_layout(g)
    assert layout == channel_map_layout(MAPS[name].copy())
    assert set(layout) == set(g)
    source = next(n for n, k in g.nodes(data="kind") if k == "supplier")
    assert layout[source][0] == 0
    for u, v, kind in g.edges(data="kind"):
        if kind != "influence":
            assert layout[u][0] < layout[v][0], (u, v)
    assert all(0 <= y <= 1 for _, y in layout.values())
    # no two nodes share a position
    assert len(set(layout.values())) == len(layout)


def _texts_overlap(ax) -> list:
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_bbox_patch().get_window_extent(renderer))
             for t in ax.texts if t.get_bbox_patch() is not None and t.get_zorder() == 3]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if ba.overlaps(bb)]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_running_case_plot_is_readable(language):
    set_language(language)
    ax = plot_channel_map(load_channel_map("running_case"))
    assert ax.get_title()
    assert _texts_overlap(ax) == []
    assert any("杠杆点" in t.get_text() or "leverage point" in t.get_text() for t in ax.texts)


def test_plot_on_given_axes_with_given_layout_returns_them():
    g = load_channel_map("lecture")
    fig, ax = plt.subplots()
    assert plot_channel_map(g, ax=ax, layout=channel_map_layout(g), title="t") is ax
    assert ax.get_title() == "t"
    with pytest.raises(ValueError, match="layout has no position for node"):
        plot_channel_map(g, ax=ax, layout={})


def test_a_broken_map_is_still_drawn():
    g = build_channel_map([("S", "D", 0.9), ("D", "E", 1.0), ("E", "D", 0.5), ("S", "X", 0.5)],
                          validate=False, source_volumes={"S": 10})
    ax = plot_channel_map(g)
    assert len(ax.texts) >= 2 * g.number_of_nodes()


def test_labels_and_takeaway():
    g = load_channel_map("running_case")
    assert node_label(g, "steel", "zh") == "钢铁"
    assert node_label(build_channel_map([("S", "distributor", 1.0)]), "distributor", "zh") == "经销商"
    line = channel_map_takeaway(g)
    assert "Donghai Industrial Supply" in line and "3,150 t" in line


# --- the Chinese edition: every text a trainee reads on a module-09 figure is Chinese ----------------

CJK = re.compile(r"[\u3400-\u9fff]")
PLOTS = {
    "plot_channel_map": plot_channel_map,
    "plot_inflows": plot_inflows,
    "plot_segment_channels": plot_segment_channels,
    "plot_top_routes": plot_top_routes,
}


def _words(figure) -> list[str]:
    """Titles, axis labels, legend entries and box texts: every text on the figure but tick numbers."""
    found = []
    for ax in figure.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.texts]
        if ax.get_legend() is not None:
            found += [t.get_text() for t in ax.get_legend().get_texts()]
        found += [t.get_text() for t in ax.get_yticklabels() if not re.fullmatch(r"[\d,.\s−-]*", t.get_text())]
    return [w for w in found if w.strip()]


def _map_named(name: str):
    """A course map, or an exercise-09 trainee's region map ('region:<trainee>')."""
    if name.startswith("region:"):
        from kamlib.checks.ex09_channel_maps import variant

        return variant(name.split(":", 1)[1]).map()
    return load_channel_map(name)


@pytest.mark.parametrize("map_name", ["lecture", "running_case", "region:amy", "region:t7"])
@pytest.mark.parametrize("name", list(PLOTS))
def test_in_chinese_no_english_text_is_left_on_a_figure(name, map_name):
    from kamlib.plots.style import cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font installed: apt-get install fonts-wqy-microhei")
    set_language("zh")
    ax = PLOTS[name](_map_named(map_name))
    words = _words(ax.figure)
    assert ax.get_title() and words
    english = [w for w in words if not CJK.search(w)]
    assert english == [], f"{name} ({map_name}) still shows {english}"


def test_in_chinese_the_takeaway_and_box_volumes_use_chinese_units():
    set_language("zh")
    g = load_channel_map("running_case")
    line = channel_map_takeaway(g)
    assert line.startswith("杠杆点：东海工业供应（11,520 吨") and "销量最大的路线" in line and " t" not in line
    ax = plot_channel_map(g)
    assert any("36,000 吨" in t.get_text() for t in ax.texts)


def test_top_routes_plot_shows_the_largest_route_first():
    g = load_channel_map("running_case")
    ax = plot_top_routes(g, n=4)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 4 and labels[-1] == "Direct key-account sales → Steel"
    assert "(illustrative)" in ax.get_title() and ax.get_xlabel() == "route volume (t/yr)"
    with pytest.raises(ValueError, match="n must be"):
        plot_top_routes(g, n=0)
