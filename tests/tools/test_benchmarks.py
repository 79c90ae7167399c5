"""The benchmark harness measures lectures as a trainee's kernel runs them."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _harness():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_kernels_cache_kamlibs_bytecode_even_where_the_environment_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    with _harness().cache_bytecode(tmp_path / "pycache"):
        assert "PYTHONDONTWRITEBYTECODE" not in os.environ
        assert os.environ["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
        compiled = list((tmp_path / "pycache").rglob("classifier.*.pyc"))
        assert compiled, "kamlib was not compiled into the run's cache"
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1" and "PYTHONPYCACHEPREFIX" not in os.environ


def test_a_lecture_is_measured_against_the_reference_run_just_before_it(monkeypatch):
    """A machine that slows down as the run goes on (here by half again after every lecture)
    leaves each lecture's ratio as it is: 1.3 s of lecture for 1.0 s of reference."""
    import contextlib

    harness = _harness()
    load = {"factor": 1.0}

    def execute(path, timeout=600):
        seconds = {"floor": 0.5, "one_plot": 1.0}.get(path.stem, 1.3) * load["factor"]
        if path.stem.startswith("lec"):
            load["factor"] *= 1.5
        return seconds

    monkeypatch.setattr(harness, "execute_notebook", execute)
    monkeypatch.setattr(harness, "cache_bytecode", lambda directory: contextlib.nullcontext())
    rows = harness.bench_notebooks(3, only=("lec00",))
    lectures = [row for row in rows if "lec00" in row.what]
    assert [row.what.split("`")[1] for row in lectures] == ["lec00_welcome.ipynb", "zh/lec00_welcome.ipynb"]
    assert all(row.ratio.startswith("1.30× ref") and row.ok for row in lectures), [r.ratio for r in lectures]
