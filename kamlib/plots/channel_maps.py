"""Drawing product channel maps (产品通路图): layers from supplier to end users.

The layout (positions) is computed apart from drawing by :func:`channel_map_layout`;
:func:`plot_channel_map` draws any map, even a broken one a trainee is still typing
(then edge widths follow the shares, as volumes are not defined).
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Hashable

from kamlib.models import arguments as check
from kamlib.models.channel_maps import (
    channel_map_problems,
    check_graph,
    edge_volumes,
    first_fill_share,
    inflows,
    leverage_point,
    segment_channel_volumes,
    supplied_volume,
    top_routes,
)
from kamlib.plots.style import axes, plot_language, text
from kamlib.text import Text

__all__ = ["KIND_COLOURS", "channel_map_layout", "channel_map_figsize", "node_label", "plot_channel_map",
           "channel_map_takeaway", "plot_inflows", "plot_segment_channels", "plot_top_routes"]
# channel_map_facts, channel_map_margins, channel_map_background(_key) and channel_map_moving are the pieces of
# plot_channel_map an explorer draws apart (kamlib.widgets.channel_maps); not top-level names.

KIND_COLOURS = {
    "supplier": "#1f4e79",
    "manufacturer": "#8fb8de",
    "oem": "#f4b183",
    "distributor": "#a9d18e",
    "dealer": "#d5e8c4",
    "key_account": "#ffd966",
    "intermediary": "#d9d9d9",
    "end_user": "#eeeeee",
    "influencer": "#e2cfee",
}
_SUPPLY, _FIRST_FILL, _INFLUENCE, _LEVER = "#2f5597", "#c55a11", "#7030a0", "#c00000"


@functools.lru_cache(maxsize=1)
def _artist_classes():
    """The two helper artists below, made once (matplotlib is imported only when drawing, and
    making an Artist subclass is slow: it was a tenth of a channel map's drawing time)."""
    from matplotlib.artist import Artist
    from matplotlib.patches import Patch
    from matplotlib.transforms import IdentityTransform

    class BoxClip(Patch):
        def __init__(self, box):
            super().__init__()
            self._box, self._key, self._outline, self._radius = box, None, None, 0.0

        def _current(self):
            box = self._box.get_bbox_patch()
            transform = box.get_transform()
            key = (transform.get_matrix().tobytes(), box.get_width(), box.get_height(),
                   box.get_mutation_scale(), box.get_linewidth())
            if key != self._key:
                self._key = key
                self._outline = box.get_path().transformed(transform)
                # Patch.contains' own tolerance: the edge line's width, unless it is invisible
                self._radius = 0.0 if box.get_edgecolor()[3] == 0 else box.get_linewidth()
            return self._outline

        def get_path(self):
            return self._current()

        def get_transform(self):
            return IdentityTransform()

        def contains_point(self, point, radius=None):
            outline = self._current()
            return outline.contains_point(point, radius=self._radius if radius is None else radius)

        def contains(self, mouseevent, radius=None):
            return self.contains_point((mouseevent.x, mouseevent.y), radius), {}

    class BoxPlacer(Artist):
        def __init__(self, texts):
            super().__init__()
            self._texts = texts
            self.set_zorder(3.5)
            self.set_in_layout(False)  # takes no room: not part of a tight bounding box

        def draw(self, renderer):
            for label in self._texts:
                if label.get_bbox_patch() is not None:
                    label.update_bbox_position_size(renderer)
            self.stale = False

    return BoxClip, BoxPlacer


def _box_clip(text):
    """What an arrow is clipped against at ``text``'s box: the box itself, remembered.

    matplotlib cuts an arrow at a box edge by bisection, asking the box's patch whether
    a point is inside some 20 times per arrow end, and the patch rebuilds its rounded
    outline on every question (about 4 ms an arrow, twice per inline figure: half the
    channel map's drawing time). This stand-in answers from the same outline, in display
    coordinates, built once per position and size of the box, so the arrows end exactly
    where they did. It is never drawn.
    """
    return _artist_classes()[0](text)


def _arc3(rad: float):
    """matplotlib's ``arc3`` connection (a quadratic curve), cut at the boxes and shrunk the
    same way, with each cut found in two vectorised passes instead of a bisection in Python.

    matplotlib finds where an arrow leaves its start box (and enters its end box, then the
    two ``shrink`` circles) by halving a parameter interval some 20 times, testing one point
    per step: about a third of a channel map's drawing time. Here 65 points along the curve
    are tested at once, then 65 inside the interval found, which places the cut within
    1/4000 of the curve (well under matplotlib's own 0.01-pixel tolerance). Arrows whose ends
    are not :func:`_box_clip` boxes go through matplotlib's own code.
    """
    import numpy as np
    from matplotlib.patches import ConnectionStyle
    from matplotlib.path import Path

    steps = np.linspace(0.0, 1.0, 65)

    def point(control, t):
        t = np.asarray(t, dtype=float)[..., None]
        return (1 - t) ** 2 * control[0] + 2 * (1 - t) * t * control[1] + t ** 2 * control[2]

    def part(control, a, b):
        """The control points of the curve between parameters a and b (its blossom)."""
        def blossom(u, v):
            return (1 - u) * (1 - v) * control[0] + ((1 - u) * v + u * (1 - v)) * control[1] + u * v * control[2]
        return np.array([blossom(a, a), blossom(a, b), blossom(b, b)])

    def first_change(control, inside):
        """The parameter where ``inside`` first differs from its value at the start, or None."""
        flags = inside(point(control, steps))
        changed = np.flatnonzero(flags != flags[0])
        if not len(changed):
            return None
        k = changed[0]
        fine = np.linspace(steps[k - 1], steps[k], 65)
        flags_fine = inside(point(control, fine))
        return float(fine[np.flatnonzero(flags_fine != flags[0])[0]])

    def box(patch):
        outline = patch._current()
        return lambda points: outline.contains_points(points, radius=patch._radius)

    def circle(centre, radius):
        return lambda points: ((points - centre) ** 2).sum(axis=1) < radius ** 2

    class Arc3Boxes(ConnectionStyle.Arc3):
        def __call__(self, posA, posB, shrinkA=2.0, shrinkB=2.0, patchA=None, patchB=None):
            if not all(p is None or hasattr(p, "_current") for p in (patchA, patchB)):
                return super().__call__(posA, posB, shrinkA, shrinkB, patchA, patchB)
            control = np.asarray(self.connect(posA, posB).vertices, dtype=float)
            for patch, at_start in ((patchA, True), (patchB, False)):
                if patch is not None:
                    control = cut(control, box(patch), at_start)
            if shrinkA:
                control = cut(control, circle(control[0], shrinkA), True)
            if shrinkB:
                control = cut(control, circle(control[-1], shrinkB), False)
            return Path(control, [Path.MOVETO, Path.CURVE3, Path.CURVE3])

    def cut(control, inside, at_start):
        """Keep what follows the first change (at_start) or what precedes it (the end),
        as matplotlib's ``_clip`` does with ``split_path_inout``."""
        t = first_change(control, inside)
        if t is None:
            return control
        return part(control, t, 1.0) if at_start else part(control, 0.0, t)

    return Arc3Boxes(rad=rad)


def _BoxPlacer(texts):
    """An invisible artist drawn just before the arrows (zorder 3.5) that puts each
    text's box where it will be drawn, so the arrows (zorder 4) can end at the box of a
    text drawn after them (zorder 6). This replaces a second, hidden copy of every box
    and its text under the arrows, which cost a third of the map's drawing time."""
    return _artist_classes()[1](texts)


def _supply_edges(g) -> list:
    return [(u, v) for u, v, k in g.edges(data="kind") if (k or "supply") == "supply"]


def _layers(g) -> dict:
    """Layer of each node: longest supply path from a root; loops share a layer."""
    import networkx as nx

    supply = nx.DiGraph()
    supply.add_nodes_from(g)
    supply.add_edges_from(_supply_edges(g))
    dag = nx.condensation(supply)
    members = dag.graph["mapping"]  # node -> component
    depth = {}
    for c in nx.topological_sort(dag):
        depth[c] = max((depth[p] + 1 for p in dag.predecessors(c)), default=0)
    layer = {n: depth[members[n]] for n in g}
    kinds = dict(g.nodes(data="kind"))
    influencers = [n for n in g if kinds.get(n) == "influencer"
                   or (supply.degree(n) == 0 and g.out_degree(n) > 0)]
    last = max((layer[n] for n in g if n not in influencers), default=0)
    for n in g:  # end users line up in the last column
        if n not in influencers and (kinds.get(n) == "end_user"
                                     or (supply.out_degree(n) == 0 and supply.in_degree(n) > 0)):
            layer[n] = last
    for n in influencers:  # a column of their own, right of the end users
        layer[n] = last + 1
    return layer, set(influencers)


def channel_map_layout(g) -> dict:
    """Positions ``node -> (x, y)``: x is the layer (0 = the supplier), y in [0, 1].

    Layers follow the longest supply route from the supplier; end users share the
    last layer; influencers get a column of their own right of the end users.
    Within a layer, nodes are ordered by the mean position of their neighbours
    (fewer crossings), ties by name. The same map always gets the same layout.

    Examples
    --------
    >>> from kamlib.models.channel_maps import build_channel_map
    >>> g = build_channel_map([("S", "D", 0.5), ("S", "Mine", 0.5), ("D", "Mill", 1.0)])
    >>> layout = channel_map_layout(g)
    >>> {node: x for node, (x, y) in layout.items()}
    {'S': 0.0, 'D': 1.0, 'Mine': 2.0, 'Mill': 2.0}
    >>> layout["Mill"][1] > layout["Mine"][1]  # Mill is fed by D, so it sits nearer D's side
    True
    """
    g = check_graph(g)
    layer, influencers = _layers(g)
    n_layers = max(layer.values(), default=-1) + 1
    columns = [[n for n in g if layer[n] == i] for i in range(n_layers)]
    tallest = max((len(c) for c in columns), default=1)
    rank: dict = {}  # 0 = top, 1 = bottom

    def place(column, neighbours):
        gap = max(1.0 / tallest, 0.75 / len(column)) if column else 1.0
        def target(n):
            ys = [rank[m] for m in neighbours(n) if m in rank and layer[m] != layer[n]]
            return sum(ys) / len(ys) if ys else None

        targets = {n: target(n) for n in column}
        column.sort(key=lambda n: (n in influencers, 0.5 if targets[n] is None else targets[n], str(n)))
        even = [(i + 0.5) / len(column) for i in range(len(column))]
        ys = [even[i] if targets[n] is None else targets[n] for i, n in enumerate(column)]
        # keep the order, at least `gap` apart, inside [gap/2, 1 - gap/2]
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + gap)
        if ys and ys[-1] > 1 - gap / 2:
            ys[-1] = 1 - gap / 2
            for i in range(len(ys) - 2, -1, -1):
                ys[i] = min(ys[i], ys[i + 1] - gap)
        if ys and ys[0] < gap / 2:
            ys = [y + gap / 2 - ys[0] for y in ys]
        for n, y in zip(column, ys, strict=True):
            rank[n] = y

    flow = [c for c in columns if not any(n in influencers for n in c)]
    for column in flow:  # down, up, down: barycentre sweeps
        place(column, g.predecessors)
    for column in reversed(flow[:-1]):
        place(column, g.successors)
    for column in flow[1:]:
        place(column, g.predecessors)
    for column in columns:
        if any(n in influencers for n in column):
            place(column, g.successors)
    return {n: (float(layer[n]), round(1.0 - rank[n], 10)) for n in g}


