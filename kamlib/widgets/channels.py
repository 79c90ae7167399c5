"""The channel-map builder: type an edge table, watch the map redraw, see the problems.

``render_channel_map`` does all the work (parse, build, check, draw) and can be
called and timed without a browser; the widget only wires a text box to it.

The edge table is CSV, one edge a line: ``from,to,share``. The share is a fraction
(``0.4``) or a percentage (``40%``) of what ``from`` sends on. An optional 4th
column says ``influence`` (an influence edge, no share), ``first_fill`` or
``aftermarket``. Blank lines, ``#`` comments and a ``from,to,share`` header are
skipped. The source is the first line's ``from`` unless given.

>>> fig, problems = render_channel_map("Supplier,Distributor,60%\\nDistributor,Steel,1.0",
...                                    draw=False)
>>> fig is None, problems
(True, [])
"""

from __future__ import annotations

import re

from kamlib.i18n import label
from kamlib.models.channels import (
    build_channel_map,
    channel_map_problems,
    edge_table,
    leverage_point,
    top_routes,
)
from kamlib.widgets.figure import SCREEN_DPI, png

__all__ = ["STARTER_EDGES", "parse_edge_text", "edge_text", "render_channel_map", "channel_map_builder"]

#: What the builder shows first: a small lubricant map to edit.
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

_NOTES = ("influence", "first_fill", "aftermarket")


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
        if [f.lower() for f in fields[:2]] == ["from", "to"]:
            continue
        if len(fields) < 3 or not fields[0] or not fields[1] or len(fields) > 4:
            problems.append(f"line {number}: expected from,to,share, got {line!r}")
            continue
        u, v = fields[0], fields[1]
        note = fields[3].lower() if len(fields) == 4 and fields[3] else None
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
    """A channel map written as the builder's CSV edge table (shares in %)."""
    lines = ["from,to,share"]
    for row in edge_table(g):
        if row["kind"] == "influence":
            lines.append(f"{row['from']},{row['to']},,influence")
            continue
        share = row["share"]
        share = f"{100 * share:.4g}%" if isinstance(share, (int, float)) else str(share)
        lines.append(f"{row['from']},{row['to']},{share}" + (f",{row['channel']}" if row["channel"] else ""))
    return "\n".join(lines) + "\n"


def render_channel_map(edges, source: str | None = None, volume_t: float = 1000.0, draw: bool = True):
    """Parse, build, check and (when ``draw``) draw a trainee's channel map.

    Parameters
    ----------
    edges : str or list or DataFrame
        CSV text (see the module docstring) or an edge table accepted by
        :func:`~kamlib.models.channels.build_channel_map`.
    source : str, optional
        The supplier; defaults to the first edge's ``from``.
    volume_t : float
        The source's annual volume (t/yr).
    draw : bool
        Make the figure (False: only check, e.g. to time or grade).

    Returns
    -------
    (matplotlib.figure.Figure or None, list of str)
        The drawing (None when not drawn or nothing to draw) and the problems found
        (a loop, shares over 100 %, a node nobody supplies, a bad line ...).

    Examples
    --------
    >>> _, problems = render_channel_map("S,D,0.7\\nS,E,0.6\\nD,E,1\\nE,D,0.5", draw=False)
    >>> for p in problems:
    ...     print(p)
    shares out of node S add up to 130 %, over 100 % (S → D 0.7, S → E 0.6)
    loop D → E → D: volume would go round for ever
    """
    if isinstance(edges, str):
        rows, problems = parse_edge_text(edges)
    else:
        from kamlib.models.channels import _edge_records

        rows, problems = _edge_records(edges), []
    if isinstance(volume_t, bool) or not isinstance(volume_t, (int, float)) or not volume_t >= 0:
        raise ValueError(f"volume_t must be a number >= 0 (t/yr), got {volume_t!r}")
    if not rows:
        return None, problems + ["the map is empty: add edges from, to, share"]
    source = rows[0]["from"] if source is None or not str(source).strip() else str(source).strip()
    try:
        g = build_channel_map(rows, source_volumes={source: volume_t}, validate=False)
    except (TypeError, ValueError) as err:
        return None, problems + [str(err)]
    problems += channel_map_problems(g)
    if not draw:
        return None, problems
    from matplotlib.figure import Figure

    from kamlib.plots.channels import channel_map_figsize, channel_map_layout, plot_channel_map

    layout = channel_map_layout(g)
    fig = Figure(figsize=channel_map_figsize(layout), dpi=SCREEN_DPI)
    fig.subplots_adjust(left=0.01, bottom=0.01, right=0.99, top=0.93)
    plot_channel_map(g, ax=fig.add_subplot(), layout=layout, title=label("channel_map"))
    return fig, problems


def _summary_html(edges, source, volume_t, problems) -> str:
    import html

    if problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        return f"<b style='color:#b3261e'>{label('channel_problems')}</b><ul>{items}</ul>"
    rows, _ = parse_edge_text(edges) if isinstance(edges, str) else (edges, [])
    source = source.strip() or rows[0]["from"]
    g = build_channel_map(rows, source_volumes={source: volume_t})
    route, volume = top_routes(g, 1)[0]
    return (
        f"<b style='color:#1b7f3b'>{label('channel_map_ok')}</b> · "
        f"{label('leverage_point')}: <b>{html.escape(str(leverage_point(g)))}</b> · "
        f"{label('top_route')}: {html.escape(' → '.join(map(str, route)))} ({volume:,.0f} t)"
    )


def channel_map_builder(edges=None, source: str | None = None, volume_t: float = 1000.0):
    """An edge-table editor beside its channel map, redrawn as the trainee types.

    ``edges``: CSV text, an edge table, or a channel map (DiGraph) to start from;
    default :data:`STARTER_EDGES`. Problems (a loop, shares over 100 %, a node
    nobody supplies) are listed under the map.
    """
    import ipywidgets as w
    import networkx as nx

    if isinstance(edges, nx.DiGraph):
        sources = [n for n, k in edges.nodes(data="kind") if k == "supplier"]
        if sources and "volume_t" in edges.nodes[sources[0]]:
            source = source or sources[0]
            volume_t = float(edges.nodes[sources[0]]["volume_t"])
        edges = edge_text(edges)
    elif edges is None:
        edges = STARTER_EDGES
    elif not isinstance(edges, str):
        edges = edge_text(build_channel_map(edges, validate=False))

    table = w.Textarea(value=edges, rows=14, continuous_update=True, description=label("edge_table"),
                       style={"description_width": "initial"}, layout=w.Layout(width="380px", height="320px"))
    volume = w.FloatText(value=volume_t, description=label("source_volume"),
                         style={"description_width": "initial"}, layout=w.Layout(width="380px"))
    origin = w.Text(value=source or "", placeholder="first line's 'from'", description=label("kind_supplier"),
                    style={"description_width": "initial"}, layout=w.Layout(width="380px"))
    picture = w.Image(format="png", layout=w.Layout(max_width="900px"))
    report = w.HTML()

    def update(_change=None):
        fig, problems = render_channel_map(table.value, origin.value, max(volume.value, 0.0))
        picture.value = png(fig) if fig is not None else b""
        report.value = _summary_html(table.value, origin.value, max(volume.value, 0.0), problems)

    for control in (table, volume, origin):
        control.observe(update, names="value")
    update()
    return w.HBox([w.VBox([table, origin, volume]), w.VBox([picture, report])])
