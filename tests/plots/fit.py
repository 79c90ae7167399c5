"""Whether a figure's content fits its canvas and its panels keep apart: what a figure framed by
fixed margins (kamlib.plots.style.axes(margins=...), panels(...)) must get right by hand."""

from __future__ import annotations


def misfits(figure) -> list[str]:
    """What of ``figure`` lies outside its canvas (by more than a pixel), and which of its panels
    (an Axes with its twins) overlap another's labels; empty when it fits."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    slack = 1 / figure.dpi
    found = [f"reaches outside the canvas on the {side} by {inches:.2f} in"
             for side, inches in _outside(figure.get_tightbbox(renderer), figure.bbox_inches).items() if inches > slack]
    boxes = _panel_boxes(figure, renderer)
    for i, (where, box) in enumerate(boxes):
        for other_where, other in boxes[i + 1:]:
            if box.overlaps(other):
                found.append(f"the {where} and the {other_where} overlap")
    return found


def _outside(content, canvas) -> dict[str, float]:
    return {"left": canvas.x0 - content.x0, "bottom": canvas.y0 - content.y0,
            "right": content.x1 - canvas.x1, "top": content.y1 - canvas.y1}


def _panel_boxes(figure, renderer) -> list:
    """(where, tight box in inches) of each panel (the Axes sharing one position are one panel)
    and of each figure-level text and legend (a suptitle, say)."""
    from matplotlib.transforms import Bbox

    panels: dict[tuple, list] = {}
    for ax in figure.axes:
        if ax.get_visible():
            panels.setdefault(tuple(round(float(v), 3) for v in ax.get_position().bounds), []).append(ax)
    inches = figure.dpi_scale_trans.inverted()
    boxes = [(f"panel at {where[:2]}", Bbox.union([ax.get_tightbbox(renderer) for ax in group]).transformed(inches))
             for where, group in panels.items()]
    labels = {id(a): a for a in (figure._suptitle, figure._supxlabel, figure._supylabel, *figure.texts,
                                 *figure.legends) if a is not None and a.get_visible() and _shows(a)}
    return boxes + [(_named(a), a.get_window_extent(renderer).transformed(inches)) for a in labels.values()]


def _named(artist) -> str:
    return f"text {artist.get_text()!r}" if hasattr(artist, "get_text") else type(artist).__name__


def _shows(artist) -> bool:
    return not hasattr(artist, "get_text") or bool(artist.get_text())
