"""Plots for organisation and the decision chain: the organisation chart with the buying-centre
roles, our coverage and the decision chain drawn on it, and the contact matrix as a heatmap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx

from kamlib.models import arguments as check
from kamlib.models.organisation_and_decision_chain import (
    LEVELS,
    MAX_STRENGTH,
    WORKING,
    ContactMatrix,
    Person,
    decision_chain,
)
from kamlib.plots.style import axes, plot_language, text
from kamlib.text import Text

__all__ = ["plot_org_chart", "plot_contact_matrix"]

_COVER_COLOURS = {"working": "#cfe8d5", "name": "#fdf1cc", "none": "#f6dcdc", "unknown": "#e8eef6"}
_CHAIN = "#1f4e79"


def _chart(chart) -> nx.DiGraph:
    if not isinstance(chart, nx.DiGraph) or chart.number_of_nodes() == 0 or not all(
            isinstance(d.get("person"), Person) for _, d in chart.nodes(data=True)):
        raise TypeError(f"chart must be an organisation chart from org_chart(...), got {type(chart).__name__}")
    return chart


def _say(value) -> str:
    return value.get(plot_language()) if isinstance(value, Text) else str(value)


def _positions(chart: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """People by level (top row: directors), each row in the order of a walk down the reporting
    lines, so a boss's people sit near each other."""
    bosses = {n: next((b for _, b, k in chart.out_edges(n, data="kind") if k == "reports"), None) for n in chart}
    order: list[str] = []

    def walk(n):
        order.append(n)
        for child in sorted(c for c, b in bosses.items() if b == n):
            walk(child)

    for top in [n for n, b in bosses.items() if b is None]:
        walk(top)
    rows: dict[str, list[str]] = {level: [] for level in LEVELS}
    for n in order:
        rows[chart.nodes[n]["person"].level].append(n)
    used = [level for level in LEVELS if rows[level]]
    pos = {}
    for y, level in enumerate(used):
        people = rows[level]
        for i, n in enumerate(people):
            pos[n] = ((i + 1) / (len(people) + 1), -float(y))
    return pos


def plot_org_chart(chart: nx.DiGraph, chain: Sequence[str] = (), matrix: ContactMatrix | None = None,
                   titles: Mapping[str, Text] | None = None, ax=None):
    """The organisation chart (组织结构图): people in rows by level, each with their buying-centre
    roles; grey lines are reporting lines, orange dashes influence, the blue arrows the decision
    ``chain`` (person ids in order). With a contact ``matrix`` each box is coloured by our best
    contact with the person: green a working relationship (2-3), yellow the name only (1), red none."""
    chart = _chart(chart)
    chain = decision_chain(chart, chain) if chain else ()
    if matrix is not None and not isinstance(matrix, ContactMatrix):
        raise TypeError(f"matrix must be a ContactMatrix from contact_matrix(...) or None, got "
                        f"{type(matrix).__name__}")
    titles = dict(check.mapping(titles, "titles", "a dict {person id: title}") if titles is not None else {})
    ax = axes(ax, figsize=(11, 6.2))
    pos = _positions(chart)
    for u, v, kind in chart.edges(data="kind"):
        (x0, y0), (x1, y1) = pos[u], pos[v]
        if kind == "reports":
            ax.plot([x0, x1], [y0, y1], color="#9a9a9a", lw=1.0, zorder=1)
        else:
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                        arrowprops={"arrowstyle": "->", "color": "#d08a2e", "lw": 1.0, "linestyle": "--",
                                    "connectionstyle": "arc3,rad=0.2", "shrinkA": 14, "shrinkB": 14})
    for a, b in zip(chain, chain[1:], strict=False):
        ax.annotate("", xy=pos[b], xytext=pos[a], zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": _CHAIN, "lw": 2.2, "connectionstyle": "arc3,rad=-0.25",
                                "shrinkA": 16, "shrinkB": 16})
    for n, (x, y) in pos.items():
        p = chart.nodes[n]["person"]
        if matrix is None:
            colour = _COVER_COLOURS["unknown"]
        else:
            best = matrix.best(n)
            colour = _COVER_COLOURS["working" if best >= WORKING else "name" if best else "none"]
        step = f"{chain.index(n) + 1}. " if n in chain else ""
        title = f"\n{_say(titles[n])}" if n in titles else ""
        roles = " · ".join(text(f"role_{r}") for r in p.roles) or "–"
        ax.text(x, y, f"{step}{_say(p.name)}{title}\n[{roles}]", ha="center", va="center", fontsize=7.5, zorder=3,
                bbox={"boxstyle": "round,pad=0.35", "facecolor": colour,
                      "edgecolor": _CHAIN if n in chain else "#888888", "lw": 1.6 if n in chain else 0.8})
    rows = sorted({y for _, y in pos.values()})
    for y in rows:
        level = next(chart.nodes[n]["person"].level for n, (_, yy) in pos.items() if yy == y)
        ax.text(-0.02, y, text(f"level_{level}"), ha="right", va="center", fontsize=8, color="#555555")
    handles = [
        _line("#9a9a9a", "-", text("reports_line")), _line("#d08a2e", "--", text("influence_line")),
        _line(_CHAIN, "-", text("decision_chain_line"), 2.2),
    ]
    if matrix is not None:
        from matplotlib.patches import Patch

        handles += [Patch(facecolor=_COVER_COLOURS[k], edgecolor="#888888", label=text(label)) for k, label in
                    (("working", "contact_working"), ("name", "contact_name_only"), ("none", "contact_none"))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=7.5, frameon=False)
    ax.set_xlim(-0.12, 1.02)
    ax.set_ylim(min(rows) - 0.6, 0.6)
    ax.axis("off")
    ax.set_title(text("org_chart_title"), fontsize=10)
    return ax


