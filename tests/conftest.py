"""Shared fixtures: self-checks record progress in a temporary file, never in ~."""

import pytest


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KAMLAB_PROGRESS", str(tmp_path / "progress.json"))
