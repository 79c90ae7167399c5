"""Each lecture executes once per run: in JupyterLab when the browser suite runs it (Run All
there fails on any error output or unexecuted cell, as nbclient does here), else by nbclient."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.hookimpl(trylast=True)  # after -m/-k deselection: only browser runs that will happen count
def pytest_collection_modifyitems(config, items):
    in_browser = {Path(_param(item, "lecture")).resolve() for item in items
                  if item.get_closest_marker("browser") and item.get_closest_marker("skip") is None
                  and _param(item, "lecture") is not None}
    twice = [item for item in items if getattr(item, "originalname", None) == "test_notebook_runs_without_error"
             and Path(_param(item, "path")).resolve() in in_browser]
    if twice:
        config.hook.pytest_deselected(items=twice)
        items[:] = [item for item in items if item not in twice]


def _param(item, name: str):
    return getattr(getattr(item, "callspec", None), "params", {}).get(name)
