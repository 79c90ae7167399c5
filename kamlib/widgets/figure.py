"""A figure that a widget redraws in place, shown as an ``ipywidgets.Image``.

Redrawing with ``display(fig)`` costs a tight-bounding-box pass and a 100 dpi PNG
on every move (about 120-180 ms for the selection matrix here). Drawing once into
a plain Agg figure with fixed margins at screen resolution keeps an update well
under 100 ms, and the figure never leaks into the notebook as a stray output.
"""

from __future__ import annotations

import io

__all__ = ["SCREEN_DPI", "png", "FigureImage"]

SCREEN_DPI = 72


def png(fig, dpi: int = SCREEN_DPI) -> bytes:
    """The figure as PNG bytes (no tight bounding box: margins are fixed)."""
    buffer = io.BytesIO()
    # fast zlib level: the image only travels to the local browser
    fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


class FigureImage:
    """One Axes on a pyplot-free Figure, and the Image widget that shows it.

    >>> view = FigureImage(figsize=(4, 3))
    >>> _ = view.ax.plot([0, 1], [0, 1])
    >>> view.refresh()
    >>> view.image.value[:4] == b"\\x89PNG"
    True
    """

    def __init__(self, figsize=(7, 5), margins=(0.1, 0.1, 0.97, 0.92), dpi: int = SCREEN_DPI):
        import ipywidgets as w
        from matplotlib.figure import Figure

        self.dpi = dpi
        self.figure = Figure(figsize=figsize, dpi=dpi)
        left, bottom, right, top = margins
        self.figure.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
        self.ax = self.figure.add_subplot()
        self.image = w.Image(format="png", layout=w.Layout(width=f"{int(figsize[0] * dpi)}px"))

    def refresh(self) -> None:
        self.image.value = png(self.figure, self.dpi)
