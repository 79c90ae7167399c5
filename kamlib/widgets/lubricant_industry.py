"""Two tools for lecture 05: the cost-in-use explorer (move prices, consumption, labour,
disposal and downtime; watch the annual cost, the break-even price and the payback) and the
brainstorm (write no more than three traits for a sector, then compare them with the sourced
profile). ``render_lubricant_industry`` and ``render_lubricant_industry_brainstorm`` do the
work; the widgets only wire them.

>>> view = render_lubricant_industry({"price": "20 CNY/kg", "consumption": "5.25 t/yr"},
...                                  {"price": "48 CNY/kg", "consumption": "1.9 t/yr"}, draw=False)
>>> view.problems, "55.26" in view.html
((), True)
>>> render_lubricant_industry_brainstorm("cement", ["dust", "heat", "open gears", "price"]).problems[0][:40]
'traits: write no more than 3 traits (the'
"""

from __future__ import annotations

import html as _html
import math
import re
from collections.abc import Mapping, Sequence

from kamlib.models import arguments as check
from kamlib.models.lubricant_industry import (
    GIRTH_GEAR_CASE,
    MAX_TRAITS,
    TAGS,
    break_even_price,
    changeover_cost,
    compare_cost_in_use,
    cost_in_use,
    match_traits,
    payback_months,
    quantity,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_lubricant_industry", "lubricant_industry_explorer",
           "render_lubricant_industry_brainstorm", "lubricant_industry_brainstorm_explorer"]

_FIGSIZE = (7.2, 4.6)
_MARGINS = (0.13, 0.16, 0.97, 0.88)
_CHARTS = ("stacked", "waterfall")


def _problem_view(problems: list[str], heading: str) -> View:
    items = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
    return View(html=f"<b style='color:#b3261e'>{Text.term(heading)}</b><ul>{items}</ul>", problems=tuple(problems))


def render_lubricant_industry(
    current: Mapping,
    proposed: Mapping,
    points: int = 1,
    changeover: Mapping | None = None,
    chart: str = "stacked",
    canvas=None,
    draw: bool = True,
) -> View:
    """Compare two lubricants' cost-in-use on ``points`` lubrication points and show it.

    ``current`` and ``proposed`` are the arguments of
    :func:`~kamlib.models.lubricant_industry.cost_in_use` as dicts (quantities with units,
    per point); ``changeover`` those of :func:`~kamlib.models.lubricant_industry.changeover_cost`
    (without ``points``), for the payback. ``chart`` is ``'stacked'`` or ``'waterfall'``.
    Input the models refuse (a price of 0, a missing unit) is a problem in the view, not an
    error: that is where a trainee's sliders and boxes can be."""
    check.flag(draw, "draw")
    check.mapping(current, "current", "a dict of cost_in_use arguments")
    check.mapping(proposed, "proposed", "a dict of cost_in_use arguments")
    check.whole_number(points, "points", minimum=1)
    if changeover is not None:
        check.mapping(changeover, "changeover", "a dict of changeover_cost arguments or None")
    check.one_of(chart, "chart", _CHARTS)
    problems, costs = [], {}
    for which, inputs in (("current", current), ("proposed", proposed)):
        try:
            costs[which] = cost_in_use(**{**inputs, "points": points})
        except (ValueError, TypeError) as err:
            problems.append(f"{which}: {err}"[:300])
    switching = None
    if changeover is not None:
        try:
            switching = changeover_cost(**{**changeover, "points": points})
        except (ValueError, TypeError) as err:
            problems.append(f"changeover: {err}"[:300])
    if problems:
        return _problem_view(problems, "cost_problem")
    comparison = compare_cost_in_use(costs["current"], costs["proposed"])
    picture = None
    if draw:
        from kamlib.plots import lubricant_industry as plots
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the title and the names under the bars once per chart, language and names; a move
        # redraws the bars, figures, legend, the money axis (its scale moves with the figures),
        # the spines and the tick marks (both lie on the bars' feet)
        canvas = canvas_or_new(canvas, _FIGSIZE, margins=_MARGINS)
        still, moving = ((plots.cost_in_use_still, plots.cost_in_use_moving) if chart == "stacked"
                         else (plots.cost_waterfall_still, plots.cost_waterfall_moving))

        def background(ax):
            still(ax, comparison)
            for artist in _framing(ax):  # drawn with the moving part, in its place
                artist.set_visible(False)

        names = (comparison.current.name, comparison.proposed.name)
        key = ("cost_in_use", chart, plot_language(), names)
        ax = canvas.still(key, background)
        uncover = ()
        if chart == "stacked":
            # the legend changes only when a part appears or goes: a still layer over the rest,
            # drawn again (over what moved) only where a bar or a figure reaches under it
            drawn = moving(ax, comparison, legend=False)
            parts = tuple(c.get_label() for c in ax.containers)
            canvas.still_layers((key, parts), lambda ax: [], lambda ax: [plots.cost_in_use_legend(ax)])
            renderer = canvas.figure.canvas.get_renderer()
            box = ax.legend_.get_window_extent(renderer).padded(2)
            if any(a.get_window_extent(renderer).overlaps(box) for a in drawn if a.axes is ax and a not in
                   _framing(ax) and a is not ax.xaxis):
                drawn, uncover = [*drawn, _Again(ax.legend_)], [box]
        else:
            drawn = moving(ax, comparison)
        for artist in _framing(ax):
            artist.set_visible(True)
        _names_shown(ax, False)  # kept from the still part
        try:
            picture = canvas.moving_png(drawn, uncover=uncover)
        finally:
            _names_shown(ax, True)  # the figure holds the whole picture
    return View(html=_cost_html(comparison, switching), png=picture)