def _check_layout(layout: object, name: str = "layout") -> dict:
    """A layout: node -> (x, y), both finite numbers."""
    check.mapping(layout, name, "a dict node -> (x, y)")
    for node, position in layout.items():
        xy = check.items(position, f"{name}[{check.shown(node)}]", "an (x, y) pair of numbers")
        if len(xy) != 2:
            raise ValueError(f"{name}[{check.shown(node)}] must be an (x, y) pair of numbers, got {check.shown(position)}")
        for value in xy:
            check.number(value, f"{name}[{check.shown(node)}]")
    return layout


def channel_map_figsize(layout: dict) -> tuple[float, float]:
    """A figure size (inches) that fits a layout's columns and its tallest column."""
    layout = _check_layout(layout)
    n_layers = int(max((x for x, _ in layout.values()), default=0)) + 1
    tallest = max((sum(1 for x, _ in layout.values() if x == i) for i in range(n_layers)), default=1)
    return (max(6.0, 3.2 * n_layers + 0.5), max(4.0, 0.62 * tallest + 1.6))


def node_label(g, node, language: str | None = None) -> str:
    """A node's display name: its ``en``/``zh`` attribute, else its glossary term, else its id."""
    from kamlib.i18n import check_language, glossary

    g = check_graph(g)
    if not isinstance(node, Hashable) or node not in g:
        raise ValueError(f"node must be a node of g, got {check.shown(node)}")
    language = plot_language() if language is None else check_language(language)
    attrs = g.nodes[node]
    if attrs.get(language):
        return str(attrs[language])
    if isinstance(node, str) and node in glossary():
        return Text.term(node).get(language)
    return str(attrs.get("en", node))


