"""The controls explorer of lecture 11: switch the controls of the published turbine-oil case
on and off along the channel, and see where the wrong drum would have been stopped (or that
the unit stops), who owns the control that stops it, and what the outage costs (days × lost
production a day + drain, flush and refill; the days and money are the trainee's assumptions,
the source gives only "hundreds of thousands of dollars a day" [P]). ``render_bad_example``
does the work; the widget only wires it.

>>> view = render_bad_example([], days=3, per_day=300_000, flush=50_000, draw=False)
>>> view.problems, "950,000 USD" in view.html
((), True)
>>> "no outage" in render_bad_example(["incoming_test"], draw=False).html
True
"""

from __future__ import annotations

import html as _html

from kamlib.models import arguments as check
from kamlib.models.bad_example import first_catch, outage_cost
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_bad_example", "bad_example_explorer"]

_FIGSIZE = (8.5, 3.4)
_MARGINS = (0.01, 0.01, 0.99, 0.93)


def render_bad_example(in_place=(), days: float = 2, per_day: float = 300_000, flush: float = 40_000,
                       canvas=None, draw: bool = True) -> View:
    """The case with the controls ``in_place`` (ids of ``load_turbine_oil_case().controls``): where the
    drum is stopped, who owns that control, and the cost of the outage (``days`` the unit
    stands, ``per_day`` lost production in USD/day, ``flush`` in USD), either paid (the unit
    stopped) or avoided. An unknown control id is a problem in the view."""
    from kamlib.data.bad_example import load_turbine_oil_case

    case = load_turbine_oil_case()
    running = check.texts(in_place, "in_place", "a list of control ids")
    check.flag(draw, "draw")
    unknown = [c for c in running if c not in case.controls]
    if unknown:
        problem = str(Text(f"in_place: unknown control {unknown[0]!r}", f"in_place：没有这个控制措施 {unknown[0]!r}"))
        return View(html=f"<p style='color:#b3261e'>{_html.escape(problem)}</p>"[:2000], problems=(problem,))
    cost = outage_cost(days, per_day, flush)
    controls = list(case.controls.values())
    catch = first_catch(case.stages, controls, running)
    picture = None
    if draw:
        from kamlib.plots.bad_example import control_chain_background, control_chain_moving
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the stages, legend and title once per case and language; a switch redraws the controls
        canvas = canvas_or_new(canvas, _FIGSIZE, margins=_MARGINS)
        key = ("control_chain", plot_language(), id(case))
        ax = canvas.still(key, lambda ax: control_chain_background(ax, case.stages, controls))
        picture = canvas.moving_png(control_chain_moving(ax, case.stages, controls, running, catch))
    return View(html=_summary(case, catch, cost), png=picture)


def _summary(case, catch, cost) -> str:
    stages = {s.id: s for s in case.stages}
    if catch.control is None:
        said = Text("Not caught: the wrong oil reaches the turbine and the unit stops.",
                    "没有被拦下：错油进了汽轮机，机组停机。")
    else:
        control = case.controls[catch.control]
        owner = case.owners[control.owner].name
        at = stages[catch.stage].name
        if catch.outage:
            said = Text(f"Found by “{control.name.en}” ({owner.en}) at “{at.en}”, but the oil is already in the unit: "
                        "it stops all the same.",
                        f"在“{at.zh}”由“{control.name.zh}”（{owner.zh}）查出，但油已经在机组里：照样停机。")
        else:
            said = Text(f"Stopped at “{at.en}” by “{control.name.en}”, owned by {owner.en}: no outage.",
                        f"在“{at.zh}”被“{control.name.zh}”拦下，负责人是{owner.zh}：不停机。")
    if catch.outage:
        money = (f"{Text.term('bad_outage_cost')}: {cost.days:,.1f} d × {cost.per_day:,.0f} USD/d "
                 f"+ {cost.flush:,.0f} USD = <b>{cost.total:,.0f} USD</b>")
    else:
        money = f"{Text.term('bad_cost_avoided')}: <b>{cost.total:,.0f} USD</b>"
    passed = [case.controls[c] for c in catch.passed]
    missed = ""
    if passed:
        names = "; ".join(_html.escape(f"{c.name} — {c.why}") for c in passed)
        missed = "<p style='font-size:90%'>" + _html.escape(str(Text(
            "In place, but blind to this failure: ", "做了，但看不出这次的错："))) + names + "</p>"
    note = _html.escape(str(Text(
        "The days and money are your assumptions; the source says only that an unscheduled outage can cost "
        "hundreds of thousands of dollars a day [P].",
        "天数和金额是你的假设；出处只说非计划停运每天可造成数十万美元的损失 [P]。")))
    return (f"<p><b>{_html.escape(str(said))}</b></p>{missed}<p>{money}</p>"
            f"<p style='font-size:85%;color:#555'>{note}</p>")


def bad_example_explorer():
    """A checkbox per control (none in place at first: the published case) and sliders for
    the outage's days, lost production a day and the flush; the chain and the cost redraw on
    every change."""
    import ipywidgets as w

    from kamlib.data.bad_example import load_turbine_oil_case
    from kamlib.widgets.figure import Canvas

    case = load_turbine_oil_case()
    boxes = {cid: w.Checkbox(value=False, description=str(c.name), indent=False,
                             layout=w.Layout(width="560px"))
             for cid, c in case.controls.items()}
    style = {"description_width": "220px"}
    days = w.FloatSlider(value=2, min=0, max=30, step=0.5, description=str(Text.term("bad_outage_days")),
                         style=style, continuous_update=False, layout=w.Layout(width="520px"))
    per_day = w.IntSlider(value=300_000, min=0, max=1_000_000, step=10_000,
                          description=str(Text.term("bad_cost_per_day")), style=style, continuous_update=False,
                          layout=w.Layout(width="520px"))
    flush = w.IntSlider(value=40_000, min=0, max=500_000, step=5_000, description=str(Text.term("bad_flush_cost")),
                        style=style, continuous_update=False, layout=w.Layout(width="520px"))
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, table = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    pictures: dict = {}  # the chain depends only on the controls: draw each set once

    def update(_change=None):
        running = [cid for cid, box in boxes.items() if box.value]
        key = tuple(running)
        if key in pictures:
            view = render_bad_example(running, days.value, per_day.value, flush.value, draw=False)
            image.value, table.value = pictures[key], view.html
            return
        view = render_bad_example(running, days.value, per_day.value, flush.value, canvas)
        pictures[key] = view.png or b""
        show(view, image, table)

    for control in (*boxes.values(), days, per_day, flush):
        control.observe(update, names="value")
    update()
    heading = w.HTML(f"<b>{Text.term('bad_controls_title')}</b>")
    return w.VBox([heading, *boxes.values(), days, per_day, flush, image, table])