class _Again:
    """An artist of a still layer, drawn again among the moving ones (and left in place when
    the canvas takes the moving ones off)."""

    def __init__(self, artist):
        self.artist = artist

    def draw(self, renderer) -> None:
        self.artist.draw(renderer)

    def remove(self) -> None:
        pass


def _framing(ax) -> list:
    """What an explorer's still part leaves out: the spines, the money axis and the tick marks."""
    return [*ax.spines.values(), ax.yaxis, *(tick.tick1line for tick in ax.xaxis.get_major_ticks())]


def _names_shown(ax, shown: bool) -> None:
    """Show or hide the names under the bars and the x label (drawn with the still part)."""
    for tick in ax.xaxis.get_major_ticks():
        tick.label1.set_visible(shown)
    ax.xaxis.label.set_visible(shown)


def _cost_html(comparison, switching: float | None) -> str:
    facts = []
    try:
        facts.append(f"{Text.term('break_even_price')}: <b>{break_even_price(comparison):,.2f}</b>")
    except ValueError:
        pass
    if switching is not None:
        months = payback_months(comparison, (switching, "CNY"))
        shown = Text.term("never") if math.isinf(months) else f"{months:,.1f}"
        facts.append(f"{Text.term('changeover')}: {switching:,.0f} · {Text.term('payback')}: <b>{shown}</b>")
    tonnes = (f"{Text.term('current_product')}: {comparison.current.t_per_year:,.2f} t/yr · "
              f"{Text.term('proposed_product')}: {comparison.proposed.t_per_year:,.2f} t/yr")
    return comparison._repr_html_() + "<p>" + "<br>".join([*facts, tonnes]) + "</p>"


def _number(value: str, kind: str) -> float:
    """A quantity of the worked case in the unit a slider shows (CNY/kg, t/yr, h/yr ...)."""
    number, unit = quantity(value, "value", kind)
    return number / {"mass_rate": 1000.0}.get(kind, 1.0)