def _fmt_t(volume: float, language: str = "en") -> str:
    """Tonnes for a box or a takeaway: '11,520 t', or '11,520 吨' in Chinese."""
    unit = Text.term("tonnes").get(language)
    return f"{volume:,.0f} {unit}" if volume >= 100 else f"{volume:.3g} {unit}"


def plot_channel_map(g, ax=None, layout: dict | None = None, title: str | None = None,
                     volumes: bool = True):
    """Draw a channel map in layers, supplier on the left, end users on the right.

    Supply edges are arrows as wide as the volume they carry (first-fill edges in
    orange); influence edges are dashed purple; the leverage point has a red frame.
    Boxes show each node's inflow (t/yr) when ``volumes`` is true. A map with
    problems is still drawn, with widths from the shares and no volumes.

    Parameters
    ----------
    g : networkx.DiGraph
        A channel map (see :mod:`kamlib.models.channel_maps`).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    layout : dict, optional
        Node -> (x, y), e.g. from :func:`channel_map_layout` (the default).
    title : str, optional
        Defaults to the glossary's "product channel map" and the map's own title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    g = check_graph(g)
    layout = channel_map_layout(g) if layout is None else _check_layout(layout)
    check.text(title, "title", optional=True, nonempty=False)
    check.flag(volumes, "volumes")
    missing = [n for n in g if n not in layout]
    if missing:
        raise ValueError(f"layout has no position for node {missing[0]!r}")
    facts = channel_map_facts(g)
    size = channel_map_figsize(layout)
    ax = axes(ax, figsize=size, margins=channel_map_margins(size, g, facts))
    channel_map_moving(ax, g, layout, facts, volumes)
    channel_map_background(ax, g, layout, facts, title)
    return ax


_LEGEND_COLUMNS = 6
_LEGEND_ROW_IN, _LEGEND_PAD_IN, _TITLE_BAND_IN = 0.2, 0.15, 0.5  # inches, at the legend's 7.5 pt


def channel_map_margins(figsize, g, facts) -> tuple[float, float, float, float]:
    """The fixed margins (left, bottom, right, top; fractions of the figure) of a map of this
    size: a band for the title on top and one for the legend's rows below, so the map needs
    no layout pass (:func:`kamlib.plots.style.axes`)."""
    kinds, first_fill, influence, lever = _legend_entries(g, facts)
    entries = len(kinds) + 1 + first_fill + influence + lever
    rows = -(-entries // _LEGEND_COLUMNS)
    height = float(figsize[1])
    return (0.01, (rows * _LEGEND_ROW_IN + _LEGEND_PAD_IN) / height, 0.99, 1 - _TITLE_BAND_IN / height)


def channel_map_facts(g) -> dict:
    """What drawing a (checked) map needs to know: whether its volumes are defined, each
    node's inflow and each edge's volume (t/yr) then, and the leverage point (or None)."""
    sound = not channel_map_problems(g)
    sources_ok = sound and all("volume_t" in a for _, a in g.nodes(data=True) if a.get("kind") == "supplier")
    lever = leverage_point(g) if sources_ok and any(
        k not in ("supplier", "influencer") for _, k in g.nodes(data="kind")) else None
    return {"sources_ok": sources_ok, "flow": inflows(g) if sources_ok else {},
            "carried": edge_volumes(g) if sources_ok else {}, "lever": lever}


def channel_map_background(ax, g, layout, facts, title=None) -> None:
    """What does not move when a map's shares or volumes change: the legend (kinds and edge
    kinds present), the limits and the title. An explorer draws it once per
    :func:`channel_map_background_key` and the boxes and arrows on every edit."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    language = plot_language()
    n_layers = int(max((x for x, _ in layout.values()), default=0)) + 1
    kinds, first_fill, influence, lever = _legend_entries(g, facts)
    handles = [Patch(fc=KIND_COLOURS[k], ec="#555555", label=text(f"kind_{k}")) for k in kinds]
    handles.append(Line2D([], [], color=_SUPPLY, lw=3, alpha=0.55, label=text("supply_edge")))
    if first_fill:
        handles.append(Line2D([], [], color=_FIRST_FILL, lw=3, alpha=0.55, label=text("first_fill")))
    if influence:
        handles.append(Line2D([], [], color=_INFLUENCE, lw=1, ls="--", label=text("influence_edge")))
    if lever:
        handles.append(Patch(fc="white", ec=_LEVER, lw=2.5, label=text("leverage_point")))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(_LEGEND_COLUMNS, len(handles)),
              fontsize=7.5, frameon=False)
    ax.set_xlim(-0.6, n_layers - 0.4)
    ax.set_ylim(-0.04, 1.06)
    ax.set_axis_off()
    # no ticks either: placing the title otherwise lays out tick labels that are never drawn
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(_title(g, title, language))


