"""Plots: ``plot_<what>(result, ax=None) -> Axes``, one module per topic stem; never
calls ``show()``. Plots import models and the core only.

Labels follow :func:`kamlib.set_language`; see :mod:`kamlib.plots.style`.
"""