def lubricant_industry_explorer(points: int = 1):
    """Sliders for the two lubricants (price, consumption, labour and stops per point) and
    what both share (labour rate, disposal, cost of a stop, number of points, changeover per
    point); the annual cost, break-even price and payback redraw on every move. Starts
    from the lecture's worked case (a cement girth-gear drive)."""
    check.whole_number(points, "points", minimum=1, maximum=50)
    import ipywidgets as w

    from kamlib.widgets.figure import Canvas

    case = GIRTH_GEAR_CASE

    def slider(term, value, low, high, step, suffix=""):
        return w.FloatSlider(value=value, min=low, max=high, step=step, description=str(Text.term(term)) + suffix,
                             style={"description_width": "190px"}, layout=w.Layout(width="430px"),
                             continuous_update=False, readout_format=",.2f" if step < 1 else ",.0f")

    sides = {}
    for which, mark in (("current", " ①"), ("proposed", " ②")):
        inputs = case[which]
        sides[which] = {
            "price": slider("per_kg_price", _number(inputs["price"], "price"), 1, 150, 0.5, mark),
            "consumption": slider("consumption_t", _number(inputs["consumption"], "mass_rate"), 0.1, 10, 0.05, mark),
            "labour": slider("labour_h", _number(inputs["labour"], "hours_rate"), 0, 400, 5, mark),
            "downtime": slider("downtime_h", 0, 0, 100, 1, mark),
        }
    shared = {
        "labour_rate": slider("labour_rate", _number(case["current"]["labour_rate"], "rate"), 0, 300, 5),
        "disposal": slider("disposal_cny_kg", _number(case["current"]["disposal"], "disposal"), 0, 20, 0.5),
        "downtime_rate": slider("downtime_rate", 0, 0, 20000, 500),
        "changeover": slider("changeover_per_point", _number(case["changeover"]["per_point"], "money"), 0, 200000,
                             1000),
    }
    count = w.IntSlider(value=points, min=1, max=50, description=str(Text.term("points")),
                        style={"description_width": "190px"}, layout=w.Layout(width="430px"),
                        continuous_update=False)
    chart = w.Dropdown(options=[(str(Text.term(f"chart_{c}")), c) for c in _CHARTS], value="stacked",
                       description=str(Text.term("chart")), style={"description_width": "190px"})
    # a canvas per chart: switching back keeps that chart's still part drawn
    canvases = {c: Canvas(figsize=_FIGSIZE, margins=_MARGINS) for c in _CHARTS}
    image, table = w.Image(format="png", layout=w.Layout(width=f"{canvases['stacked'].width_px}px")), w.HTML()

    def inputs(which):
        s = sides[which]
        return {"price": (s["price"].value, "CNY/kg"), "consumption": (s["consumption"].value, "t/yr"),
                "labour": (s["labour"].value, "h/yr"), "labour_rate": (shared["labour_rate"].value, "CNY/h"),
                "disposal": (shared["disposal"].value, "CNY/kg"), "downtime": (s["downtime"].value, "h/yr"),
                "downtime_rate": (shared["downtime_rate"].value, "CNY/h")}

    def update(_change=None):
        view = render_lubricant_industry(inputs("current"), inputs("proposed"), count.value,
                                         {"per_point": (shared["changeover"].value, "CNY")}, chart.value,
                                         canvases[chart.value])
        show(view, image, table)

    controls = [*sides["current"].values(), *sides["proposed"].values(), *shared.values(), count, chart]
    for control in controls:
        control.observe(update, names="value")
    update()
    heads = {which: w.HTML(f"<b>{mark} {Text.term(which + '_product')}</b>")
             for which, mark in (("current", "①"), ("proposed", "②"))}
    column = w.VBox([heads["current"], *sides["current"].values(), heads["proposed"], *sides["proposed"].values(),
                     w.HTML(f"<b>{Text.term('cost_in_use')}</b>"), *shared.values(), count, chart])
    return w.VBox([w.HBox([column, image]), table])


# --- the brainstorm --------------------------------------------------------------------------

_SPLIT = re.compile(r"[;；\n]")
_MAX_CHARS = 80


