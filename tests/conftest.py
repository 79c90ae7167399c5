"""Shared fixtures: self-checks record progress in a temporary file, never in ~."""

import os

import pytest


@pytest.fixture(autouse=True)
def _progress_file(tmp_path_factory):
    # Not monkeypatch: an autouse monkeypatch here would be undone only after every
    # other fixture's teardown, so their own monkeypatches would still be in place then.
    before = os.environ.get("KAMLAB_PROGRESS")
    os.environ["KAMLAB_PROGRESS"] = str(tmp_path_factory.mktemp("progress") / "progress.json")
    yield
    if before is None:
        os.environ.pop("KAMLAB_PROGRESS", None)
    else:
        os.environ["KAMLAB_PROGRESS"] = before


def pytest_collection_modifyitems(config, items):
    """Tests marked ``all_editions`` (the nbgrader round trip of every zh edition) run only
    when ``-m`` names that marker; otherwise they are deselected."""
    if "all_editions" in (config.getoption("markexpr") or ""):
        return
    keep = [item for item in items if item.get_closest_marker("all_editions") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep
