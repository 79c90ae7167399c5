"""Plots: ``plot_<thing>(result, ax=None) -> Axes``; never calls ``show()``.

Labels follow :func:`kamlib.set_language`; see :mod:`kamlib.plots.style`.
"""
