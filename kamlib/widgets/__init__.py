"""Widgets: ``<thing>_explorer(...) -> ipywidgets widget``.

Each wires a model to a plot through a plain ``render`` function that can be called
(and timed, and graded) without a browser; callbacks hold no logic.
"""
