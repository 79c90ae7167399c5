"""Text: the one bilingual text type."""

from __future__ import annotations

import dataclasses

import pytest

from kamlib.i18n import using_language
from kamlib.text import Text


def test_str_follows_the_current_language():
    t = Text("leverage point", "杠杆点")
    assert str(t) == "leverage point" and f"{t}" == "leverage point"
    with using_language("zh"):
        assert str(t) == "杠杆点" and f"{t}" == "杠杆点"
    assert t.get("zh") == "杠杆点" and t.get("en") == "leverage point"


def test_both_and_fallback():
    assert Text("key account", "大客户").both == "key account (大客户)"
    english_only = Text("Go on.")
    assert english_only.get("zh") == "Go on." and english_only.both == "Go on."


def test_term_reads_the_glossary():
    assert Text.term("key_account") == Text("key account", "大客户")
    with pytest.raises(ValueError, match="no glossary entry 'nope'"):
        Text.term("nope")


def test_text_is_frozen_and_checked():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Text("a", "甲").en = "b"
    with pytest.raises(ValueError, match="en must be non-empty text"):
        Text("  ")
    with pytest.raises(TypeError, match="zh must be text"):
        Text("a", 3)
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'"):
        Text("a").get("fr")
