"""Plots for relationship stages: the contact network with the two companies facing each other
(levels as rows, cross-links in colour, the people it hangs on marked), and the stages on their
two axes."""

from __future__ import annotations

from collections.abc import Mapping

from kamlib.models import arguments as check
from kamlib.models.key_accounts import STAGES
from kamlib.models.relationship_stages import LEVELS, contact_positions, exposure
from kamlib.plots.style import axes, plot_language, text

__all__ = ["plot_contact_network", "plot_stages"]

_SIDE_COLOURS = {"seller": "#1f4e79", "buyer": "#2e7d4f"}
_STEPS = [i / 12 for i in range(13)]


def plot_contact_network(g, left=(), ax=None):
    """The contact network ``g`` (from ``contact_network`` or ``load_contact_network``): the
    selling company on the left, the buying company on the right, one row per level (director at
    the top); cross-links in orange, links inside a company in grey; the people whose loss alone
    cuts the companies apart ringed in red. ``left``: contact ids of people who have left, drawn
    hollow and crossed out where they were, their links gone. The title gives the shape."""
    gone = check.texts(left, "left", "a list of contact ids")
    where, full = contact_positions(g), g  # checks g; the people who left keep their place
    unknown = [n for n in gone if n not in g]
    if unknown:
        raise ValueError(f"left must be people of the network ({', '.join(sorted(map(str, g)))}); got "
                         f"{check.shown(unknown)}")
    if gone:
        g = g.copy()
        g.remove_nodes_from(gone)
    ax = axes(ax, figsize=(9, 5.2))
    contact_network_background(ax, where)
    contact_network_moving(ax, g, full, where, gone, exposure(g))
    return ax


def contact_network_background(ax, where) -> None:
    """What every state of one account's network shares: the level rows and their names and the
    two companies' names (an explorer draws it once; a press redraws only
    :func:`contact_network_moving`). ``where``: ``contact_positions`` of the full network. The
    title is left empty: it changes with the shape."""
    xs = [x for x, _ in where.values()]
    left, right = min(-3.0, min(xs) - 1.6) - 1.0, max(3.0, max(xs) + 1.6)
    for row, level in enumerate(LEVELS):
        y = len(LEVELS) - 1 - row
        ax.axhline(y, color="#eeeeee", lw=0.8, zorder=-1)
        ax.text(left + 0.05, y, text(f"level_{level}"), ha="left", va="center", fontsize=8, color="#555555")
    ax.set_xlim(left, right)
    ax.set_ylim(-0.8, len(LEVELS) - 0.2)
    ax.text(-1.0, len(LEVELS) - 0.45, text("seller_company"), color=_SIDE_COLOURS["seller"], fontsize=10,
            ha="center", va="center")
    ax.text(1.0, len(LEVELS) - 0.45, text("buyer_company"), color=_SIDE_COLOURS["buyer"], fontsize=10, ha="center",
            va="center")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("", fontsize=10)  # empty: nothing drawn, and it stays where a full draw puts it


def contact_network_moving(ax, g, full, where, gone, found) -> list:
    """The links, the people and their names and the title (with the shape) on a
    :func:`contact_network_background`: ``g`` the network without the people ``gone``, ``full``
    the network with them, ``found`` the ``exposure`` of ``g``. The artists added, in the order a
    full draw puts them (z-order, then as added)."""
    return [*contact_network_shapes(ax, g, where, gone, found), *contact_network_names(ax, full, where, gone).values(),
            contact_network_title(ax, found)]


