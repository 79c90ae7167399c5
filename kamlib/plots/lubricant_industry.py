"""Plots for lubricant industry characteristics: the cost-in-use a salesperson shows a
maintenance manager, as stacked bars (what each lubricant costs a year, part by part) or as
a waterfall (from the current annual cost to the proposed one). Money in CNY/yr on every
axis. Without an argument, each draws the lecture's worked case (a cement girth-gear drive).
"""

from __future__ import annotations

from kamlib.models.lubricant_industry import (
    COST_COMPONENTS,
    CostComparison,
    girth_gear_case,
)
from kamlib.plots.style import axes, plot_language, text

__all__ = ["plot_cost_in_use", "plot_cost_waterfall"]

_COLOURS = {"lubricant": "#1f4e79", "labour": "#7fa7cf", "disposal": "#c9a227", "downtime": "#b3261e"}
_SAVING, _EXTRA = "#1b7f3b", "#b3261e"


def _comparison(comparison) -> CostComparison:
    if comparison is None:
        from kamlib.i18n import using_language

        with using_language(plot_language()):
            return girth_gear_case()
    if not isinstance(comparison, CostComparison):
        raise TypeError(f"comparison must be a CostComparison (from compare_cost_in_use) or None for the "
                        f"lecture's worked case, got {type(comparison).__name__}")
    return comparison


def _money(ax) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))  # few labels: each costs a text layout on redraw
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_ylabel(text("annual_cost_cny"))


def _names(comparison: CostComparison) -> list[str]:
    return [f"{text(key)}\n{c.name}" if c.name else text(key)
            for c, key in ((comparison.current, "current_product"), (comparison.proposed, "proposed_product"))]


def plot_cost_in_use(comparison: CostComparison | None = None, ax=None):
    """The annual cost (CNY/yr) of the current and the proposed lubricant as stacked bars,
    one segment per part (lubricant, labour, disposal, downtime), with each total and the
    saving. ``comparison`` comes from :func:`~kamlib.models.lubricant_industry.compare_cost_in_use`;
    None draws the lecture's worked case."""
    comparison = _comparison(comparison)
    ax = axes(ax, figsize=(7, 4.8))
    cost_in_use_still(ax, comparison)
    cost_in_use_moving(ax, comparison)
    return ax


def _in_order(ax, drawn: list) -> list:
    """``drawn`` (artists added to ``ax``), its axes and spines, in the order a full draw puts
    them: by z-order, then the Axes' children as added, the spines, the x and y axes, the legend."""
    ax.viewLim  # noqa: B018 - autoscale now, as a full draw does before drawing anything
    legends = [a for a in drawn if a is ax.legend_]
    rest = [a for a in drawn if a is not ax.legend_]
    return sorted([*rest, *ax.spines.values(), ax.xaxis, ax.yaxis, *legends], key=lambda a: a.get_zorder())


def _drop_taken_off(ax) -> None:
    """Forget the bar groups whose bars an explorer took off (they would come back in the legend)."""
    ax.containers[:] = [c for c in ax.containers if any(getattr(a, "axes", None) is ax for a in c)]


def cost_in_use_still(ax, comparison: CostComparison) -> None:
    """What the stacked bars keep while the figures move: the two names under the bars, the money
    axis' label and format, and the title (an explorer draws the title once per language and
    names; the axes, which move with the figures, are drawn by :func:`cost_in_use_moving`)."""
    ax.set_xticks([0, 1], _names(comparison), fontsize=8)
    ax.set_xlim(-0.6, 1.6)
    _money(ax)
    ax.set_title(text("cost_in_use_title"), fontsize=10, y=1.0)