def _title(g, title, language) -> str:
    if title is None:
        own = g.graph.get("title")
        name = text("channel_map")
        title = own.get(language) if isinstance(own, Text) else name[:1].upper() + name[1:]
    return title


def _legend_entries(g, facts) -> tuple:
    kinds = tuple(k for k in KIND_COLOURS if any(a.get("kind") == k for _, a in g.nodes(data=True)))
    return (kinds, any(a.get("channel") == "first_fill" for *_, a in g.edges(data=True)),
            any(a.get("kind") == "influence" for *_, a in g.edges(data=True)), facts["lever"] is not None)


def channel_map_background_key(g, layout, facts, title=None) -> tuple:
    """Everything :func:`channel_map_background` depends on, to compare (with the figure size)."""
    language = plot_language()
    n_layers = int(max((x for x, _ in layout.values()), default=0)) + 1
    return (language, n_layers, _legend_entries(g, facts), _title(g, title, language))


def channel_map_moving(ax, g, layout, facts, volumes: bool = True) -> list:
    """The boxes (with inflows when ``volumes``), the arrows and the leverage-point label of the
    map: the artists added, in the order a full draw puts them (z-order, then as added)."""
    language = plot_language()
    sources_ok, flow, carried, lever = facts["sources_ok"], facts["flow"], facts["carried"], facts["lever"]
    wrap = 11 if language == "zh" else 22
    boxes = {}
    for node in g:
        kind = g.nodes[node].get("kind")
        name = "\n".join(textwrap.wrap(node_label(g, node, language), wrap)) or str(node)
        if volumes and sources_ok and kind != "influencer":
            amount = g.nodes[node]["volume_t"] if kind == "supplier" else flow[node]
            name += f"\n{_fmt_t(float(amount), language)}"
        colour = KIND_COLOURS.get(kind, "#ffffff")
        x, y = layout[node]
        style = dict(ha="center", va="center", fontsize=7.5,
                     color="white" if kind == "supplier" else "black",
                     bbox=dict(boxstyle="round,pad=0.35", fc=colour,
                               ec=_LEVER if node == lever else "#555555",
                               lw=2.5 if node == lever else 0.6,
                               ls="-" if kind in KIND_COLOURS else "--"))
        # above the arrows, so a line passing under a box is hidden; the arrows end at its edge
        boxes[node] = ax.text(x, y, name, zorder=6, **style)
    placer = ax.add_artist(_BoxPlacer(list(boxes.values())))
    clips = {node: _box_clip(box) for node, box in boxes.items()}
    connection = _arc3(0.04)
    biggest = max(carried.values(), default=0.0) or 1.0
    arrows = []
    for u, v, attrs in g.edges(data=True):
        influence = attrs.get("kind") == "influence"
        if influence:
            width, colour, style = 1.0, _INFLUENCE, (0, (4, 3))
        else:
            if carried:
                width = 0.5 + 7.0 * carried.get((u, v), 0.0) / biggest
            else:
                share = attrs.get("share")
                width = 0.5 + 3.0 * (share if isinstance(share, (int, float)) and 0 <= share <= 1 else 0)
            colour = _FIRST_FILL if attrs.get("channel") == "first_fill" else _SUPPLY
            style = "-"
        arrow = ax.annotate(
            "", xy=layout[v], xytext=layout[u], zorder=4,
            arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.25", lw=width, color=colour,
                            alpha=0.9 if influence else 0.55, linestyle=style,
                            patchA=clips[u], patchB=clips[v],
                            shrinkA=1, shrinkB=1, connectionstyle=connection),
        )
        # An arrow runs between two boxes inside the axes, so it never widens the figure:
        # left out of the layout, it is not clipped again by each tight-bounding-box pass
        # (constrained layout and the inline backend's bbox_inches="tight" each made one).
        arrow.set_in_layout(False)
        arrows.append(arrow)
    labels = []
    if lever is not None:
        x, y = layout[lever]
        labels.append(ax.annotate(text("leverage_point"), (x, y), xytext=(0, 24), textcoords="offset points",
                                  ha="center", va="bottom", fontsize=8.5, color=_LEVER, zorder=5))
    return [placer, *arrows, *labels, *boxes.values()]


