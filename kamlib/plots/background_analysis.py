"""Plots for background and competition analysis: the five forces read together, and each
player's share at the junctions of the competitor-extended market map."""

from __future__ import annotations

from collections.abc import Mapping

from kamlib.models import arguments as check
from kamlib.models.background_analysis import FORCES, ForcesPressure
from kamlib.plots.style import axes, text

__all__ = ["plot_five_forces", "plot_competitor_shares"]

_DRIVER, _OTHER, _OVERALL = "#b3261e", "#9fb7cf", "#1f4e79"
_PLAYER_COLOURS = ("#1f4e79", "#c9a227", "#7fa7cf", "#b3261e", "#5b8c5a", "#8e6c8a")


def plot_five_forces(pressure: ForcesPressure, ax=None):
    """The five forces as bars (1 weak … 5 strong), the drivers (rated 4 or 5) in red, and the
    overall pressure (the mean) as a dashed line with its level.

    ``pressure``: a :class:`~kamlib.models.background_analysis.ForcesPressure` from
    ``five_forces_pressure``."""
    if not isinstance(pressure, ForcesPressure):
        raise TypeError(f"pressure must be a ForcesPressure (from five_forces_pressure), got "
                        f"{type(pressure).__name__}")
    ax = axes(ax, figsize=(8, 3.8))
    five_forces_background(ax)
    five_forces_bars(ax, pressure)
    return ax


def five_forces_background(ax, frame: bool = True) -> None:
    """What every five-forces chart shares: the forces' names, the rating axis and the title
    (an explorer draws it once and the bars on every move; ``frame=False`` leaves out what a
    full draw puts over the bars, the spines and the forces' tick marks: see
    :func:`five_forces_frame`)."""
    rows = list(reversed(FORCES))  # rivalry at the top, as Porter draws it in the middle
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([text(f"force_{f}") for f in rows])
    ax.set_xlim(0, 5.6)
    ax.set_ylim(-0.6, len(rows) + 0.1)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel(text("force_rating_axis"))
    ax.set_title(text("five_forces_title"), fontsize=10)
    for artist in five_forces_frame(ax):
        artist.set_visible(frame)


def five_forces_frame(ax) -> list:
    """The forces' tick marks, then the four spines: a full draw puts them over the bars."""
    return [*(tick.tick1line for tick in ax.yaxis.get_major_ticks()), *ax.spines.values()]


def five_forces_bars(ax, pressure: ForcesPressure) -> list:
    """The ratings of ``pressure`` on a :func:`five_forces_background`: the artists added, in
    drawing order."""
    rows = list(reversed(FORCES))
    values = [pressure.ratings[f] for f in rows]
    colours = [_DRIVER if f in pressure.drivers else _OTHER for f in rows]
    drawn = list(ax.barh(range(len(rows)), values, color=colours, height=0.6))
    for y, (force, value) in enumerate(zip(rows, values, strict=True)):
        mark = " !" if force in pressure.unsupported else ""
        drawn.append(ax.text(value + 0.06, y, f"{value}{mark}", va="center", fontsize=9))
    drawn.append(ax.axvline(pressure.overall, color=_OVERALL, linestyle="--", lw=1.5))
    drawn.append(ax.text(pressure.overall, len(rows) - 0.45, f"{text('overall_pressure')}: {pressure.overall:.1f} "
                         f"({text('pressure_' + pressure.level)})", ha="center", va="bottom", fontsize=9,
                         color=_OVERALL))
    return drawn


def plot_competitor_shares(shares: Mapping[str, Mapping[str, float]], names: Mapping[str, str] | None = None,
                           ax=None):
    """Stacked bars, one per junction: each player's share of the junction's volume, in the order
    the players are listed (us first, as ``junction_shares`` gives them).

    ``shares``: junction -> {player: share 0-1} (``junction_shares``); ``names``: optional
    display names for junctions and players (id -> text)."""
    check.mapping(shares, "shares", "a dict junction -> {player: share} (from junction_shares)")
    if not shares:
        raise ValueError("shares must name at least one junction (from junction_shares)")
    names = {} if names is None else check.mapping(names, "names", "a dict id -> display name")
    players: list = []
    for junction, row in shares.items():
        check.mapping(row, f"shares[{junction!r}]", "a dict player -> share 0-1")
        for player, share in row.items():
            check.number(share, f"shares[{junction!r}][{player!r}]", minimum=0, maximum=1)
            if player not in players:
                players.append(player)
    ax = axes(ax, figsize=(8, 0.4 * len(shares) + 1.6))
    junctions = list(reversed(list(shares)))
    left = [0.0] * len(junctions)
    for i, player in enumerate(players):
        widths = [shares[j].get(player, 0.0) for j in junctions]
        ax.barh(range(len(junctions)), widths, left=left, height=0.7, color=_PLAYER_COLOURS[i % len(_PLAYER_COLOURS)],
                label=str(names.get(player, player)))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(range(len(junctions)))
    ax.set_yticklabels([str(names.get(j, j)) for j in junctions])
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xticklabels(["0", "25 %", "50 %", "75 %", "100 %"])
    ax.set_xlabel(text("share_axis"))
    ax.set_title(text("competitor_shares_title"), fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.6 / (0.4 * len(junctions) + 1.6)), ncol=2, fontsize=8,
              frameon=False)
    return ax