def _line(colour, style, label, lw=1.2):
    from matplotlib.lines import Line2D

    return Line2D([0], [0], color=colour, linestyle=style, lw=lw, label=label)


def plot_contact_matrix(matrix: ContactMatrix, chart: nx.DiGraph, names: Mapping[str, Text] | None = None,
                        colorbar: bool = True, ax=None):
    """The contact matrix (客户接触矩阵) as a heatmap: our people down the side (``names``: their
    names by id), their people across with their roles, each cell its strength 0-3 (``colorbar``:
    draw the scale beside it)."""
    if not isinstance(matrix, ContactMatrix):
        raise TypeError(f"matrix must be a ContactMatrix from contact_matrix(...), got {type(matrix).__name__}")
    chart = _chart(chart)
    missing = [t for t in matrix.theirs if t not in chart]
    if missing:
        raise ValueError(f"matrix: {missing} not in the chart")
    names = dict(check.mapping(names, "names", "a dict {our person id: name}") if names is not None else {})
    ax = axes(ax, figsize=(10, 3.8))
    image = ax.imshow(matrix.strengths, cmap="Greens", vmin=0, vmax=MAX_STRENGTH, aspect="auto")
    for i, row in enumerate(matrix.strengths):
        for j, s in enumerate(row):
            ax.text(j, i, str(s), ha="center", va="center", fontsize=9, color="white" if s >= 2 else "#333333")
    people = [chart.nodes[t]["person"] for t in matrix.theirs]
    ax.set_xticks(range(len(people)))
    ax.set_xticklabels([f"{_say(p.name)}\n" + "/".join(text(f"role_{r}") for r in p.roles) for p in people],
                       rotation=60, ha="right", fontsize=7.5)
    ax.set_yticks(range(len(matrix.ours)))
    ax.set_yticklabels([_say(names.get(o, o)) for o in matrix.ours], fontsize=8.5)
    ax.set_xlabel(text("their_people"))
    ax.set_ylabel(text("our_people"))
    if check.flag(colorbar, "colorbar"):
        ax.figure.colorbar(image, ax=ax, ticks=range(MAX_STRENGTH + 1), fraction=0.03, pad=0.01,
                           label=text("contact_strength"))
    ax.set_title(text("contact_matrix_title"), fontsize=10)
    return ax
