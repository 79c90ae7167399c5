"""Shared plot helpers: the label language, a CJK font, and a fresh Axes.

Chinese labels need a CJK font. When ``set_language('zh')`` is on and no such font
is installed, plots fall back to English labels and say so once: never boxes.

Under Jupyter's inline backend a figure is drawn once more than it is shown: pyplot's
after-cell hook draws every stale figure onto its Agg canvas, and then the inline
backend makes the PNG (a tight-bounding-box pass and a draw of its own) without looking
at that canvas. :func:`axes` replaces the hook once, in place, by one that skips the draw
while the inline backend is on (the PNG is the same; other backends keep the draw).
It also asks the inline backend for PNGs packed by zlib level 1 instead of 6: the same
pixels, about 10 % more bytes, and a large figure's PNG is made in half the time (a
channel map's in 0.12 s instead of 0.25 s), unless the user chose other formats or PIL
options for the inline backend.

The inline backend also saves every figure with ``bbox_inches='tight'``, which measures
every artist once more (a tight-bounding-box pass) only to crop the PNG to its content.
A figure laid out by a constrained (or compressed) layout engine, as every kamlib figure
is (:func:`axes`), already fits its canvas, and so does a diagram :func:`axes` frames by
fixed margins (a channel map: its title and legend have bands of their own). So :func:`axes`
also wraps the inline backend's figure formatters: such a figure is saved with
``bbox_inches=None`` (its PNG is exactly the canvas, which the padded crop of a kamlib plot
nearly always was anyway, and is made about a fifth faster); any other figure, a trainee's own
``plt.plot`` included, keeps the tight crop. The choice is made per figure, when it is shown,
from its own layout engine or frame; the inline backend's settings are not changed, and a
``bbox_inches`` other than 'tight' chosen through ``%config InlineBackend.print_figure_kwargs``
is left as chosen. To keep the crop on a constrained figure, turn its layout engine off
(``fig.set_layout_engine("none")``) or save it with ``fig.savefig(..., bbox_inches="tight")``.
Text placed outside the canvas by figure coordinates, or a figure too small for constrained
layout (matplotlib warns that the layout was not applied), is cut at the canvas edge where the
crop would have shown it; tests/plots/test_style.py checks that no kamlib plot reaches outside its canvas.
"""

from __future__ import annotations

from functools import lru_cache, partial
from weakref import WeakSet

from kamlib.i18n import get_language
from kamlib.text import Text

__all__ = ["CJK_FONTS", "cjk_font", "plot_language", "text", "axes", "panels"]