def contact_network_inside(ax, g, where):
    """The links inside each company (grey, bowed outwards), one LineCollection."""
    from matplotlib.collections import LineCollection

    inside = []
    for u, v in g.edges:
        (x0, y0), (x1, y1) = where[u], where[v]
        if g.nodes[u]["side"] != g.nodes[v]["side"]:
            continue
        # a link inside a company bows outwards, so it never runs through the people between its ends
        out = (-1 if g.nodes[u]["side"] == "seller" else 1) * (0.25 + 0.3 * abs(y1 - y0))
        cx, cy = (x0 + x1) / 2 + out, (y0 + y1) / 2
        inside.append([((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x1,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y1) for t in _STEPS])
    return ax.add_collection(LineCollection(inside, colors="#aaaaaa", linewidths=1.0, zorder=0))


def contact_network_shapes(ax, g, where, gone, found, inside: bool = True) -> list:
    """The links (inside each company unless ``inside`` is False, across) and the people
    (ringed when the relationship hangs on them, crossed out when gone) of
    :func:`contact_network_moving`, in drawing order."""
    from matplotlib.collections import LineCollection

    across = [[where[u], where[v]] for u, v in g.edges if g.nodes[u]["side"] != g.nodes[v]["side"]]
    drawn = [contact_network_inside(ax, g, where)] if inside else []
    drawn.append(ax.add_collection(LineCollection(across, colors="#e07b00", linewidths=2.2, zorder=1)))
    key = set(found.key_people)
    nodes = [n for n in where if n in g]  # one scatter for everyone: a widget redraws it on every press
    drawn.append(ax.scatter([where[n][0] for n in nodes], [where[n][1] for n in nodes], s=260, zorder=2,
                            c=[_SIDE_COLOURS[g.nodes[n]["side"]] if g.degree(n) else "#ffffff" for n in nodes],
                            edgecolors=["#b3261e" if n in key else _SIDE_COLOURS[g.nodes[n]["side"]] for n in nodes],
                            linewidths=[3 if n in key else 1.2 for n in nodes]))
    if gone:
        drawn.append(ax.scatter([where[n][0] for n in gone], [where[n][1] for n in gone], s=260, marker="X",
                                color="#bbbbbb", zorder=2))
    return drawn


def contact_network_names(ax, full, where, gone=(), only=None) -> dict:
    """Each person's role beside them (grey when gone): contact id -> the Text added, in drawing
    order; ``only``: the contact ids to name (None: everyone)."""
    language = plot_language()
    names = {}
    for node, (x, y) in where.items():
        if only is not None and node not in only:
            continue
        side = full.nodes[node]["side"]
        names[node] = ax.text(x + (-0.22 if side == "seller" else 0.22), y - 0.3, full.nodes[node]["role"].get(language),
                              fontsize=7, ha="right" if side == "seller" else "left", va="center", zorder=3,
                              color="#999999" if node in gone else "black")
    return names


def contact_network_title(ax, found):
    """The title, with the shape of the network (``found``: its ``exposure``)."""
    ax.title.set_text(f"{text('contact_network_title')} · {text('shape_' + found.shape)}")
    return ax.title


def plot_stages(counts: Mapping[str, int] | None = None, ax=None):
    """The relationship stages on their two axes, the nature of the relationship (transactional →
    collaborative) across and the level of involvement (simple → complex) up, as a staircase from
    pre- to synergistic-KAM, with uncoupling beside it (it can happen at any stage). ``counts``
    (stage -> number of accounts, e.g. the running case's) is written in each box."""
    from matplotlib.patches import FancyBboxPatch

    if counts is not None:
        counts = check.mapping(counts, "counts", "a dict {stage: number of accounts}")
        for stage, n in counts.items():
            check.one_of(stage, "counts", STAGES)
            check.whole_number(n, "counts", minimum=0)
    ax = axes(ax, figsize=(8, 5))
    ladder = [s for s in STAGES if s != "uncoupling"]
    for i, stage in enumerate(ladder):
        x, y = 0.05 + 0.18 * i, 0.05 + 0.17 * i
        ax.add_patch(FancyBboxPatch((x, y), 0.16, 0.12, boxstyle="round,pad=0.005", facecolor="#dce9f7",
                                    edgecolor="#1f4e79"))
        label = text(f"stage_{stage}")
        if counts is not None:
            label += f"\n{counts.get(stage, 0)} {text('accounts_here')}"
        ax.text(x + 0.08, y + 0.06, label, ha="center", va="center", fontsize=8)
    ax.add_patch(FancyBboxPatch((0.78, 0.05), 0.18, 0.12, boxstyle="round,pad=0.005", facecolor="#f6dcdc",
                                edgecolor="#b3261e", linestyle="--"))
    label = text("stage_uncoupling") + f"\n({text('any_stage')})"
    if counts is not None:
        label += f"\n{counts.get('uncoupling', 0)} {text('accounts_here')}"
    ax.text(0.87, 0.11, label, ha="center", va="center", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(text("nature_axis"))
    ax.set_ylabel(text("involvement_axis"))
    ax.set_title(text("stages_title"), fontsize=10)
    return ax
