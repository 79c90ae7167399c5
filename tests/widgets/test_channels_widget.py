"""The channel-map builder: its render function works without a browser."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.data.channels import load_channel_map  # noqa: E402
from kamlib.models.channels import build_channel_map, compare_maps  # noqa: E402
from kamlib.widgets.channels import (  # noqa: E402
    STARTER_EDGES,
    channel_map_builder,
    edge_text,
    parse_edge_text,
    render_channel_map,
)


def test_starter_map_renders_without_problems():
    fig, problems = render_channel_map(STARTER_EDGES)
    assert problems == []
    assert fig is not None and fig.axes


def test_loop_and_over_100_percent_are_flagged():
    text = STARTER_EDGES + "Mining,Distributor,10%\nSupplier,Extra,20%\n"
    fig, problems = render_channel_map(text)
    assert any(p.startswith("loop Distributor → Mining → Distributor") for p in problems), problems
    assert any("shares out of node Supplier add up to 120 %, over 100 %" in p for p in problems), problems
    assert fig is not None  # still drawn, so the trainee sees the loop


def test_orphan_and_bad_lines_are_flagged():
    _, problems = render_channel_map("S,D,50%\nGhost,D,0.5\nS,E,abc\nS\nS,F,1,oops\nS,D,0.1", draw=False)
    assert problems == [
        "line 3: share 'abc' is not a number (write 0.4 or 40%)",
        "line 4: expected from,to,share, got 'S'",
        "line 5: the 4th column must be influence, first_fill or aftermarket, got 'oops'",
        "line 6: edge S → D is listed twice",
        "node Ghost is an orphan: nobody supplies it (no supply edge goes into it)",
    ]


def test_empty_and_unknown_source():
    assert render_channel_map("# nothing yet\n") == (None, ["the map is empty: add edges from, to, share"])
    fig, problems = render_channel_map("S,D,1", source="Nobody", draw=False)
    assert fig is None and "not a node of the map" in problems[0]
    with pytest.raises(ValueError, match="volume_t must be a number >= 0"):
        render_channel_map("S,D,1", volume_t=-1)


def test_edge_text_round_trips_the_running_case():
    g = load_channel_map("running_case")
    rows, problems = parse_edge_text(edge_text(g))
    assert problems == []
    rebuilt = build_channel_map(rows, nodes=dict(g.nodes(data=True)), validate=False)
    assert compare_maps(g, rebuilt) == []


def test_render_is_quick_enough_for_typing():
    text = edge_text(load_channel_map("running_case"))
    start = time.perf_counter()
    fig, problems = render_channel_map(text, volume_t=36000)
    fig.canvas.draw()
    assert problems == []
    assert time.perf_counter() - start < 3.0


def test_builder_is_a_widget_and_reacts():
    widget = channel_map_builder()
    (table, origin, volume), (picture, report) = (c.children for c in widget.children)
    assert picture.value and "leverage point" in report.value
    table.value = STARTER_EDGES + "Mining,Distributor,10%\n"
    assert "loop" in report.value
    assert channel_map_builder(load_channel_map("lecture")).children
