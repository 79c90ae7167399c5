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
in :meth:`Canvas.still_layers` and uncovers them where a moving one touches them). Each explorer's
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
        self._still_key, self._still_pixels, self._moving = None, None, []
        self._layers_key, self._layers_pixels, self._layers, self._under = None, None, [], None
        self._layers_marks, self._layers_done = set(), None

    def clear(self):
        """The Axes, emptied for the next drawing."""
        self._still_key, self._still_pixels, self._moving = None, None, []
        self._layers_key, self._layers_pixels, self._layers, self._under = None, None, [], None
        self._layers_marks, self._layers_done = set(), None
        self.ax.clear()
        return self.ax

    def png(self) -> bytes:
        return png(self.figure, self.dpi)

    def still(self, key, draw) -> object:
        """The Axes, ready for this frame's moving artists.

        ``draw(ax)`` puts the still part of the picture on the emptied Axes; it runs,
        and is rendered, only when ``key`` (anything comparable: what the still part
        depends on, e.g. the language) differs from the last frame's. Otherwise the
        last frame's moving artists are taken off and the still pixels are reused.
        """
        for artist in self._moving:
            try:
                artist.remove()
            except (NotImplementedError, ValueError):  # e.g. the title: kept, redrawn over the still part
                pass
        self._moving = []
        if self._still_pixels is None or self._still_key != key:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            ax = self.clear()
            draw(ax)
            agg = FigureCanvasAgg(self.figure)
            agg.draw()
            self._still_pixels = agg.copy_from_bbox(self.figure.bbox)
            self._still_key = key
        return self.ax

    def still_layers(self, key, under, over) -> None:
        """Two more still layers over :meth:`still`'s, for what changes now and then (who has
        left) but not on every move: ``under(ax)`` adds artists and ``over(ax)`` texts, each
        returned in drawing order; they are drawn over the still pixels only when ``key``
        changes. ``over`` is for texts a full draw puts over some moving artists (names over
        links): the picture without them is kept, for :meth:`moving_png` to uncover where a
        moving artist touches one (the caller then draws that text again among the moving).
        On a new ``key`` a text that is as it was, over the same pixels, is copied, not drawn
        (another artist in ``over``, e.g. a legend, is always drawn).
        """
        import numpy as np

        if self._layers_pixels is not None and self._layers_key == key:
            return
        for artist in self._layers:
            try:
                artist.remove()
            except (NotImplementedError, ValueError):  # e.g. an axis shown with the layer: kept, drawn again
                pass
        agg = self.figure.canvas
        agg.restore_region(self._still_pixels)
        renderer = agg.get_renderer()
        self._layers = list(under(self.ax))
        for artist in self._layers:
            artist.draw(renderer)
        before, pixels = self._under, np.asarray(agg.buffer_rgba())
        self._under = np.array(pixels)
        texts = list(over(self.ax))
        boxes = [_pixel_box(t.get_window_extent(renderer).padded(2), pixels.shape) for t in texts]
        marks = [(t.get_text(), t.get_position(), t.get_color(), t.get_fontsize(), t.get_ha(), t.get_va(),
                  t.get_zorder(), box) if hasattr(t, "get_text") else (object(), box)  # a legend: always drawn
                 for t, box in zip(texts, boxes, strict=True)]
        kept = self._layers_marks if before is not None and before.shape == pixels.shape else set()
        same = [mark in kept and _equal(before, self._under, mark[-1]) for mark in marks]
        while True:  # a text drawn again must not overlap one copied (its pixels would be stale)
            drawn = [box for box, ok in zip(boxes, same, strict=True) if not ok]
            more = [i for i, ok in enumerate(same) if ok and any(_overlap(boxes[i], box) for box in drawn)]
            if not more:
                break
            for i in more:
                same[i] = False
        for mark, ok in zip(marks, same, strict=True):
            if ok:
                r0, r1, c0, c1 = mark[-1]
                pixels[r0:r1, c0:c1] = self._layers_done[r0:r1, c0:c1]
        for text, ok in zip(texts, same, strict=True):
            if not ok:
                text.draw(renderer)
        self._layers += texts
        self._layers_marks, self._layers_done = set(marks), np.array(pixels)
        self._layers_pixels = agg.copy_from_bbox(self.figure.bbox)
        self._layers_key = key

    def moving_png(self, artists, uncover=()) -> bytes:
        """The PNG of the still part with ``artists`` (on this canvas's Axes, added after
        :meth:`still`) drawn over it in the order given, which is the caller's to make the
        order a full draw uses (by z-order, then as added). ``uncover``: boxes (display
        pixels, e.g. a label's window extent) where the still part is put back as it was
        before :meth:`still_layers`' ``over`` (the caller draws again what belongs there,
        among ``artists``).
        The same picture as :meth:`png` would give, much faster."""
        import numpy as np

        if self._still_pixels is None:
            raise RuntimeError("call Canvas.still(...) before Canvas.moving_png(...)")
        agg = self.figure.canvas
        agg.restore_region(self._still_pixels if self._layers_pixels is None else self._layers_pixels)
        renderer = agg.get_renderer()
        if uncover:
            if self._under is None:
                raise RuntimeError("uncover needs still layers (Canvas.still_layers)")
            pixels = np.asarray(agg.buffer_rgba())
            for box in uncover:
                r0, r1, c0, c1 = _pixel_box(box, pixels.shape)
                pixels[r0:r1, c0:c1] = self._under[r0:r1, c0:c1]
        self._moving = list(artists)
        for artist in self._moving:
            artist.draw(renderer)
        return _encode(agg.buffer_rgba())

    @property
    def width_px(self) -> int:
        return int(self.figsize[0] * self.dpi)


def _pixel_box(box, shape) -> tuple[int, int, int, int]:
    """Rows and columns (r0, r1, c0, c1) of the pixels a display box (origin bottom left)
    covers, inside an image of ``shape``."""
    import math

    height, width = shape[:2]
    x0, y0, x1, y1 = box.extents if hasattr(box, "extents") else box
    return (max(0, height - math.ceil(y1) - 1), min(height, height - math.floor(y0)),
            max(0, math.floor(x0)), min(width, math.ceil(x1) + 1))


def _equal(a, b, box) -> bool:
    r0, r1, c0, c1 = box
    return bool((a[r0:r1, c0:c1] == b[r0:r1, c0:c1]).all())


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _encode(rgba) -> bytes:
    """PNG bytes of an RGBA buffer; RGB when every pixel is opaque (a figure's white face: the
    same picture in about a tenth fewer bytes, made in about the same time), zlib level 1 as
    :func:`png`."""
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
