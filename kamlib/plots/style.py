"""Shared plot helpers: the label language, a CJK font, and a fresh Axes.

Chinese labels need a CJK font. When ``set_language('zh')`` is on and no such font
is installed, plots fall back to English labels and say so once: never boxes.
"""

from __future__ import annotations

from functools import lru_cache

from kamlib.i18n import get_language
from kamlib.text import Text

__all__ = ["CJK_FONTS", "cjk_font", "plot_language", "text", "axes"]

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


def axes(ax=None, figsize=(7, 5)):
    """``ax`` itself, or the Axes of a new figure when ``ax`` is None; a TypeError when
    ``ax`` is something else.

    >>> axes("left")
    Traceback (most recent call last):
    ...
    TypeError: ax must be a matplotlib Axes (or None for a new figure), got str
    """
    from matplotlib.axes import Axes

    if isinstance(ax, Axes):
        return ax
    if ax is not None:
        raise TypeError(f"ax must be a matplotlib Axes (or None for a new figure), got {type(ax).__name__}")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax
