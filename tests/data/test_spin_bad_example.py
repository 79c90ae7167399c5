"""The lecture's bad example (坏的例子) as data: it loads, it validates, and replayed
through the role-play engine it is the feature dump the lecture dissects."""

from __future__ import annotations

import pytest
import yaml

from kamlib.data import DataError, data_path
from kamlib.data.spin import CallTranscript, load_spin_bad_example, read_call_transcript
from kamlib.models.spin_roleplay import start_call


def test_bad_example_loads_in_both_languages():
    example = load_spin_bad_example()
    assert isinstance(example, CallTranscript)
    assert example.scenario == "cement_open_gear"
    en, zh = example.lines("en"), example.lines("zh")
    assert len(en) == len(zh) >= 6
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in zh)
    with pytest.raises(ValueError, match="language must be 'en' or 'zh'"):
        example.lines("fr")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_replayed_it_is_a_feature_dump(language):
    example = load_spin_bad_example()
    call = start_call(example.scenario, language=language)
    call.play(example.lines(language))
    debrief = call.debrief()
    assert debrief.early_pitches, "the bad example must pitch before any explicit need"
    assert debrief.needs_explicit == []
    assert debrief.mix["I"] == debrief.mix["N"] == 0
    assert call.end().name in ("continuation", "no-sale")


def _write(tmp_path, **changes):
    raw = yaml.safe_load(data_path("spin_bad_example.yaml").read_text(encoding="utf-8"))
    raw.update(changes)
    for key, value in changes.items():
        if value is None:
            del raw[key]
    path = tmp_path / "transcript.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scenario": "steel_mill"}, "key 'scenario': expected one of cement_open_gear"),
        ({"turns": []}, "key 'turns': expected a non-empty list"),
        ({"turns": ["fine", {"zh": "只有中文"}]}, "turns entry 2"),
        ({"id": "Bad Id"}, "key 'id': expected a short id"),
        ({"note": None}, "missing keys \\['note'\\]"),
    ],
)
def test_bad_files_get_clear_errors(tmp_path, changes, message):
    with pytest.raises(DataError, match=message):
        read_call_transcript(_write(tmp_path, **changes))
