"""The running case (key_accounts.csv) and its loader: plausible, fictional, validated on load."""

import re
import shutil

import pytest

from kamlib.data.course import load_supplier
from kamlib.data.key_accounts import accounts_frame, load_accounts, read_accounts
from kamlib.data.lubricant_industry import load_sectors
from kamlib.data.schema import DataError, data_path


def test_running_case_size_and_spread():
    accounts = load_accounts()
    assert len(accounts) >= 40
    assert len({a.sector for a in accounts}) >= 8
    assert len({a.id for a in accounts}) == len(accounts)


def test_running_case_is_plausible():
    for a in load_accounts():
        assert a.potential_3y_t > 0, a.id
        if a.sector == "food":
            assert any(p.endswith(":H1") for p in a.products), f"{a.id}: a food plant buys NSF H1 grades"
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
    target = tmp_path / "key_accounts.csv"
    shutil.copy(data_path("key_accounts.csv"), target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",steel,north,", ",steelworks,north,", "key_accounts.csv, line 2, column 'sector': expected one of mining, steel"),
        (",direct,450,", ",direct,lots,", "key_accounts.csv, line 2, column 'volume_t': expected a number >= 0, got 'lots'"),
        (",direct,450,", ",direct,-5,", "column 'volume_t': expected a number >= 0, got '-5'"),
        (",north,direct,", ",north,agent,", "column 'served': expected one of direct, distributor, got 'agent'"),
        (",mid,", ",middle,", "column 'stage': expected one of pre, early, mid"),
        ("hydraulic;gear;grease,7,", "hydraulic;gear;grease,11,", "column 'a_budget': expected a number from 0 to 10, got '11'"),
        ("KA02,", "KA01,", "line 3, column 'id': duplicate id 'KA01'"),
        ("rolling;circulating;", "rolling;engine:H1;", "column 'products': expected one or more of engine, hydraulic"),
        ("s_technical", "s_tech", "key_accounts.csv, line 1: header must be"),
    ],
)
def test_a_bad_row_names_file_line_column_and_expectation(tmp_path, old, new, message):
    with pytest.raises(DataError, match=re.escape(message)):
        read_accounts(_copy_with(tmp_path, old, new))


def test_every_account_is_in_a_known_sector():
    sectors = load_sectors()
    assert all(a.sector in sectors for a in load_accounts())


def test_accounts_frame_one_row_per_account():
    frame = accounts_frame()
    assert list(frame.index) == [a.id for a in load_accounts()]
    assert {"a_budget", "s_technical", "products"} <= set(frame.columns)
    assert frame.loc["KA01", "products"] == "rolling, circulating, hydraulic, gear, grease"
    with pytest.raises(TypeError, match="accounts must hold Account objects"):
        accounts_frame([{"id": "KA01"}])


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """The course's YAML data in a temporary folder the loaders read instead (caches cleared)."""
    import kamlib.data.course as course
    import kamlib.data.lubricant_industry as sectors

    for name in ("supplier.yaml", "lubricant_industry.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    for module in (course, sectors):
        monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (course.load_supplier, sectors.load_sectors):
        loader.cache_clear()
    yield tmp_path
    for loader in (course.load_supplier, sectors.load_sectors):
        loader.cache_clear()


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("supplier.yaml", "nsf_h1: [hydraulic,", "nsf_h1: [engines,", "supplier.yaml, nsf_h1 entry 1: expected one of engine, hydraulic"),
        ("supplier.yaml", "needle: {en: needle and knitting-machine oils, zh: 针织机油}", "needle: {en: needle oils}",
         "supplier.yaml, product family 'needle'"),
        ("lubricant_industry.yaml", "products: [rolling]", "products: [rolling|roll]",
         "lubricant_industry.yaml, sector 2 (steel), key 'products': unknown product 'roll'"),
        ("lubricant_industry.yaml", "products: [grease:H1]", "products: []", "sector 10 (food), key 'products'"),
    ],
)
def test_bad_product_data_says_where(data_copy, name, old, new, message):
    import kamlib.data.lubricant_industry as sectors

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        sectors.load_sectors()
