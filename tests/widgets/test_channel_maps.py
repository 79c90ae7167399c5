"""The channel-map explorer: its render function works without a browser."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib import set_language  # noqa: E402
from kamlib.data.channel_maps import load_channel_map  # noqa: E402
from kamlib.models.channel_maps import build_channel_map, compare_maps  # noqa: E402
from kamlib.widgets.channel_maps import (  # noqa: E402
    STARTER_EDGES,
    STARTER_EDGES_ZH,
    channel_maps_explorer,
    edge_text,
    parse_edge_text,
    render_channel_maps,
)
from kamlib.widgets.view import View  # noqa: E402

CJK = re.compile(r"[\u3400-\u9fff]")


def test_starter_map_renders_without_problems():
    view = render_channel_maps(STARTER_EDGES)
    assert isinstance(view, View) and view.problems == ()
    assert view.png[:4] == b"\x89PNG"
    assert "leverage point" in view.html and "Distributor" in view.html


def test_loop_and_over_100_percent_are_flagged():
    text = STARTER_EDGES + "Mining,Distributor,10%\nSupplier,Extra,20%\n"
    view = render_channel_maps(text)
    assert any(p.startswith("loop Distributor → Mining → Distributor") for p in view.problems), view.problems
    assert any("shares out of node Supplier add up to 120 %, over 100 %" in p for p in view.problems)
    assert view.png is not None  # still drawn, so the trainee sees the loop
    assert "loop Distributor" in view.html


def test_orphan_and_bad_lines_are_flagged():
    view = render_channel_maps("S,D,50%\nGhost,D,0.5\nS,E,abc\nS\nS,F,1,oops\nS,D,0.1", draw=False)
    assert view.problems == (
        "line 3: share 'abc' is not a number (write 0.4 or 40%)",
        "line 4: expected from,to,share, got 'S'",
        "line 5: the 4th column must be influence, first_fill or aftermarket, got 'oops'",
        "line 6: edge S → D is listed twice",
        "node Ghost is an orphan: nobody supplies it (no supply edge goes into it)",
    )


def test_empty_and_unknown_source():
    assert render_channel_maps("# nothing yet\n").problems == ("the map is empty: add edges from, to, share",)
    view = render_channel_maps("S,D,1", source="Nobody", draw=False)
    assert view.png is None and "not a node of the map" in view.problems[0]
    with pytest.raises(ValueError, match="volume_t must be a number >= 0"):
        render_channel_maps("S,D,1", volume_t=-1)


def test_edge_text_round_trips_the_running_case():
    g = load_channel_map("running_case")
    rows, problems = parse_edge_text(edge_text(g))
    assert problems == []
    rebuilt = build_channel_map(rows, nodes=dict(g.nodes(data=True)), validate=False)
    assert compare_maps(g, rebuilt) == []


def test_render_draws_the_whole_running_case():
    # How fast (p95 per edit, and against this render call) is measured by `make bench`
    # (benchmarks/run.py, widgets table), not by a wall clock in a test on a shared machine.
    text = edge_text(load_channel_map("running_case"))
    view = render_channel_maps(text, volume_t=36000)
    assert view.problems == () and view.png


def test_explorer_is_a_widget_and_reacts():
    widget = channel_maps_explorer()
    (table, origin, volume), (picture, report) = (c.children for c in widget.children)
    assert picture.value and "leverage point" in report.value
    table.value = STARTER_EDGES + "Mining,Distributor,10%\n"
    assert "loop" in report.value
    assert channel_maps_explorer(load_channel_map("lecture")).children


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language("en")


def test_in_chinese_the_explorer_starts_from_a_chinese_map_and_speaks_chinese(chinese):
    widget = channel_maps_explorer()
    (table, origin, volume), (picture, report) = (c.children for c in widget.children)
    assert table.value == STARTER_EDGES_ZH and "连线表" in table.description
    assert picture.value and "杠杆点：<b>经销商</b>" in report.value and "吨" in report.value
    assert CJK.search(origin.placeholder)
    table.value = STARTER_EDGES_ZH + "矿山,经销商,10%\n供应商,多余,20%\n"
    assert "出现环路 矿山 → 经销商 → 矿山" in report.value and "合计 120%，超过了 100%" in report.value
    assert "loop" not in report.value and "shares out" not in report.value


def test_in_chinese_every_problem_the_explorer_knows_is_shown_in_chinese(chinese):
    view = render_channel_maps("S,D,50%\nGhost,D,0.5\nS,E,abc\nS\nS,F,1,oops\nS,D,0.1\nS,G,\nS,H,1.5", draw=False)
    assert view.problems[0] == "line 3: share 'abc' is not a number (write 0.4 or 40%)"  # the list stays English
    shown = re.findall(r"<li>(.*?)</li>", view.html)
    assert len(shown) == len(view.problems) and all(CJK.search(p) for p in shown), shown
    assert CJK.search(render_channel_maps("# nothing yet\n").html)
    assert CJK.search(render_channel_maps("S,D,1", source="Nobody", draw=False).html)


def test_the_fourth_column_and_the_header_may_be_written_in_chinese():
    rows, problems = parse_edge_text("起点,终点,占比\nS,D,40%,初装油\nS,E,60%,售后换油\nL,D,,影响")
    assert problems == []
    assert rows == [{"from": "S", "to": "D", "share": 0.4, "channel": "first_fill"},
                    {"from": "S", "to": "E", "share": 0.6, "channel": "aftermarket"},
                    {"from": "L", "to": "D", "share": None, "kind": "influence"}]


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_an_edit_draws_the_same_pixels_as_a_full_draw():
    """On the explorer's canvas the legend and title are drawn once per map shape, the boxes
    and arrows on every edit, and the canvas takes each map's size: the picture must be
    plot_channel_map's on a new figure, pixel for pixel (a wider map, a broken one, and back)."""
    from matplotlib.figure import Figure

    from kamlib.plots.channel_maps import (
        channel_map_facts,
        channel_map_figsize,
        channel_map_layout,
        channel_map_margins,
        plot_channel_map,
    )
    from kamlib.widgets.channel_maps import _MARGINS, parse_edge_text
    from kamlib.widgets.figure import Canvas, png

    canvas = Canvas(margins=_MARGINS)
    wider = STARTER_EDGES + "Cement,Plant,100%\n"
    for text in (STARTER_EDGES, STARTER_EDGES.replace("55%", "75%"), wider, "S,D,0.7\nS,E,0.6\nD,E,1\nE,D,0.5",
                 STARTER_EDGES):
        view = render_channel_maps(text, canvas=canvas)
        rows, _ = parse_edge_text(text)
        g = build_channel_map(rows, source_volumes={rows[0]["from"]: 1000.0}, validate=False)
        layout = channel_map_layout(g)
        size = channel_map_figsize(layout)
        fig = Figure(figsize=size, dpi=72)
        fig.subplots_adjust(*channel_map_margins(size, g, channel_map_facts(g)))
        plot_channel_map(g, ax=fig.add_subplot(), layout=layout)  # the same default title
        assert (_pixels(view.png) == _pixels(png(fig))).all()
        assert (_pixels(canvas.png()) == _pixels(png(fig))).all()  # the figure holds what was drawn


