"""Sort a week's activities into the four positions of the career model and watch the picture
change. ``render_career_model`` does the work; the widget only wires it.

>>> from kamlib.data.career_model import load_week
>>> view = render_career_model(load_week().sorting, draw=False)
>>> view.problems, "owner share" in view.html, "Kiyosaki" in view.html
((), True, True)
>>> render_career_model({"admin": "E"}, draw=False).problems[0][:36]
'sorting: 8 activities not sorted yet'
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping

from kamlib.models import arguments as check
from kamlib.models.career_model import QUADRANTS, Activity, week_profile
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_career_model", "career_model_explorer"]

_FIGSIZE = (5.6, 4.6)
_MARGINS = (0.03, 0.12, 0.97, 0.9)
_STARTS = ("lecture", "blank")


def _week(hours):
    from kamlib.data.career_model import Week, load_week

    week = load_week()
    if hours is None:
        return week
    hours = check.mapping(hours, "hours", "a dict {activity id: hours a week}")
    known = {a.id for a in week.activities}
    unknown = [k for k in hours if k not in known]
    if unknown:
        raise ValueError(f"hours must map activity ids ({', '.join(known)}); got {check.shown(unknown)}")
    for key, value in hours.items():
        check.number(value, f"hours[{key!r}]", minimum=0, maximum=80, unit="hours a week")
    return Week(tuple(Activity(a.id, a.text, hours.get(a.id, a.hours)) for a in week.activities), week.sorting)


def render_career_model(sorting: Mapping[str, str | None], hours: Mapping[str, float] | None = None, canvas=None,
                        draw: bool = True) -> View:
    """Sort the activities of a KAM's week (``load_week()``): ``sorting`` maps an activity id to
    ``'E'``, ``'S'``, ``'B'``, ``'I'`` or None (not sorted yet); ``hours`` overrides the hours a
    week of any activity (your own week). Draws the quadrant and writes hours and share per
    position, the owner share (B + I) and the framing note. Activities not sorted yet are a
    problem in the view, not an error."""
    check.flag(draw, "draw")
    from kamlib.data.career_model import load_quadrants

    week = _week(hours)
    profile = week_profile(week.activities, sorting)
    problems = []
    if profile.unsorted:
        n = len(profile.unsorted)
        problems.append(str(Text(f"sorting: {n} activities not sorted yet ({profile.unsorted_hours:g} h)",
                                 f"sorting：还有 {n} 项活动尚未归类（{profile.unsorted_hours:g} 小时）")))
    if profile.total_hours == 0:
        problems.append(str(Text("hours: the sorted activities add up to 0 hours", "hours：已归类活动合计 0 小时")))
    picture = None
    if draw:
        from kamlib.plots.career_model import career_week_moving, career_week_still
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the notes, frame and title once per language; a change redraws the cells and the label
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        ax = canvas.still(("career_week", plot_language()), career_week_still)
        picture = canvas.moving_png(career_week_moving(ax, profile))
    quadrants = load_quadrants()
    rows = "".join(
        f"<tr><td><b>{_html.escape(str(Text.term(f'quadrant_{q}')))}</b></td>"
        f"<td style='text-align:right'>{profile.hours[q]:g} h</td><td style='text-align:right'>{round(profile.share[q], 1):g} %</td>"
        f"<td>{_html.escape(str(quadrants[q].kam))}</td></tr>" for q in QUADRANTS)
    table = f"<table>{rows}</table>"
    owner = (f"<p><b>{_html.escape(str(Text.term('owner_share')))}</b>: {round(profile.owner_share, 1):g} % · "
             f"{_html.escape(str(Text.term('hours_per_week')))}: {profile.total_hours:g}</p>")
    note = f"<p style='background:#fdf1cc;padding:6px'>⚠ {_html.escape(str(Text.term('career_framing')))}</p>"
    if problems:
        listed = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
        head = f"<b style='color:#b3261e'>{_html.escape(str(Text.term('sort_problem')))}</b><ul>{listed}</ul>"
        return View(html=head + table + owner + note, png=picture, problems=tuple(problems))
    return View(html=table + owner + note, png=picture)


def career_model_explorer(start: str = "lecture"):
    """A row per activity of a KAM's week: a menu to sort it into E, S, B or I and a slider for
    its hours a week. ``start='lecture'`` begins from the lecture's sorting of Zhao Min's week,
    ``'blank'`` with nothing sorted. The quadrant and the table update on every change."""
    import ipywidgets as w

    from kamlib.data.career_model import load_week
    from kamlib.widgets.figure import Canvas

    check.one_of(start, "start", _STARTS)
    week = load_week()
    options = [("—", "")] + [(str(Text.term(f"quadrant_{q}")), q) for q in QUADRANTS]
    menus = {a.id: w.Dropdown(options=options, value=week.sorting[a.id] if start == "lecture" else "",
                              layout=w.Layout(width="230px")) for a in week.activities}
    sliders = {a.id: w.IntSlider(value=int(a.hours), min=0, max=20, description="h", layout=w.Layout(width="210px"))
               for a in week.activities}
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):
        show(render_career_model({k: m.value or None for k, m in menus.items()},
                                 {k: s.value for k, s in sliders.items()}, canvas=canvas), image, out)

    for control in (*menus.values(), *sliders.values()):
        control.observe(update, names="value")
    update()
    rows = [w.HBox([w.HTML(_html.escape(str(a.text)), layout=w.Layout(width="330px")), menus[a.id], sliders[a.id]])
            for a in week.activities]
    return w.VBox([w.VBox(rows), w.HBox([image, out])])