_TAKEAWAY = Text(
    "leverage point: {lever} ({lever_t}, {share:.0%} of supply); top route: {route} ({route_t}); "
    "first fill: {first_fill:.0%}.",
    "杠杆点：{lever}（{lever_t}，占总供应量的 {share:.0%}）；销量最大的路线：{route}（{route_t}）；"
    "初装油占比：{first_fill:.0%}。",
)


def channel_map_takeaway(g) -> str:
    """One line to print under the plot: leverage point, top route and first fill.

    >>> from kamlib.data.channel_maps import load_channel_map
    >>> print(channel_map_takeaway(load_channel_map("running_case")))  # doctest: +NORMALIZE_WHITESPACE
    leverage point: Donghai Industrial Supply (11,520 t, 32% of supply); top route: Harbourlight Lubricants →
    Direct key-account sales → Steel (3,150 t); first fill: 16%.
    >>> from kamlib.i18n import using_language
    >>> with using_language("zh"):
    ...     print(channel_map_takeaway(load_channel_map("running_case")))  # doctest: +NORMALIZE_WHITESPACE
    杠杆点：东海工业供应（11,520 吨，占总供应量的 32%）；销量最大的路线：港光润滑油 → 直供大客户 → 钢铁（3,150 吨）；初装油占比：16%。
    """
    language = plot_language()
    lever = leverage_point(g)
    supplied = supplied_volume(g)
    route, volume = top_routes(g, 1)[0]
    flow = inflows(g)[lever]
    return _TAKEAWAY.get(language).format(
        lever=node_label(g, lever, language), lever_t=_fmt_t(flow, language),
        share=flow / supplied if supplied else 0.0,
        route=" → ".join(node_label(g, n, language) for n in route), route_t=_fmt_t(volume, language),
        first_fill=first_fill_share(g),
    )


