"""The four positions and the KAM's week of lecture 01, as data."""

from __future__ import annotations

import re
import shutil

import pytest

from kamlib.data.career_model import load_quadrants, load_week
from kamlib.data.schema import DataError, data_path
from kamlib.models.career_model import QUADRANTS


def test_the_four_positions_in_the_books_order_each_with_the_lectures_reading():
    quadrants = load_quadrants()
    assert list(quadrants) == list(QUADRANTS)
    assert quadrants["S"].earns.en.startswith("owns a job") and quadrants["B"].earns.en.startswith("owns a system")
    assert quadrants["E"].name.zh == "职员" and quadrants["B"].name.zh == "业主" and quadrants["I"].name.zh == "投资者"
    assert all(q.kam.zh and q.earns.zh for q in quadrants.values())


def test_the_week_is_sorted_into_every_position_and_mostly_worked_by_hand():
    week = load_week()
    assert set(week.sorting) == {a.id for a in week.activities}
    assert set(week.sorting.values()) == set(QUADRANTS)
    hours = {q: sum(a.hours for a in week.activities if week.sorting[a.id] == q) for q in QUADRANTS}
    assert sum(hours.values()) == 40 and hours["S"] > hours["B"] + hours["I"]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    import kamlib.data.career_model as module

    for name in ("career_model_quadrants.yaml", "career_model_week.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (module.load_quadrants, module.load_week):
        loader.cache_clear()
    yield tmp_path
    for loader in (module.load_quadrants, module.load_week):
        loader.cache_clear()


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("career_model_quadrants.yaml", "- id: B\n", "- id: X\n", "career_model_quadrants.yaml, quadrant 3, key 'id'"),
    ("career_model_week.yaml", "hours: 8, lecture: S", "hours: 90, lecture: S",
     "career_model_week.yaml, activity 1, key 'hours'"),
    ("career_model_week.yaml", "hours: 8, lecture: S", "hours: 8, lecture: Q",
     "career_model_week.yaml, activity 1, key 'lecture'"),
])
def test_bad_data_says_where(data_copy, name, old, new, message):
    import kamlib.data.career_model as module

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        module.load_quadrants() if "quadrants" in name else module.load_week()
