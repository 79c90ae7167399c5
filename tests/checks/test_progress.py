"""The progress view records each self-check's latest outcome, survives a broken file and
shows every module in the current language."""

import json
import os
import warnings

import pytest

from kamlib import using_language
from kamlib.checks import ex02_key_accounts as ex
from kamlib.checks.framework import AnswerNotAccepted, ____
from kamlib.checks.progress import handed_in, progress, progress_file, progress_rows, record


@pytest.fixture
def no_keys(monkeypatch):
    monkeypatch.setenv("KAMLAB_NO_KEYS", "1")


def test_checks_record_their_latest_outcome(no_keys):
    with pytest.raises(AnswerNotAccepted):
        ex.q1.check(____)
    ex.q4.check({})
    rows = {(r.exercise, r.question): r.outcome for r in progress_rows()}
    assert rows == {("ex02_key_accounts", "q1"): "not attempted", ("ex02_key_accounts", "q4"): "complete"}


def test_the_view_lists_every_module_in_the_current_language(no_keys):
    record("lec02_key_accounts", "try_it", "correct")
    ex.q4.check({})
    page = progress().data
    assert "02 · What is a key account?" in page and "1 / 1" in page and "try_it: correct" in page
    with using_language("zh"):
        assert "大客户的定义" in progress().data and "学习进度" in progress().data


def test_nothing_is_recorded_while_nbgrader_grades(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    ex.q4.check({})
    assert not progress_file().exists()


def test_a_corrupt_file_is_set_aside_not_lost(no_keys):
    progress_file().parent.mkdir(parents=True, exist_ok=True)
    progress_file().write_text('{"ex02_key_accounts": {"q1": {"outc')  # a kernel killed mid-write
    with pytest.warns(UserWarning, match="could not be read.*set aside"):
        ex.q4.check({})
    aside = list(progress_file().parent.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text().startswith('{"ex02_key_accounts"')
    assert json.loads(progress_file().read_text())["ex02_key_accounts"]["q4"]["outcome"] == "complete"


def test_writes_are_atomic_and_a_broken_folder_never_breaks_a_check(no_keys, monkeypatch, tmp_path):
    ex.q4.check({})
    assert not [p for p in progress_file().parent.iterdir() if p.name.startswith(".progress.json.")]
    monkeypatch.setenv("KAMLAB_PROGRESS", str(tmp_path / "file-as-dir" / "x" / "p.json"))
    (tmp_path / "file-as-dir").write_text("a file where a folder should be")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex.q4.check({})


def test_hand_ins_come_from_nbgraders_own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    cache = tmp_path / "nbgrader_cache" / "kamlab"
    cache.mkdir(parents=True)
    (cache / "amy+ex02_key_accounts+2026-12-02 10:00:00.000000 UTC+abc").mkdir()
    (cache / "bo+ex09_channel_maps+2026-12-02 10:00:00.000000 UTC+abc").mkdir()
    assert handed_in("amy") == {"ex02_key_accounts"}
    assert os.environ["JUPYTER_DATA_DIR"] == str(tmp_path)
