"""The worked plan and the export: one file, where told, or a clear error."""

from __future__ import annotations

import shutil

import pytest

from kamlib.data.action_plan import export_action_plan, goal_vocabulary, load_example_plan
from kamlib.data.key_accounts import load_accounts
from kamlib.data.schema import DataError, data_path
from kamlib.i18n import using_language
from kamlib.models.action_plan import missing_letters, plan_consistency, smart_cues


def test_the_worked_plan_is_consistent_with_ka04_and_smart_by_its_cues():
    plan = load_example_plan("en")
    assert plan.account.id == "KA04" and plan.author == "Li Wei" and len(plan.goals) == 3
    assert plan_consistency(plan, load_accounts()) == []
    owners = [g.owner for g in plan.goals]
    for goal in plan.goals:
        assert missing_letters(smart_cues(goal.text, goal_vocabulary(), owners)) == []
    assert "厂长" in load_example_plan("zh").links["contact_gaps"]


def test_vocabulary_holds_accounts_and_products_in_both_languages():
    words = goal_vocabulary()
    assert {"KA04", "Greyhill", "灰山水泥集团", "gear oil", "齿轮油"} <= set(words)


@pytest.mark.parametrize(("name", "start"), [("plan.html", "<!DOCTYPE html>"), ("plan.md", "# 90-day"),
                                              ("PLAN.HTM", "<!DOCTYPE html>"), ("plan.markdown", "# 90-day")])
def test_export_writes_one_file_where_told(tmp_path, name, start):
    written = export_action_plan(load_example_plan("en"), tmp_path / name, "en")
    assert written == tmp_path / name and written.read_text(encoding="utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_export_follows_the_language(tmp_path):
    with using_language("zh"):
        text = export_action_plan(load_example_plan(), str(tmp_path / "p.md")).read_text(encoding="utf-8")
    assert text.startswith("# 90 天行动计划：灰山水泥集团") and "可分配" not in text and "第 90 天" in text


@pytest.mark.parametrize(("path", "error", "words"), [
    ("plan.pdf", ValueError, r"path must end in \.html, \.htm, \.md or \.markdown"),
    ("no/such/folder/plan.html", ValueError, "path: the folder .* does not exist"),
    ("", ValueError, "path must be non-empty"),
    (42, TypeError, r"path must be a file path \(str or Path\)"),
])
def test_a_bad_path_is_a_clear_error(tmp_path, monkeypatch, path, error, words):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=words):
        export_action_plan(load_example_plan("en"), path, "en")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "x.md").mkdir()
    with pytest.raises(ValueError, match="is a folder"):
        export_action_plan(load_example_plan("en"), tmp_path / "x.md", "en")
    with pytest.raises(ValueError, match="language"):
        export_action_plan(load_example_plan("en"), tmp_path / "y.md", "fr")


def test_a_broken_example_names_the_file_and_field(tmp_path, monkeypatch):
    import kamlib.data.action_plan as module

    copy = tmp_path / "action_plan_example.yaml"
    shutil.copy(data_path("action_plan_example.yaml"), copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("deadline_days: 42", "deadline_days: 142"),
                    encoding="utf-8")
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    with pytest.raises(DataError, match=r"action_plan_example.yaml: goals\[1\]\.deadline_days"):
        module.load_example_plan("en")