def render_lubricant_industry_brainstorm(sector: str, traits: Sequence[str], reveal: bool = False) -> View:
    """The lecture's brainstorm for one sector: the trainee's traits (no more than three;
    a box holding several, split by ``;`` or a new line, counts each), and, when ``reveal``
    is True, the sourced profile beside them, each point with its evidence tag and whether
    a trait named it. Too many traits, or revealing before writing any, is a problem in the
    view: think first, then compare."""
    from kamlib.data.lubricant_industry import load_sectors, load_sources

    sectors = load_sectors()
    check.one_of(sector, "sector", sectors)
    texts = check.texts(traits, "traits", "a list of texts (one trait each)")
    check.flag(reveal, "reveal")
    found = [t.strip() for box in texts for t in _SPLIT.split(box) if t.strip()]
    problems = []
    if len(found) > MAX_TRAITS:
        problems.append(str(Text(f"traits: write no more than {MAX_TRAITS} traits (the lecture's rule), "
                                 f"you have {len(found)}: keep the three that matter most",
                                 f"traits：每个行业不超过 {MAX_TRAITS} 点（讲义的规则），你写了 {len(found)} 点："
                                 "只留最重要的三点")))
    long = [t for t in found if len(t) > _MAX_CHARS]
    if long:
        problems.append(str(Text(f"traits: keep each trait short (at most {_MAX_CHARS} characters)",
                                 f"traits：每一点要简短（不超过 {_MAX_CHARS} 个字符）")))
    if reveal and not found:
        problems.append(str(Text("traits: write at least one trait before you compare: think first",
                                 "traits：先写下至少一点再对照：先思考")))
    the_sector = sectors[sector]
    yours = "".join(f"<li>{_html.escape(t)}</li>" for t in found) or "<li>…</li>"
    head = f"<h4>{_html.escape(str(the_sector.name))} — {Text.term('your_traits')}</h4><ol>{yours}</ol>"
    if problems:
        items = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
        return View(html=head + f"<ul style='color:#b3261e'>{items}</ul>", problems=tuple(problems))
    if not reveal:
        return View(html=head + f"<p><i>{Text.term('compare_profile')} …</i></p>")
    matches = match_traits(found, the_sector)
    sources = load_sources()
    rows = []
    for part, term in (("needs", "sector_needs"), ("specs", "sector_specs"), ("buying", "sector_buying")):
        for point, hits in zip(the_sector.traits()[part], matches[part], strict=True):
            named = (f"✓ {Text.term('you_named_it')} ({', '.join(str(i + 1) for i in hits)})" if hits
                     else f"<span style='color:#888'>{Text.term('not_named')}</span>")
            cite = sources[point.ref].cite if point.ref else ""
            rows.append(f"<tr><td>{Text.term(term)}</td><td>{_html.escape(str(point.text))}</td>"
                        f"<td title='{_html.escape(str(TAGS[point.tag]))}'>[{point.tag}]</td>"
                        f"<td>{named}</td><td style='font-size:85%'>{_html.escape(cite)}</td></tr>")
    unmatched = [i for i in range(len(found)) if not any(i in h for part in matches.values() for h in part)]
    extra = ""
    if unmatched:
        listed = ", ".join(_html.escape(found[i]) for i in unmatched)
        extra = "<p>" + _html.escape(str(Text(
            "Not in the profile: ", "概况里没有："))) + f"{listed}. " + _html.escape(str(Text(
                "Discuss it: a trait of this account rather than the sector? A fact with a source? The list "
                "knows only some words.",
                "讨论一下：这是这家客户的特点，而不是整个行业的？有出处吗？对照表只认得部分词语。"))) + "</p>"
    equipment = "; ".join(_html.escape(str(e)) for e in the_sector.equipment)
    legend = " · ".join(f"[{k}] {_html.escape(str(v))}" for k, v in TAGS.items())
    return View(html=(head + f"<h4>{Text.term('sourced_profile')}</h4><p>{Text.term('key_equipment')}: {equipment}</p>"
                      f"<table><tr><th></th><th>{Text.term('trait')}</th><th>{Text.term('evidence_tag')}</th>"
                      f"<th>{Text.term('your_traits')}</th><th>{Text.term('source')}</th></tr>{''.join(rows)}</table>"
                      f"{extra}<p style='font-size:85%'>{legend}</p>"))


def lubricant_industry_brainstorm_explorer(sector: str = "cement"):
    """Pick a sector, write up to three traits (one per box), then press the button to
    compare them with the sourced profile."""
    from kamlib.data.lubricant_industry import load_sectors

    sectors = load_sectors()
    check.one_of(sector, "sector", sectors)
    import ipywidgets as w

    choose = w.Dropdown(options=[(str(s.name), sid) for sid, s in sectors.items()], value=sector,
                        description=str(Text.term("sector")))
    boxes = [w.Text(value="", placeholder=f"{Text.term('trait')} {i}", continuous_update=False,
                    layout=w.Layout(width="420px")) for i in range(1, MAX_TRAITS + 1)]
    reveal = w.ToggleButton(value=False, description=str(Text.term("compare_profile")), icon="check",
                            layout=w.Layout(width="320px"))
    out = w.HTML()

    def update(_change=None):
        show(render_lubricant_industry_brainstorm(choose.value, [b.value for b in boxes], reveal.value), html=out)

    for control in (choose, *boxes, reveal):
        control.observe(update, names="value")
    update()
    return w.VBox([w.HTML(f"<b>{Text.term('brainstorm')}</b>"), choose, *boxes, reveal, out])
