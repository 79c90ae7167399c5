"""A figure that a render function redraws in place, and its PNG.

Redrawing with ``display(fig)`` costs a tight-bounding-box pass and a 100 dpi PNG
on every move (about 120-180 ms for the selection matrix here). Drawing into a
plain Agg figure with fixed margins at screen resolution keeps an update well
under 100 ms, and the figure never leaks into the notebook as a stray output.

Most of a redraw is the part a move does not change: axes, ticks, titles, labels
(text layout is the slow part of Agg). :meth:`Canvas.still` draws that part once
per key and keeps its pixels; :meth:`Canvas.moving_png` puts them back and draws
only the artists a move changes on top, in the order a full draw would: the picture
is the same, pixel for pixel, as long as no still artist is drawn over a moving one
(a render function keeps such artists, e.g. spines, among the moving, or draws them
with ``over`` and uncovers them where a moving one touches them). Each explorer's
test compares its moves with its ``plot_*`` function's full draw.
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
        self._still_key, self._still_pixels, self._under, self._moving = None, None, None, []

    def clear(self):
        """The Axes, emptied for the next drawing."""
        self._still_key, self._still_pixels, self._under, self._moving = None, None, None, []
        self.ax.clear()
        return self.ax

    def png(self) -> bytes:
        return png(self.figure, self.dpi)

    def still(self, key, draw, over=None) -> object:
        """The Axes, ready for this frame's moving artists.

        ``draw(ax)`` puts the still part of the picture on the emptied Axes; it runs,
        and is rendered, only when ``key`` (anything comparable: what the still part
        depends on, e.g. the language) differs from the last frame's. Otherwise the
        last frame's moving artists are taken off and the still pixels are reused.
        ``over(ax)``, when given, adds still artists that a full draw puts over some
        moving ones (labels over lines): the picture before them is kept too, so that
        :meth:`moving_png` can uncover the places where they must be drawn again.
        """
        for artist in self._moving:
            try:
                artist.remove()
            except (NotImplementedError, ValueError):  # e.g. the title: kept, redrawn over the still part
                pass
        self._moving = []
        if self._still_pixels is None or self._still_key != key:
            import numpy as np
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            ax = self.clear()
            draw(ax)
            agg = FigureCanvasAgg(self.figure)
            agg.draw()
            self._under = None
            if over is not None:
                self._under = np.array(agg.buffer_rgba())
                over(ax)
                agg.draw()
            self._still_pixels = agg.copy_from_bbox(self.figure.bbox)
            self._still_key = key
        return self.ax

    def moving_png(self, artists, uncover=()) -> bytes:
        """The PNG of the still part with ``artists`` (on this canvas's Axes, added after
        :meth:`still`) drawn over it in the order given, which is the caller's to make the
        order a full draw uses (by z-order, then as added). ``uncover``: boxes (display
        pixels, e.g. a label's window extent) where the still part is put back as it was
        before ``over`` (the caller draws again what belongs there, among ``artists``).
        The same picture as :meth:`png` would give, much faster."""
        import numpy as np

        if self._still_pixels is None:
            raise RuntimeError("call Canvas.still(...) before Canvas.moving_png(...)")
        agg = self.figure.canvas
        agg.restore_region(self._still_pixels)
        renderer = agg.get_renderer()
        if uncover:
            if self._under is None:
                raise RuntimeError("uncover needs a still part drawn with over=...")
            pixels = np.asarray(agg.buffer_rgba())
            height, width = pixels.shape[:2]
            for box in uncover:
                x0, y0, x1, y1 = box.extents if hasattr(box, "extents") else box
                c0, c1 = max(0, int(np.floor(x0))), min(width, int(np.ceil(x1)) + 1)
                r0, r1 = max(0, height - int(np.ceil(y1)) - 1), min(height, height - int(np.floor(y0)))
                if c0 < c1 and r0 < r1:
                    pixels[r0:r1, c0:c1] = self._under[r0:r1, c0:c1]
        self._moving = list(artists)
        for artist in self._moving:
            artist.draw(renderer)
        return _encode(agg.buffer_rgba())

    @property
    def width_px(self) -> int:
        return int(self.figsize[0] * self.dpi)


def _encode(rgba) -> bytes:
    """PNG bytes of an RGBA buffer; RGB when every pixel is opaque (a figure's white face: the
    same picture, encoded in less than half the time), zlib level 1 as :func:`png`."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(rgba)
    if pixels[..., 3].min() == 255:
        pixels = pixels[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def canvas_or_new(canvas, figsize=(7, 5), margins=(0.1, 0.1, 0.97, 0.92)) -> Canvas:
    """``canvas`` (an explorer's), or a new :class:`Canvas` when None."""
    if canvas is None:
        return Canvas(figsize=figsize, margins=margins)
    if not isinstance(canvas, Canvas):
        raise TypeError(f"canvas must be a kamlib Canvas (or None for a new one), got {type(canvas).__name__}")
    return canvas