# Families that carry Simplified Chinese, most common first (Debian, Noto, Windows, macOS).
CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)
_noticed = {"fallback": False}


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed CJK font family, or None.

    matplotlib caches its font list, so a font installed after the cache was built
    is found only after one rebuild, which is done here when the first look fails.
    """
    from matplotlib import font_manager

    def find(manager) -> str | None:
        names = {f.name for f in manager.ttflist}
        return next((family for family in CJK_FONTS if family in names), None)

    manager = font_manager.fontManager
    found = find(manager)
    if found is None:
        # Rescan (this also rewrites the cache for the next kernel) and add the new
        # fonts to the *existing* manager: the renderers hold a reference to it, so
        # replacing it would find the family here but still draw boxes.
        fresh = font_manager._load_fontmanager(try_read_cache=False)
        known = {(f.fname, f.name) for f in manager.ttflist}
        for path in dict.fromkeys(f.fname for f in fresh.ttflist if (f.fname, f.name) not in known):
            manager.addfont(path)
        found = find(manager)
    return found


def plot_language() -> str:
    """The language plots can really draw now: 'zh' needs a CJK font."""
    if get_language() != "zh":
        return "en"
    family = cjk_font()
    if family is None:
        if not _noticed["fallback"]:
            _noticed["fallback"] = True
            print(
                "kamlib: no Chinese (CJK) font found, so plots use English labels. "
                "Install one (Debian: apt-get install fonts-wqy-microhei) and restart the kernel."
            )
        return "en"
    import matplotlib

    families = matplotlib.rcParams["font.sans-serif"]
    if families[:1] != [family]:
        matplotlib.rcParams["font.sans-serif"] = [family, *[f for f in families if f != family]]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["axes.unicode_minus"] = False
    return "zh"


def text(key: str) -> str:
    """A glossary term (:meth:`kamlib.text.Text.term`) in the language plots can draw."""
    return Text.term(key).get(plot_language())


def axes(ax=None, figsize=(7, 5), margins=None):
    """``ax`` itself, or the Axes of a new figure when ``ax`` is None; a TypeError when
    ``ax`` is something else.

    A new figure is laid out by constrained layout, or, when ``margins`` (left, bottom,
    right, top as fractions of the figure) are given, framed by those fixed margins: for a
    diagram that places everything inside a frame it knows, this spares the layout pass
    (a full draw without pixels) each figure costs before it is shown.

    >>> axes("left")
    Traceback (most recent call last):
    ...
    TypeError: ax must be a matplotlib Axes (or None for a new figure), got str
    """
    from matplotlib.axes import Axes

    _skip_unseen_inline_draw()
    if isinstance(ax, Axes):
        return ax
    if ax is not None:
        raise TypeError(f"ax must be a matplotlib Axes (or None for a new figure), got {type(ax).__name__}")
    import matplotlib.pyplot as plt

    if margins is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
        _skip_unseen_inline_draw()  # pyplot installs its hook with the first figure
        return ax
    return _framed(1, figsize, margins)[0]


def panels(count: int, figsize=(12, 4), margins=(0.06, 0.14, 0.94, 0.9), wspace: float = 0.3) -> tuple:
    """``count`` Axes side by side on a new figure framed by fixed ``margins`` (left, bottom,
    right, top as fractions of the figure), ``wspace`` (a fraction of one panel's width) between
    them: a comparison drawn as one figure without constrained layout's pass (see :func:`axes`).
    The margins must hold what the panels draw outside their frames (tick labels, axis labels,
    titles) in both languages; the notebook tests check every framed lecture figure for that.

    >>> panels(1)
    Traceback (most recent call last):
    ...
    ValueError: count must be a whole number from 2 to 6, got 1
    """
    from kamlib.models import arguments as check

    check.whole_number(count, "count", minimum=2, maximum=6)
    check.number(wspace, "wspace", minimum=0, maximum=2)
    return _framed(count, figsize, margins, wspace)


def _framed(count: int, figsize, margins, wspace: float | None = None) -> tuple:
    """``count`` Axes side by side on a new pyplot figure framed by ``margins``, remembered as
    framed (its inline PNG is then printed uncropped)."""
    import matplotlib.pyplot as plt

    width, height = _pair(figsize, "figsize", "(width, height) in inches, each at least 0.5", 0.5, None)
    left, bottom, right, top = _frame(margins)
    _skip_unseen_inline_draw()
    figure, found = plt.subplots(1, count, figsize=(width, height), squeeze=False)
    figure.subplots_adjust(left=left, bottom=bottom, right=right, top=top, wspace=wspace)
    _FRAMED.add(figure)
    _skip_unseen_inline_draw()  # pyplot installs its hook with the first figure
    return tuple(found[0])


def _pair(value, name: str, what: str, low: float, high: float | None) -> tuple[float, float]:
    from kamlib.models import arguments as check

    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)) or len(value) != 2:
        raise TypeError(f"{name} must be {what}, got {check.shown(value)}")
    return tuple(check.number(v, name, minimum=low, maximum=high) for v in value)


def _frame(margins) -> tuple[float, float, float, float]:
    """``margins`` checked: four fractions (left, bottom, right, top) with left < right, bottom < top."""
    from kamlib.models import arguments as check

    what = "(left, bottom, right, top) as fractions of the figure"
    if isinstance(margins, (str, bytes)) or not isinstance(margins, (list, tuple)) or len(margins) != 4:
        raise TypeError(f"margins must be {what}, got {check.shown(margins)}")
    left, bottom, right, top = (check.number(m, "margins", minimum=0, maximum=1) for m in margins)
    if not (left < right and bottom < top):
        raise ValueError(f"margins must be {what} with left < right and bottom < top, got {check.shown(margins)}")
    return left, bottom, right, top


def inline_backend() -> bool:
    """Whether matplotlib draws through Jupyter's inline backend now."""
    import matplotlib

    backend = str(matplotlib.get_backend()).lower()
    return backend == "inline" or backend.endswith("matplotlib_inline.backend_inline")


def _draw_all_unless_inline() -> None:
    """pyplot's after-cell draw of stale figures, skipped under the inline backend: there
    the canvas it draws is never shown (the inline backend renders its own PNG of every
    figure of the cell)."""
    import matplotlib.pyplot as plt

    if not inline_backend():
        plt._draw_all_if_interactive()
    else:
        _no_tight_crop_for_laid_out_figures()  # again, in case the formats were chosen anew


def _skip_unseen_inline_draw() -> None:
    """Once pyplot is imported inside IPython, put :func:`_draw_all_unless_inline` where
    pyplot's own after-cell hook is (same place in the list, so the order of hooks stays)."""
    if _hook["replaced"]:
        return
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    ipython = sys.modules.get("IPython")
    if pyplot is None or ipython is None:
        return  # not yet: pyplot registers its hook when imported in IPython
    shell = ipython.get_ipython()
    original = getattr(pyplot, "_draw_all_if_interactive", None)
    hooks = shell.events.callbacks.get("post_execute", []) if shell is not None else []
    if original is None or original not in hooks:
        return
    hooks[hooks.index(original)] = _draw_all_unless_inline
    _hook["replaced"] = True
    _fast_inline_png()
    _no_tight_crop_for_laid_out_figures()


def _fast_inline_png() -> None:
    """The inline backend's PNG packed by zlib level 1 (lossless, like the default 6),
    through its own setting (``%config InlineBackend.print_figure_kwargs``); left alone
    when the user set PIL options or a format other than PNG."""
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:
        return
    config = InlineBackend.instance()
    formats = {str(f) for f in config.figure_formats}
    if not formats or formats - {"png", "retina"} or "pil_kwargs" in config.print_figure_kwargs:
        return
    config.print_figure_kwargs = {**config.print_figure_kwargs, "pil_kwargs": {"compress_level": 1}}


def _fits_by_layout(figure) -> bool:
    """Whether ``figure`` is laid out by a constrained (or compressed) layout engine, or is a
    diagram :func:`axes` framed by fixed margins, either of which keeps its content inside
    the canvas, so a tight crop would only measure it again."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    return isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine) or figure in _FRAMED


class _LaidOutUncropped:
    """The inline backend's printer of one figure format (IPython's ``partial`` of
    ``print_figure``), with ``bbox_inches=None`` for figures that fit by their layout."""

    def __init__(self, printer: partial):
        self.printer = printer

    def __call__(self, figure):
        if _fits_by_layout(figure):
            return self.printer(figure, bbox_inches=None)
        return self.printer(figure)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.printer!r})"


def _no_tight_crop_for_laid_out_figures() -> None:
    """Wrap (once, in place) each of IPython's figure printers that crops tightly in
    :class:`_LaidOutUncropped`; printers with another ``bbox_inches`` are left alone."""
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters:
        return
    from IPython.core import pylabtools
    from matplotlib.figure import Figure

    printers = (pylabtools.print_figure, pylabtools.retina_figure)
    for formatter in formatters.values():
        printer = getattr(formatter, "type_printers", {}).get(Figure)
        if (
            isinstance(printer, partial)
            and printer.func in printers
            and printer.keywords.get("bbox_inches") == "tight"
        ):
            formatter.type_printers[Figure] = _LaidOutUncropped(printer)


_hook = {"replaced": False}
_FRAMED: WeakSet = WeakSet()  # figures axes() framed by fixed margins that hold all they draw
