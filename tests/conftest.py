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
