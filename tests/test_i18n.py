"""The label language and the glossary lookup (kamlib's core)."""

from __future__ import annotations

import pytest

from kamlib.i18n import get_language, label, set_language, using_language


def test_set_language_switches_labels_and_rejects_others():
    try:
        set_language("zh")
        assert label("selection_matrix") == "大客户选择矩阵"
    finally:
        set_language("en")
    assert label("selection_matrix") == "key-account selection matrix"
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'de'"):
        set_language("de")


def test_label_names_a_bad_key_or_language():
    assert label("key_account", "zh") == "大客户"
    with pytest.raises(ValueError, match="key must be a glossary id; no glossary entry 'nope'"):
        label("nope")
    with pytest.raises(TypeError, match="key must be a glossary id"):
        label(None)
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh', 'both'"):
        label("key_account", "fr")


def test_using_language_restores_the_language_even_on_error():
    with pytest.raises(RuntimeError), using_language("zh"):
        assert get_language() == "zh"
        raise RuntimeError
    assert get_language() == "en"
