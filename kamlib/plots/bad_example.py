"""Plots for the bad-example case: the control chain (the stages a drum passes along the
channel, the controls at each, where the failure is introduced and where it is caught) and
the contacts between a seller and an account (a bow-tie or a diamond, and what is left when
one person leaves)."""

from __future__ import annotations

import textwrap

from kamlib.models import arguments as check
from kamlib.models.bad_example import first_catch, links_left
from kamlib.plots.style import axes, plot_language, text
from kamlib.text import Text

__all__ = ["plot_control_chain", "plot_contacts"]

_CATCH, _MISS, _OFF, _FAIL = "#1b7f3b", "#8a8a8a", "#ffffff", "#b3261e"


def _say(value: Text) -> str:
    return value.get(plot_language())


def _wrap(words: str, width: int) -> str:
    if plot_language() == "zh":
        return "\n".join(words[i:i + width // 2] for i in range(0, len(words), width // 2))
    return textwrap.fill(words, width)


def plot_control_chain(stages, controls, in_place=(), ax=None):
    """The stages a wrong drum passes (left to right, along the channel), the controls at
    each stage (filled when in place: green when it can see the failure, grey when it cannot;
    hollow when not in place), the failure stage (red) and where the drum is stopped, or a
    red cross at the end when the unit stops. ``stages`` and ``controls`` as for
    :func:`~kamlib.models.bad_example.first_catch`; ``in_place`` the ids of the controls that run."""

    catch = first_catch(stages, controls, in_place)
    stages, controls = list(stages), list(controls)
    ax = axes(ax, figsize=(8.5, 3.4))
    control_chain_background(ax, stages, controls)
    control_chain_moving(ax, stages, controls, in_place, catch)
    return ax


def control_chain_background(ax, stages, controls) -> None:
    """What every state of a case's control chain shares: the stages, the failure point, the
    legend and the title (an explorer draws it once; a switch redraws only
    :func:`control_chain_moving`). ``stages`` and ``controls`` as checked by
    :func:`plot_control_chain`."""
    from matplotlib.lines import Line2D

    n = len(stages)
    fail = next(x for x, s in enumerate(stages) if s.failure)
    ax.plot(range(n), [0] * n, color="#1f4e79", linewidth=3, marker="o", markersize=10, zorder=1)
    ax.plot([fail], [0], linestyle="none", marker="v", markersize=14, color=_FAIL, zorder=2)
    for x, stage in enumerate(stages):
        ax.text(x, -0.3, _wrap(_say(stage.name), 15), ha="center", va="top", fontsize=8)
    ax.text(fail, 0.2, text("bad_failure_point"), ha="center", va="bottom", color=_FAIL, fontsize=8)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-1.4, 1.5)
    ax.axis("off")
    handles = [Line2D([], [], linestyle="none", marker="s", color=_CATCH, label=text("bad_control_catches")),
               Line2D([], [], linestyle="none", marker="s", color=_MISS, label=text("bad_control_misses")),
               Line2D([], [], linestyle="none", marker="s", markerfacecolor=_OFF, markeredgecolor=_MISS,
                      label=text("bad_control_off"))]
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    ax.set_title(text("bad_control_chain_title"))


def control_chain_moving(ax, stages, controls, in_place, catch) -> list:
    """The controls (filled when in place) and where the drum is stopped, or the unit stops, on a
    :func:`control_chain_background`; ``catch`` from ``first_catch``. The artists added, in the
    order a full draw puts them (z-order, then as added)."""
    n, running = len(stages), set(in_place)
    ids = [s.id for s in stages]
    xs, ys, faces, edges, levels = [], [], [], [], {}
    for control in controls:
        x = ids.index(control.stage)
        levels[x] = levels.get(x, 0) + 1
        on, colour = control.id in running, _CATCH if control.catches else _MISS
        xs.append(x)
        ys.append(0.55 * levels[x])
        faces.append(colour if on else _OFF)
        edges.append(colour)
    middle, top = [], []  # z-order 3 (with the stage names), 4
    if xs:
        middle.append(ax.scatter(xs, ys, s=110, marker="s", c=faces, edgecolors=edges, linewidths=1.5, zorder=3))
    if catch.stage is not None and not catch.outage:
        x = ids.index(catch.stage)
        top += ax.plot([x], [0], linestyle="none", marker="o", markersize=22, markerfacecolor="none",
                       markeredgecolor=_CATCH, markeredgewidth=2.5, zorder=4)
        middle.append(ax.text(x, -1.25, text("bad_caught_here"), ha="center", color=_CATCH, fontsize=9,
                              fontweight="bold"))
    if catch.outage:
        top += ax.plot([n - 1], [0], linestyle="none", marker="X", markersize=20, color=_FAIL, zorder=4)
        middle.append(ax.text(n - 1, -1.25, text("bad_never_caught" if catch.stage is None else "bad_too_late"),
                              ha="right", color=_FAIL, fontsize=9, fontweight="bold"))
    return middle + top


def plot_contacts(seller, buyer, links, leaving: str | None = None, ax=None):
    """The people on the seller's side (left) and the account's (right) and the links
    between them; with ``leaving``, that person is crossed out and the links that go with
    them are dashed: what is left is what the account still rests on. ``seller`` and
    ``buyer``: person id -> name (text or Text); ``links``: (seller id, buyer id) pairs."""
    sides = {}
    for name, people in (("seller", seller), ("buyer", buyer)):
        people = check.mapping(people, name, "a dict of person id -> name")
        if not people:
            raise ValueError(f"{name} must name at least one person")
        sides[name] = {str(k): v if isinstance(v, Text) else Text(check.text(v, f"{name} entry", "a name"))
                       for k, v in people.items()}
    kept = links_left(links, leaving) if leaving is not None else [tuple(x) for x in links]
    if leaving is not None and leaving not in sides["seller"] and leaving not in sides["buyer"]:
        raise ValueError(f"leaving must be one of the people in seller or buyer, got {check.shown(leaving)}")
    for s, b in links:
        if s not in sides["seller"] or b not in sides["buyer"]:
            raise ValueError(f"links: ({s!r}, {b!r}) must join a person of seller to a person of buyer"[:300])
    ax = axes(ax, figsize=(8, 4.4))
    where = {}
    for x, name in ((0.0, "seller"), (1.0, "buyer")):
        people = list(sides[name])
        for i, pid in enumerate(people):
            y = 1 - (i + 0.5) / len(people)
            where[pid] = (x, y)
            gone = pid == leaving
            ax.scatter([x], [y], s=140, color=_FAIL if gone else "#1f4e79", marker="X" if gone else "o", zorder=3)
            ax.text(x - 0.04 if x == 0 else x + 0.04, y, _wrap(_say(sides[name][pid]), 26),
                    ha="right" if x == 0 else "left", va="center", fontsize=8)
    for s, b in links:
        (x0, y0), (x1, y1) = where[s], where[b]
        on = (s, b) in kept
        ax.plot([x0, x1], [y0, y1], color="#1b7f3b" if on else _FAIL, linestyle="-" if on else "--",
                linewidth=2, zorder=2)
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(-0.08, 1.08)
    ax.axis("off")
    ax.text(0, 1.06, text("bad_contacts_seller"), ha="center", fontweight="bold")
    ax.text(1, 1.06, text("bad_contacts_buyer"), ha="center", fontweight="bold")
    if leaving is not None:
        ax.text(0.5, -0.06, f"{text('bad_contacts_left')}: {len(kept)} / {len(list(links))}", ha="center",
                fontsize=9, color=_FAIL if not kept else "#1b7f3b")
    ax.set_title(text("bad_contacts_title"))
    return ax
