"""Widgets, one module per topic stem: ``<stem>_explorer(...) -> ipywidgets widget``
over a plain ``render_<stem>(...) -> View`` (:mod:`kamlib.widgets.view`); a topic's
second tool is ``<stem>_<what>_explorer`` over ``render_<stem>_<what>``.

The render function calls the models, draws and writes the HTML, and can be called
(timed, tested, graded) without a browser; callbacks only wire controls to it.
Nothing is displayed on import. Widgets import plots, models, data and the core.
"""
