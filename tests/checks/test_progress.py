"""The self-learner's progress view records each self-check's latest outcome."""

import json

from kamlib.checks import ex02_key_accounts as ex
from kamlib.checks.framework import ____
from kamlib.checks.progress import progress, progress_file, progress_rows


def test_checks_record_their_latest_outcome():
    ex.q1.check(____)
    ex.q1.check(ex.q1.reference)
    ex.q2.check(lambda a, s: "Maintain")
    rows = {(r.exercise, r.question): r.outcome for r in progress_rows()}
    assert rows == {("ex02_key_accounts", "q1"): "correct", ("ex02_key_accounts", "q2"): "incorrect"}
    assert "1 of 2 checked questions correct" in progress().data


def test_nothing_is_recorded_while_nbgrader_grades(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    ex.q1.check(ex.q1.reference)
    assert not progress_file().exists()


def test_a_broken_progress_file_never_breaks_a_check(monkeypatch, tmp_path):
    progress_file().write_text("{not json")
    assert ex.q1.check(ex.q1.reference).correct
    assert json.loads(progress_file().read_text())["ex02_key_accounts"]["q1"]["outcome"] == "correct"
    monkeypatch.setenv("KAMLAB_PROGRESS", str(tmp_path / "file-as-dir" / "x" / "p.json"))
    (tmp_path / "file-as-dir").write_text("a file where a folder should be")
    assert ex.q1.check(ex.q1.reference).correct
