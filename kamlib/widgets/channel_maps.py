"""The channel-map explorer: type an edge table, watch the map redraw, see the problems.

``render_channel_maps`` does all the work (parse, build, check, draw, summarise) and
can be called and timed without a browser; the widget only wires a text box to it.

The edge table is CSV, one edge a line: ``from,to,share``. The share is a fraction
(``0.4``) or a percentage (``40%``) of what ``from`` sends on. An optional 4th
column says ``influence`` (an influence edge, no share), ``first_fill`` or
``aftermarket`` (in Chinese also 影响, 初装油, 售后换油). Blank lines, ``#`` comments and
a ``from,to,share`` (or ``起点,终点,占比``) header are skipped. The source is the first
line's ``from`` unless given. In the Chinese edition the starter map, the labels and the
problems are in Chinese (:data:`STARTER_EDGES_ZH`).

>>> view = render_channel_maps("Supplier,Distributor,60%\\nDistributor,Steel,1.0", draw=False)
>>> view.png is None, view.problems, "Distributor" in view.html
(True, (), True)
"""

from __future__ import annotations

import re

from kamlib.i18n import get_language
from kamlib.models import arguments as check
from kamlib.models.channel_maps import (
    NODE_KINDS,
    adopt_kinds,
    build_channel_map,
    channel_map_problems,
    edge_records,
    edge_table,
    known_kinds,
    leverage_point,
    top_routes,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["STARTER_EDGES", "STARTER_EDGES_ZH", "parse_edge_text", "edge_text", "render_channel_maps",
           "channel_maps_explorer"]

#: What the explorer shows first: a small lubricant map to edit.
STARTER_EDGES = """\
from,to,share
Supplier,Distributor,55%
Supplier,Truck OEM,15%
Supplier,Direct key accounts,30%
Distributor,Cement,40%
Distributor,Mining,60%
Truck OEM,Fleets,100%,first_fill
Direct key accounts,Steel,70%
Direct key accounts,Mining,30%
Oil lab,Fleets,,influence
"""

#: The same starter map for the Chinese edition.
STARTER_EDGES_ZH = """\
起点,终点,占比
供应商,经销商,55%
供应商,重卡主机厂,15%
供应商,直供大客户,30%
经销商,水泥,40%
经销商,矿山,60%
重卡主机厂,运输车队,100%,first_fill
直供大客户,钢铁,70%
直供大客户,矿山,30%
油液检测实验室,运输车队,,influence
"""

_NOTES = ("influence", "first_fill", "aftermarket")
_MARGINS = (0.01, 0.01, 0.99, 0.93)
_NOTE_ALIASES = {"影响": "influence", "初装油": "first_fill", "初装": "first_fill", "售后换油": "aftermarket",
                 "售后": "aftermarket"}
_HEADERS = (["from", "to"], ["起点", "终点"])


def _share(raw: str):
    raw = raw.strip()
    if not raw:
        return None
    percent = raw.endswith("%")
    value = float(raw.rstrip("%").strip())  # ValueError on junk
    if value != value:
        raise ValueError(raw)
    return value / 100 if percent else value


def parse_edge_text(text: str) -> tuple[list[dict], list[str]]:
    """Rows ``{from, to, share[, kind | channel]}`` from CSV lines, and the problems met.

    Examples
    --------
    >>> rows, problems = parse_edge_text("from,to,share\\nS,D,40%\\nS,E,lots\\nD,Steel")
    >>> rows
    [{'from': 'S', 'to': 'D', 'share': 0.4}]
    >>> problems
    ["line 3: share 'lots' is not a number (write 0.4 or 40%)", "line 4: expected from,to,share, got 'D,Steel'"]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be CSV text (from,to,share lines), got {type(text).__name__}")
    rows, problems, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in re.split(r"[,，\t]", line)]
        if [f.lower() for f in fields[:2]] in _HEADERS:
            continue
        if len(fields) < 3 or not fields[0] or not fields[1] or len(fields) > 4:
            problems.append(f"line {number}: expected from,to,share, got {line!r}")
            continue
        u, v = fields[0], fields[1]
        note = fields[3].lower() if len(fields) == 4 and fields[3] else None
        note = _NOTE_ALIASES.get(note, note)
        if note is not None and note not in _NOTES:
            problems.append(f"line {number}: the 4th column must be influence, first_fill or aftermarket, got {fields[3]!r}")
            continue
        try:
            share = _share(fields[2])
        except ValueError:
            problems.append(f"line {number}: share {fields[2]!r} is not a number (write 0.4 or 40%)")
            continue
        if (u, v) in seen:
            problems.append(f"line {number}: edge {u} → {v} is listed twice")
            continue
        seen.add((u, v))
        row = {"from": u, "to": v, "share": share}
        if note == "influence":
            row["kind"] = "influence"
        elif note is not None:
            row["channel"] = note
        rows.append(row)
    return rows, problems


def edge_text(g) -> str:
    """A channel map written as the explorer's CSV edge table (shares in %)."""
    lines = ["from,to,share"]
    for row in edge_table(g):
        if row["kind"] == "influence":
            lines.append(f"{row['from']},{row['to']},,influence")
            continue
        share = row["share"]
        share = f"{100 * share:.4g}%" if isinstance(share, (int, float)) else str(share)
        lines.append(f"{row['from']},{row['to']},{share}" + (f",{row['channel']}" if row["channel"] else ""))
    return "\n".join(lines) + "\n"


def render_channel_maps(edges, source: str | None = None, volume_t: float = 1000.0, draw: bool = True,
                        canvas=None, kinds=None, title=None) -> View:
    """Parse, build, check, summarise and (when ``draw``) draw a trainee's channel map.

    Parameters
    ----------
    edges : str or list or DataFrame
        CSV text (see the module docstring) or an edge table accepted by
        :func:`~kamlib.models.channel_maps.build_channel_map`.
    source : str, optional
        The supplier; defaults to the first edge's ``from``.
    volume_t : float
        The source's annual volume (t/yr).
    draw : bool
        Make the figure (False: only check and summarise, e.g. to time or grade).
    canvas : Canvas, optional
        An explorer's: the legend and title are redrawn only when they change, the boxes
        and arrows on every call (a new canvas when None).
    kinds : dict, optional
        Party name -> kind (``'distributor'``, ``'oem'`` ...; see ``NODE_KINDS``), e.g. the
        parties of a course map the explorer opened on. A named node keeps its kind, and so
        its colour, while it plays that role in the typed map (a distributor that still sells
        on); otherwise its kind is inferred from the edges, as for any other node.
    title : Text or str, optional
        The map's title, e.g. a course map's own (a Text, drawn in the language plots can draw);
        default the glossary's "product channel map", as :func:`plot_channel_map` draws it.

    Returns
    -------
    View
        ``png``: the map (None when not drawn or nothing to draw); ``problems``: what
        is wrong (a loop, shares over 100 %, a node nobody supplies, a bad line ...);
        ``html``: the problems, or the leverage point and the top route.

    Examples
    --------
    >>> view = render_channel_maps("S,D,0.7\\nS,E,0.6\\nD,E,1\\nE,D,0.5", draw=False)
    >>> for p in view.problems:
    ...     print(p)
    shares out of node S add up to 130 %, over 100 % (S → D 0.7, S → E 0.6)
    loop D → E → D: volume would go round for ever
    """
    check.flag(draw, "draw")
    if isinstance(edges, str):
        rows, problems = parse_edge_text(edges)
    else:
        rows, problems = edge_records(edges), []
    if isinstance(volume_t, bool) or not isinstance(volume_t, (int, float)) or not 0 <= volume_t < float("inf"):
        raise ValueError(f"volume_t must be a number >= 0 (t/yr), got {volume_t!r}"[:300])
    if source is not None and not isinstance(source, str):
        raise TypeError(f"source must be a node name (text) or None, got {type(source).__name__}")
    if not rows:
        return _view(None, problems + ["the map is empty: add edges from, to, share"])
    source = rows[0]["from"] if source is None or not source.strip() else source.strip()
    if kinds is not None:
        known_kinds(kinds)  # bad kinds fail here, whatever the table holds
    if title is not None and not isinstance(title, (str, Text)):
        raise TypeError(f"title must be text (a str or a kamlib Text) or None, got {type(title).__name__}")
    try:
        g = build_channel_map(rows, source_volumes={source: volume_t}, validate=False)
    except (TypeError, ValueError) as err:
        return _view(None, problems + [str(err)])
    if kinds is not None:
        adopt_kinds(g, kinds)
    problems += channel_map_problems(g)
    picture = None
    if draw:
        from kamlib.plots.channel_maps import (
            channel_map_background,
            channel_map_background_key,
            channel_map_facts,
            channel_map_figsize,
            channel_map_layout,
            channel_map_margins,
            channel_map_moving,
        )
        from kamlib.widgets.figure import canvas_or_new

        canvas = canvas_or_new(canvas, (7, 5), _MARGINS)
        layout = channel_map_layout(g)
        size, facts = channel_map_figsize(layout), channel_map_facts(g)
        if isinstance(title, Text):  # a course map's own title: drawn as plot_channel_map draws it
            g.graph["title"], title = title, None

        def background(ax):
            ax.figure.set_size_inches(size)  # the canvas follows the map's columns and rows
            ax.figure.subplots_adjust(*channel_map_margins(size, g, facts))  # and keeps its legend
            channel_map_background(ax, g, layout, facts, title)

        # legend and title only when they change; the boxes and arrows on every edit
        ax = canvas.still((size, channel_map_background_key(g, layout, facts, title)), background)
        picture = canvas.moving_png(channel_map_moving(ax, g, layout, facts))
    return _view(g, problems, picture)


#: The problems the explorer meets most, in Chinese: (English pattern, Chinese template).
#: A problem matching none is shown in English.
_PROBLEMS_ZH = tuple((re.compile(pattern), zh) for pattern, zh in (
    (r"shares out of node (?P<node>.+) add up to (?P<pct>\S+) %, over 100 % \((?P<listed>.*)\)",
     "{node} 流出的占比合计 {pct}%，超过了 100%（{listed}）"),
    (r"loop (?P<path>.+): volume would go round for ever", "出现环路 {path}：货会在里面无限循环"),
    (r"node (?P<node>.+) is an orphan: nobody supplies it \(no supply edge goes into it\)",
     "{node} 没有上游：没有任何供货连线指向它"),
    (r"edge (?P<u>.+) → (?P<v>.+) has no share \(a fraction 0-1 of what .+ sends on\)",
     "连线 {u} → {v} 没有占比（应为 {u} 出货量中 0 到 1 之间的比例）"),
    (r"share on edge (?P<u>.+) → (?P<v>.+) must be a number from 0 to 1, got (?P<got>.+)",
     "连线 {u} → {v} 的占比必须是 0 到 1 之间的数，现在是 {got}"),
    (r"edge (?P<u>.+) → (?P<v>.+) is a supply edge, but influencer (?P<end>.+) moves no volume: "
     r"make it kind 'influence'", "连线 {u} → {v} 是供货连线，但影响者 {end} 不经手货物：第 4 列请写 influence"),
    (r"the map is empty: add edges from, to, share", "通路图还是空的：请按“起点,终点,占比”逐行添加连线"),
    (r"the map has no supplier .*", "图里没有供应商（销量的起点）"),
    (r"line (?P<n>\d+): expected from,to,share, got (?P<line>.+)", "第 {n} 行：应写成“起点,终点,占比”，现在是 {line}"),
    (r"line (?P<n>\d+): the 4th column must be influence, first_fill or aftermarket, got (?P<got>.+)",
     "第 {n} 行：第 4 列只能是 influence、first_fill 或 aftermarket（也可以写影响、初装油、售后换油），现在是 {got}"),
    (r"line (?P<n>\d+): share (?P<got>.+) is not a number \(write 0.4 or 40%\)",
     "第 {n} 行：占比 {got} 不是数字（写 0.4 或 40%）"),
    (r"line (?P<n>\d+): edge (?P<u>.+) → (?P<v>.+) is listed twice", "第 {n} 行：连线 {u} → {v} 重复了"),
    (r"(?:edges\[\d+\]: )?edge (?P<u>.+) → (?P<v>.+) is listed twice", "连线 {u} → {v} 重复了"),
    (r"source_volumes names (?P<node>.+), which is not a node of the map", "起点 {node} 不在图上"),
))
_SUMMARY = Text("{ok} · leverage point: <b>{lever}</b> · top route: {route} ({volume:,.0f} t)",
                "{ok} · 杠杆点：<b>{lever}</b> · 销量最大的路线：{route}（{volume:,.0f} 吨）")


def _problem_text(problem: str) -> str:
    """A problem as the trainee reads it: in Chinese when the language is 'zh' and it is a known one."""
    if get_language() == "zh":
        for pattern, zh in _PROBLEMS_ZH:
            match = pattern.fullmatch(problem)
            if match:
                return zh.format(**match.groupdict())
    return problem


def _view(g, problems: list[str], picture: bytes | None = None) -> View:
    import html

    if problems:
        items = "".join(f"<li>{html.escape(_problem_text(p))}</li>" for p in problems)
        return View(html=f"<b style='color:#b3261e'>{Text.term('channel_problems')}</b><ul>{items}</ul>",
                    png=picture, problems=tuple(problems))
    route, volume = top_routes(g, 1)[0]
    summary = _SUMMARY.format(ok=f"<b style='color:#1b7f3b'>{Text.term('channel_map_ok')}</b>",
                              lever=html.escape(str(leverage_point(g))),
                              route=html.escape(" → ".join(map(str, route))), volume=volume)
    return View(html=str(summary), png=picture)


def channel_maps_explorer(edges=None, source: str | None = None, volume_t: float = 1000.0):
    """An edge-table editor beside its channel map, redrawn as the trainee types.

    ``edges``: CSV text, an edge table, or a channel map (DiGraph) to start from;
    default :data:`STARTER_EDGES`. A course map (``load_channel_map("lecture")``) opens
    with its parties' names in the edition's language and keeps their colours while the
    trainee edits. Problems (a loop, shares over 100 %, a node nobody supplies) are listed
    under the map.
    """
    edges, source, volume_t, kinds, title = _starting_table(edges, source, volume_t)
    render_channel_maps(edges, source, volume_t, draw=False, kinds=kinds)  # bad arguments fail here
    import ipywidgets as w

    from kamlib.widgets.figure import Canvas

    style = {"description_width": "initial"}
    table = w.Textarea(value=edges, rows=14, continuous_update=True, description=str(Text.term("edge_table")),
                       style=style, layout=w.Layout(width="380px", height="320px"))
    volume = w.BoundedFloatText(value=volume_t, min=0, max=1e9, description=str(Text.term("source_volume")),
                                style=style, layout=w.Layout(width="380px"))
    origin = w.Text(value=source or "", placeholder=str(Text.term("explorer_source_hint")),
                    description=str(Text.term("kind_supplier")), style=style, layout=w.Layout(width="380px"))
    image = w.Image(format="png", layout=w.Layout(max_width="900px"))
    report = w.HTML()
    canvas = Canvas(figsize=(7, 5), margins=_MARGINS)  # resized to each map by render_channel_maps

    def update(_change=None):
        show(render_channel_maps(table.value, origin.value, volume.value, canvas=canvas, kinds=kinds, title=title),
             image, report)

    for control in (table, volume, origin):
        control.observe(update, names="value")
    update()
    return w.HBox([w.VBox([table, origin, volume]), w.VBox([image, report])])


def _starting_table(edges, source, volume_t) -> tuple[str, str | None, float, dict, Text | None]:
    """The explorer's first edge table as CSV text, with the map's own source, volume and,
    for a channel map, its parties' kinds by the names the table shows and its own title."""
    import networkx as nx

    if isinstance(edges, nx.DiGraph):
        own = edges.graph.get("title")
        return *_named_table(edges, source, volume_t), own if isinstance(own, Text) else None
    if edges is None:
        return (STARTER_EDGES_ZH if get_language() == "zh" else STARTER_EDGES), source, volume_t, {}, None
    if isinstance(edges, str):
        return edges, source, volume_t, {}, None
    return edge_text(build_channel_map(edges, validate=False)), source, volume_t, {}, None


def _named_table(g, source, volume_t) -> tuple[str, str | None, float, dict]:
    """A channel map's edge table written with its parties' names (ids where two share a name)."""
    import networkx as nx

    from kamlib.plots.channel_maps import node_label

    names = {n: node_label(g, n) for n in g}
    if len(set(names.values())) < len(names):
        names = {n: str(n) for n in g}
    named = nx.relabel_nodes(g, names)
    suppliers = [n for n, kind in named.nodes(data="kind") if kind == "supplier"]
    if suppliers and "volume_t" in named.nodes[suppliers[0]]:
        source = source or suppliers[0]
        volume_t = float(named.nodes[suppliers[0]]["volume_t"])
    kinds = {n: kind for n, kind in named.nodes(data="kind") if kind in NODE_KINDS}
    return edge_text(named), source, volume_t, kinds
