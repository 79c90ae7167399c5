"""Rate Porter's five forces with your evidence and see the overall pressure and what drives it.
``render_background_analysis`` does the work; the widget only wires it.

>>> view = render_background_analysis({"rivalry": 5, "new_entrants": 2, "substitutes": 1,
...     "buyer_power": 4, "supplier_power": 3}, {"rivalry": "three majors bid for every tender"}, draw=False)
>>> view.problems
('evidence: buyer_power is rated 4 or more without evidence',)
>>> "3.0" in view.html
True
"""

from __future__ import annotations

import html as _html
import weakref
from collections.abc import Mapping

from kamlib.models import arguments as check
from kamlib.models.background_analysis import FORCES, five_forces_pressure
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_background_analysis", "background_analysis_explorer"]

_FIGSIZE = (7.6, 3.6)
_MARGINS = (0.34, 0.16, 0.97, 0.88)
#: Each explorer canvas's last picture and what it showed: typing evidence that does not change a
#: rating or a warning costs no redraw.
_LAST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def render_background_analysis(ratings: Mapping[str, int], evidence: Mapping[str, object] | None = None,
                               canvas=None, draw: bool = True) -> View:
    """Read the five ``ratings`` (force -> 1..5) with their ``evidence`` (force -> text or list of
    texts, one line each), draw them and write the overall pressure, its level and its drivers with
    the evidence for each. A force rated 4 or more without evidence is a problem in the view."""
    check.flag(draw, "draw")
    lines = {}
    if evidence is not None and isinstance(evidence, Mapping):
        for force, said in evidence.items():
            lines[force] = [s.strip() for s in said.splitlines() if s.strip()] if isinstance(said, str) else said
    pressure = five_forces_pressure(ratings, lines if evidence is not None else None)
    problems = tuple(str(Text(f"evidence: {f} is rated 4 or more without evidence",
                              f"evidence：{Text.term('force_' + f).zh}评了 4 分以上，却没有依据"))
                     for f in pressure.unsupported)
    picture = None
    if draw:
        from kamlib.plots.background_analysis import (
            five_forces_background,
            five_forces_bars,
            five_forces_frame,
        )
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        shown = (tuple(pressure.ratings.items()), pressure.unsupported, plot_language())
        last = _LAST.get(canvas)
        if last is not None and last[0] == shown:
            picture = last[1]
        else:
            # names, axis and title once per language; a move redraws the bars, their labels and
            # what a full draw puts over the bars (spines, tick marks), in the full draw's order
            ax = canvas.still(("five_forces", plot_language()), lambda ax: five_forces_background(ax, frame=False))
            frame = five_forces_frame(ax)
            for artist in frame:
                artist.set_visible(True)
            bars = five_forces_bars(ax, pressure)
            n = len(FORCES)  # bars (z 1), tick marks (the axis: 1.5), line (2), spines (2.5), labels (3)
            picture = canvas.moving_png([*bars[:n], *frame[:-4], bars[2 * n], *frame[-4:], *bars[n:2 * n],
                                         bars[-1]])
            _LAST[canvas] = (shown, picture)
    level = Text.term(f"pressure_{pressure.level}")
    head = (f"<p><b>{Text.term('overall_pressure')}</b>: {pressure.overall:.1f} / 5 · "
            f"<b>{_html.escape(str(level))}</b></p>")
    if pressure.drivers:
        rows = []
        for force in pressure.drivers:
            said = "; ".join(_html.escape(str(s)) for s in lines.get(force, [])) or "…"
            rows.append(f"<li><b>{_html.escape(str(Text.term('force_' + force)))}</b> "
                        f"({pressure.ratings[force]}): {said}</li>")
        drivers = f"<p><b>{Text.term('pressure_drivers')}</b></p><ul>{''.join(rows)}</ul>"
    else:
        drivers = f"<p><b>{Text.term('pressure_drivers')}</b>: {_html.escape(str(Text.term('no_drivers')))}</p>"
    warn = ""
    if problems:
        warn = ("<p style='color:#b3261e'>⚠ " + _html.escape(str(Text.term("unsupported_rating"))) + ": "
                + ", ".join(_html.escape(str(Text.term("force_" + f))) for f in pressure.unsupported) + "</p>")
    return View(html=head + drivers + warn, png=picture, problems=problems)


def background_analysis_explorer():
    """A slider (1 weak … 5 strong) and an evidence box (one fact a line) per force, starting from
    the lecturer's view of industrial gear oil; the chart, the overall pressure and its drivers
    update on every move."""
    import ipywidgets as w

    from kamlib.data.background_analysis import load_forces
    from kamlib.widgets.figure import Canvas

    start = load_forces()
    sliders = {f: w.IntSlider(value=start[f].rating, min=1, max=5, description="", continuous_update=True,
                              layout=w.Layout(width="220px")) for f in FORCES}
    boxes = {f: w.Textarea(value="\n".join(str(e.text) + (f" [{e.tag}]" if e.tag else "") for e in start[f].evidence),
                           layout=w.Layout(width="420px", height="56px")) for f in FORCES}
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):
        show(render_background_analysis({f: s.value for f, s in sliders.items()},
                                        {f: b.value for f, b in boxes.items()}, canvas=canvas), image, out)

    for control in (*sliders.values(), *boxes.values()):
        control.observe(update, names="value")
    update()
    rows = [w.HBox([w.HTML(f"<b>{Text.term('force_' + f)}</b>", layout=w.Layout(width="230px")), sliders[f], boxes[f]])
            for f in FORCES]
    return w.VBox([w.VBox(rows), image, out])
