"""What every ``render_<stem>`` function returns and its explorer shows: a :class:`View`.

The contract of a topic's widgets: ``<stem>_explorer(...)`` builds the ipywidgets
controls and wires each move to ``render_<stem>(...) -> View``; the render function
calls the models, draws the figure and writes the HTML, and can be called (timed,
tested) without a browser. A callback only passes the controls' values to the render
function and :func:`show` s the view: no logic in callbacks.

>>> view = View(html="<b>ok</b>")
>>> view.png is None, view.problems
(True, ())
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["View", "show"]


@dataclass(frozen=True)
class View:
    """A rendered state of a widget.

    ``png``: the figure (None when there is nothing to draw); ``html``: the text to
    show under or beside it (it also lists the problems); ``problems``: what is wrong
    with the input, one message each (empty when all is well).
    """

    html: str = ""
    png: bytes | None = None
    problems: tuple[str, ...] = ()

    def __post_init__(self):
        if not isinstance(self.html, str):
            raise TypeError(f"html must be a str, got {type(self.html).__name__}")
        if self.png is not None and not isinstance(self.png, bytes):
            raise TypeError(f"png must be PNG bytes or None, got {type(self.png).__name__}")
        if not isinstance(self.problems, tuple) or not all(isinstance(p, str) for p in self.problems):
            raise TypeError("problems must be a tuple of str")


def show(view: View, image=None, html=None) -> None:
    """Put ``view`` on an explorer's ``ipywidgets.Image`` and ``ipywidgets.HTML``."""
    if image is not None:
        image.value = view.png or b""
    if html is not None:
        html.value = view.html