def cost_in_use_moving(ax, comparison: CostComparison, legend: bool = True) -> list:
    """The stacked bars, the totals, the saving, the money scale and (unless ``legend`` is False:
    see :func:`cost_in_use_legend`) the legend over :func:`cost_in_use_still`: what a full draw
    puts on the Axes (with its axes and spines), in drawing order."""
    _drop_taken_off(ax)
    bars = (comparison.current, comparison.proposed)
    bottoms = [0.0, 0.0]
    drawn = []
    for part in COST_COMPONENTS:
        heights = [c.components()[part] for c in bars]
        if not any(heights) and part != "lubricant":
            continue
        drawn += ax.bar([0, 1], heights, bottom=bottoms, width=0.55, color=_COLOURS[part],
                        label=text(f"cost_{part}")).patches
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    top = max(bottoms) or 1.0
    for x, c in enumerate(bars):
        drawn.append(ax.text(x, c.total + 0.02 * top, f"{c.total:,.0f}", ha="center", va="bottom", fontsize=9))
    saving = comparison.saving
    word = text("saving") if saving >= 0 else text("cost_change")
    drawn.append(ax.text(0.5, 1.12 * top, f"{word}: {saving:,.0f} {text('cny_per_yr')} · {text('price_ratio')}: "
                         f"{comparison.price_ratio:.2f}×", ha="center", va="bottom", fontsize=9,
                         color=_SAVING if saving >= 0 else _EXTRA))
    ax.set_ylim(0, 1.25 * top)
    if legend:
        drawn.append(cost_in_use_legend(ax))
    return _in_order(ax, drawn)


def cost_in_use_legend(ax):
    """The legend of the parts drawn by :func:`cost_in_use_moving` (drawn over everything)."""
    return ax.legend(loc="upper right", fontsize=8, frameon=False)


def plot_cost_waterfall(comparison: CostComparison | None = None, ax=None):
    """A waterfall from the current annual cost to the proposed one (CNY/yr): one floating
    bar per part's change, green where the proposed lubricant saves, red where it costs more.
    None draws the lecture's worked case."""
    comparison = _comparison(comparison)
    ax = axes(ax, figsize=(8, 4.8))
    cost_waterfall_still(ax, comparison)
    cost_waterfall_moving(ax, comparison)
    return ax


def cost_waterfall_still(ax, comparison: CostComparison) -> None:
    """What the waterfall keeps while the figures move: the names under the bars, the money
    axis' label and format, the x label and the title (see :func:`cost_in_use_still`)."""
    labels = [_names(comparison)[0], *(f"Δ {text(f'cost_{part}')}" for part in COST_COMPONENTS),
              _names(comparison)[1]]
    ax.set_xticks(range(len(COST_COMPONENTS) + 2), labels, fontsize=8)
    # the bars' x extent never moves: fix the limits a full draw autoscales to (a bar of height
    # 0 in each place, taken off again), so the names can be drawn before the bars are there
    probe = ax.bar(range(len(COST_COMPONENTS) + 2), 0, width=0.6)
    ax.set_xlim(ax.get_xlim())
    probe.remove()
    _money(ax)
    ax.set_xlabel(text("cost_change"))
    ax.set_title(text("cost_waterfall_title"), fontsize=10, y=1.0)


def cost_waterfall_moving(ax, comparison: CostComparison) -> list:
    """The floating bars, their changes and the two totals over :func:`cost_waterfall_still`
    (with the axes and spines), in drawing order."""
    _drop_taken_off(ax)
    current, proposed = comparison.current.total, comparison.proposed.total
    changes = comparison.differences()
    drawn = [*ax.bar(0, current, width=0.6, color="#555555").patches]
    level = current
    for i, part in enumerate(COST_COMPONENTS, 1):
        change = changes[part]
        drawn += ax.bar(i, change, bottom=level, width=0.6, color=_SAVING if change < 0 else _EXTRA).patches
        drawn.append(ax.text(i, max(level, level + change) + 0.015 * max(current, proposed, 1), f"{change:+,.0f}",
                             ha="center", va="bottom", fontsize=8))
        level += change
    last = len(COST_COMPONENTS) + 1
    drawn += ax.bar(last, proposed, width=0.6, color="#1f4e79").patches
    top = max(current, proposed, 1)
    for x, value in ((0, current), (last, proposed)):
        drawn.append(ax.text(x, value + 0.015 * top, f"{value:,.0f}", ha="center", va="bottom", fontsize=9))
    ax.set_ylim(0, 1.15 * top)
    return _in_order(ax, drawn)