def plot_inflows(g, ax=None, top: int = 12):
    """Inflow (t/yr) of the ``top`` busiest nodes, the leverage point in red
    (suppliers and influencers have no inflow to speak of and are left out)."""
    check.whole_number(top, "top", minimum=1)
    ax = axes(ax, figsize=(8, 4))
    flow = inflows(g)
    kinds = dict(g.nodes(data="kind"))
    nodes = sorted((n for n in flow if kinds.get(n) not in ("supplier", "influencer")),
                   key=lambda n: (flow[n], str(n)))[-top:]
    lever = leverage_point(g)
    ax.barh([node_label(g, n) for n in nodes], [flow[n] for n in nodes],
            color=[_LEVER if n == lever else "#8fb8de" for n in nodes])
    ax.set_title(text("inflow_plot_title").format(name=node_label(g, lever)))
    ax.set_xlabel(text("inflow_t"))
    return ax


def plot_segment_channels(g, ax=None):
    """Volume (t/yr) reaching each end-user segment, first fill and aftermarket stacked."""
    ax = axes(ax, figsize=(8, 4))
    split = segment_channel_volumes(g)
    ends = list(split)[::-1]
    names = [node_label(g, n) for n in ends]
    first = [split[n]["first_fill"] for n in ends]
    after = [split[n]["aftermarket"] for n in ends]
    ax.barh(names, first, color=_FIRST_FILL, label=text("first_fill"))
    ax.barh(names, after, left=first, color=_SUPPLY, alpha=0.7, label=text("aftermarket"))
    ax.set_title(text("segment_channels_title"))
    ax.set_xlabel(text("volume_t"))
    ax.legend(loc="lower right")
    return ax


