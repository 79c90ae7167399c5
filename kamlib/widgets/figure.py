"""A figure that a render function redraws in place, and its PNG.

Redrawing with ``display(fig)`` costs a tight-bounding-box pass and a 100 dpi PNG
on every move (about 120-180 ms for the selection matrix here). Drawing into a
plain Agg figure with fixed margins at screen resolution keeps an update well
under 100 ms, and the figure never leaks into the notebook as a stray output.
"""

from __future__ import annotations

import io

__all__ = ["SCREEN_DPI", "png", "Canvas", "canvas_or_new"]

SCREEN_DPI = 72


def png(fig, dpi: int = SCREEN_DPI) -> bytes:
    """The figure as PNG bytes (no tight bounding box: margins are fixed)."""
    buffer = io.BytesIO()
    # fast zlib level: the image only travels to the local browser
    fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


class Canvas:
    """One Axes on a pyplot-free Figure with fixed margins: an explorer makes one and
    passes it to its render function on every move, which redraws it.

    >>> canvas = Canvas(figsize=(4, 3))
    >>> _ = canvas.ax.plot([0, 1], [0, 1])
    >>> canvas.png()[:4] == b"\\x89PNG"
    True
    """

    def __init__(self, figsize=(7, 5), margins=(0.1, 0.1, 0.97, 0.92), dpi: int = SCREEN_DPI):
        from matplotlib.figure import Figure

        self.figsize, self.dpi = figsize, dpi
        self.figure = Figure(figsize=figsize, dpi=dpi)
        left, bottom, right, top = margins
        self.figure.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
        self.ax = self.figure.add_subplot()

    def clear(self):
        """The Axes, emptied for the next drawing."""
        self.ax.clear()
        return self.ax

    def png(self) -> bytes:
        return png(self.figure, self.dpi)

    @property
    def width_px(self) -> int:
        return int(self.figsize[0] * self.dpi)


def canvas_or_new(canvas, figsize=(7, 5), margins=(0.1, 0.1, 0.97, 0.92)) -> Canvas:
    """``canvas`` (an explorer's), or a new :class:`Canvas` when None."""
    if canvas is None:
        return Canvas(figsize=figsize, margins=margins)
    if not isinstance(canvas, Canvas):
        raise TypeError(f"canvas must be a kamlib Canvas (or None for a new one), got {type(canvas).__name__}")
    return canvas