@pytest.mark.parametrize(("language", "supplier", "auto"), [("en", "Supplier", "Manufacturer (auto)"),
                                                             ("zh", "供应商", "制造商（汽车）")])
def test_a_course_map_opens_with_its_parties_names_and_kinds(language, supplier, auto):
    from kamlib.widgets.channel_maps import _starting_table

    set_language(language)
    try:
        text, source, volume, kinds, title = _starting_table(load_channel_map("lecture"), None, 1000.0)
        widget = channel_maps_explorer(load_channel_map("lecture"))
    finally:
        set_language("en")
    assert text.splitlines()[3] == f"{supplier},{auto},25%" and (source, volume) == (supplier, 100.0)
    assert kinds[auto] == "manufacturer" and title == load_channel_map("lecture").graph["title"]
    (table, origin, _), (picture, report) = (c.children for c in widget.children)
    assert table.value == text and origin.value == supplier and picture.value
    assert "mfr_" not in report.value and "mfr_" not in table.value  # names, not ids


def test_bad_kinds_are_named_before_the_table_is_read():
    with pytest.raises(ValueError, match="kinds"):
        render_channel_maps("S,D,1\nnonsense", kinds={"D": "wholesaler"}, draw=False)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_course_map_keeps_its_own_title_in_the_builder(language):
    from kamlib.plots.style import plot_language
    from kamlib.widgets.figure import Canvas

    lecture = load_channel_map("lecture")
    set_language(language)
    try:
        own = lecture.graph["title"].get(plot_language())
        canvas = Canvas()
        render_channel_maps("S,D,1", canvas=canvas, title=lecture.graph["title"])
        assert canvas.ax.get_title() == own
        render_channel_maps("S,D,1", canvas=canvas)  # a trainee's own map: the generic title
        assert canvas.ax.get_title() != own and canvas.ax.get_title()
    finally:
        set_language("en")
    with pytest.raises(TypeError, match="title"):
        render_channel_maps("S,D,1", title=42)