def plot_top_routes(g, n: int = 10, ax=None):
    """The ``n`` largest routes from the supplier to end users, by volume (t/yr).

    Each bar is one route, named by the nodes after the supplier; the title says so
    when the map's numbers are illustrative.

    Parameters
    ----------
    g : networkx.DiGraph
        A sound channel map with one supplier and its volume.
    n : int
        How many routes to show, the largest at the top.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from kamlib.data.channel_maps import load_channel_map
    >>> ax = plot_top_routes(load_channel_map("running_case"), n=3)
    >>> ax.get_title(), [t.get_text() for t in ax.get_yticklabels()][-1]
    ('Harbourlight Lubricants: the 3 largest routes (illustrative)', 'Direct key-account sales → Steel')
    """
    g = check_graph(g)
    check.whole_number(n, "n", minimum=1)
    routes = top_routes(g, n)
    source = routes[0][0][0]
    ax = axes(ax, figsize=(10, 0.38 * len(routes) + 1.5))
    ranked = routes[::-1]  # the largest at the top
    ax.barh([" → ".join(node_label(g, node) for node in route[1:]) for route, _ in ranked],
            [volume for _, volume in ranked], color=_SUPPLY)
    title = text("largest_routes_title").format(source=node_label(g, source), n=len(routes))
    if g.graph.get("illustrative"):
        title += f"（{text('illustrative')}）" if plot_language() == "zh" else f" ({text('illustrative')})"
    ax.set_title(title)
    ax.set_xlabel(text("route_volume_t"))
    ax.set_ylabel(text("route_after").format(source=node_label(g, source)))
    return ax
