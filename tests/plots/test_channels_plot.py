"""Smoke tests for the channel-map plot (matplotlib Agg)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib import set_language  # noqa: E402
from kamlib.data.channels import list_channel_maps, load_channel_map  # noqa: E402
from kamlib.models.channels import build_channel_map  # noqa: E402
from kamlib.plots.channels import (  # noqa: E402
    channel_map_layout,
    channel_map_takeaway,
    node_label,
    plot_channel_map,
)


@pytest.fixture(autouse=True)
def _close_and_reset():
    yield
    plt.close("all")
    set_language("en")


@pytest.mark.parametrize("name", list_channel_maps(hidden=True))
def test_layout_is_deterministic_and_layered(name):
    g = load_channel_map(name)
    layout = channel_map_layout(g)
    assert layout == channel_map_layout(load_channel_map(name))
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
    assert "Donghai Industrial Supply" in line and "2,808 t" in line
