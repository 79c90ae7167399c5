"""The running case and its loader: plausible, fictional, validated on load."""

import re
import shutil

import pytest

from kamlib.data import (
    DataError,
    data_path,
    load_accounts,
    load_glossary,
    load_modules,
    load_sectors,
    load_supplier,
    read_accounts,
)
from kamlib.i18n import glossary, label, set_language


def test_running_case_size_and_spread():
    accounts = load_accounts()
    assert len(accounts) >= 40
    assert len({a.sector for a in accounts}) >= 8
    assert len({a.id for a in accounts}) == len(accounts)


def test_running_case_is_plausible():
    for a in load_accounts():
        assert a.potential_3y_t > 0, a.id
        if a.sector == "food":
            assert set(a.products) & {"grease", "hydraulic", "gear", "compressor"}, a.id
        if a.sector == "cement":
            assert "grease" in a.products, f"{a.id}: a cement plant buys open-gear grease"
        if a.stage == "pre":
            assert a.share_of_wallet_pct < 10, f"{a.id}: a pre-KAM account buys little from us"


def test_the_supplier_and_customers_are_fictional():
    supplier = load_supplier()
    assert supplier["fictional"] is True
    real_brands = {"sinopec", "petrochina", "kunlun", "great wall", "shell", "mobil", "castrol", "fuchs", "total"}
    for a in load_accounts():
        assert not any(brand in a.name.lower() for brand in real_brands), a.name


def _copy_with(tmp_path, old: str, new: str):
    target = tmp_path / "accounts.csv"
    shutil.copy(data_path("accounts.csv"), target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",steel,north,", ",steelworks,north,", "accounts.csv, line 2, column 'sector': expected one of mining, steel"),
        (",north,155,", ",north,lots,", "accounts.csv, line 2, column 'volume_t': expected a number >= 0, got 'lots'"),
        (",north,155,", ",north,-5,", "column 'volume_t': expected a number >= 0, got '-5'"),
        (",mid,", ",middle,", "column 'stage': expected one of pre, early, mid"),
        ("hydraulic;gear;grease,1,", "hydraulic;gear;grease,11,", "column 'a_budget': expected a number >= 0 and <= 10, got '11'"),
        ("KA02,", "KA01,", "line 3, column 'id': duplicate id 'KA01'"),
        ("s_technical", "s_tech", "accounts.csv, line 1: header must be"),
    ],
)
def test_a_bad_row_names_file_line_column_and_expectation(tmp_path, old, new, message):
    with pytest.raises(DataError, match=re.escape(message)):
        read_accounts(_copy_with(tmp_path, old, new))


def test_glossary_covers_every_label_in_both_languages():
    terms = load_glossary()
    assert all(term["en"] and term["zh"] for term in terms.values())
    assert label("key_account", "zh") == "大客户"
    with pytest.raises(KeyError, match="no glossary entry 'nope'"):
        label("nope")
    assert glossary() is glossary()


def test_set_language_switches_labels_and_rejects_others():
    try:
        set_language("zh")
        assert label("selection_matrix") == "大客户选择矩阵"
    finally:
        set_language("en")
    assert label("selection_matrix") == "key-account selection matrix"
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'de'"):
        set_language("de")


def test_sectors_and_modules_load():
    sectors = load_sectors()
    assert {"steel", "cement", "mining", "food", "wind"} <= set(sectors)
    modules = load_modules()
    assert [m["id"] for m in modules] == sorted(m["id"] for m in modules)
    assert all(a.sector in sectors for a in load_accounts())
