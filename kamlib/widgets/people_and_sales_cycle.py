"""Place a person on the social-style grid from what you observed, and see how you might open a
meeting with them, with the evidence caveat beside it. ``render_people_and_sales_cycle`` does the
work; the widget only wires it.

>>> view = render_people_and_sales_cycle(["asks_questions", "sticks_to_facts"], draw=False)
>>> view.problems, "Analytical" in view.html, "Comstock" in view.html
((), True, True)
>>> render_people_and_sales_cycle(["asks_questions"], draw=False).problems[0][:44]
'observed: select at least one behaviour on e'
"""

from __future__ import annotations

import html as _html
from collections.abc import Sequence

from kamlib.models import arguments as check
from kamlib.models.people_and_sales_cycle import AXES, place_person
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_people_and_sales_cycle", "people_and_sales_cycle_explorer"]

_FIGSIZE = (5.6, 5.0)
_MARGINS = (0.16, 0.12, 0.97, 0.92)


def render_people_and_sales_cycle(observed: Sequence[str], name: str = "", canvas=None, draw: bool = True) -> View:
    """Place a person from the behaviour ids ``observed`` (see ``load_behaviours``), draw them on
    the grid, and write the style, how to open a meeting, what to avoid, and the caveat. Too
    little observed to place the person (no behaviour on a scale, or a scale that balances out)
    is a problem in the view, not an error."""
    check.flag(draw, "draw")
    from kamlib.data.people_and_sales_cycle import load_behaviours, load_styles

    behaviours = load_behaviours()
    check.text(name, "name", "the person's name", nonempty=False)
    placement = place_person(observed, behaviours)
    problems = []
    for axis in AXES:
        score = getattr(placement, axis)
        if score is None:
            problems.append(str(Text(f"observed: select at least one behaviour on each scale; none yet on {axis}",
                                     f"observed：每个维度至少选一项行为；{Text.term(axis + '_axis').zh.split('：')[0]}还没有")))
        elif score == 0:
            problems.append(str(Text(f"observed: the {axis} behaviours you selected balance out: observe more",
                                     f"observed：你选的{Text.term(axis + '_axis').zh.split('：')[0]}行为相互抵消：再多观察")))
    picture = None
    if draw:
        from kamlib.plots.people_and_sales_cycle import (
            social_styles_moving,
            social_styles_people,
            social_styles_still,
        )
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the grid, its names and axes once per language; a press redraws the point and its name
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        ax = canvas.still(("social_styles", plot_language()), social_styles_still)
        people = social_styles_people({name or "●": placement} if placement.style else {})
        picture = canvas.moving_png(social_styles_moving(ax, people))
    ticked = "".join(f"<li>{_html.escape(str(b.text))}</li>" for b in behaviours if b.id in placement.observed)
    caveat = f"<p style='background:#fdf1cc;padding:6px'>⚠ {_html.escape(str(Text.term('style_caveat')))}</p>"
    head = f"<b>{Text.term('observed_behaviours')}</b><ul>{ticked or '<li>…</li>'}</ul>"
    if problems:
        items = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
        return View(html=head + f"<b style='color:#b3261e'>{Text.term('place_problem')}</b><ul>{items}</ul>"
                    + caveat, png=picture, problems=tuple(problems))
    style = load_styles()[placement.style]
    scores = (f"{Text.term('assertiveness_axis')}: {placement.assertiveness:+.2f} · "
              f"{Text.term('responsiveness_axis')}: {placement.responsiveness:+.2f}")
    return View(html=(head + f"<p>{_html.escape(scores)}</p><h4>{_html.escape(str(style.name))}</h4>"
                      f"<p><b>{Text.term('opening_suggestion')}</b> [P]: {_html.escape(str(style.opening))}</p>"
                      f"<p><b>{Text.term('avoid')}</b>: {_html.escape(str(style.avoid))}</p>" + caveat),
                png=picture)


def people_and_sales_cycle_explorer():
    """Press the behaviours you observed in a person (toggle buttons, grouped by scale); the grid,
    the style, the suggested opening and the caveat update on every press."""
    import ipywidgets as w

    from kamlib.data.people_and_sales_cycle import load_behaviours
    from kamlib.widgets.figure import Canvas

    behaviours = load_behaviours()
    boxes = {b.id: w.ToggleButton(value=False, description=str(b.text), tooltip=str(b.text), icon="check",
                                  layout=w.Layout(width="400px")) for b in behaviours}
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):
        show(render_people_and_sales_cycle([k for k, box in boxes.items() if box.value], canvas=canvas), image, out)

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    groups = []
    for axis in AXES:
        groups.append(w.HTML(f"<b>{Text.term(axis + '_axis')}</b>"))
        groups += [boxes[b.id] for b in behaviours if b.axis == axis]
    return w.VBox([w.HBox([w.VBox(groups), image]), out])
