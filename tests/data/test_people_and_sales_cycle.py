"""Behaviours, social styles and the claims lecture 06 weighs, as data."""

from __future__ import annotations

import re
import shutil

import pytest

from kamlib.data.people_and_sales_cycle import load_behaviours, load_evidence, load_styles
from kamlib.data.schema import DataError, data_path
from kamlib.models.people_and_sales_cycle import AXES, SOCIAL_STYLES, STYLE_GRID


def test_both_ends_of_both_scales_have_behaviours():
    behaviours = load_behaviours()
    for axis in AXES:
        assert {b.sign for b in behaviours if b.axis == axis} == {1, -1}
    assert all(b.text.zh for b in behaviours)


def test_the_styles_sit_where_merrill_and_reid_put_them_with_an_opening_each():
    styles = load_styles()
    assert list(styles) == list(SOCIAL_STYLES)
    assert styles["driver"].name.zh == "驾驭型" and styles["amiable"].name.zh == "亲切型"
    for sid, style in styles.items():
        signs = tuple(1 if getattr(style, a) == "high" else -1 for a in AXES)
        assert signs == STYLE_GRID[sid] and style.opening.zh and style.avoid.zh


def test_the_claims_carry_the_domain_tags():
    claims = load_evidence()
    assert claims["hbs_80"].tag == "U" and claims["zaltman_95"].tag == "P" and claims["ceb_2x"].tag == "P"
    assert claims["webster_wind"].tag == "E" and claims["comstock_higgins"].tag == "E"
    assert "1956" in claims["marston_disc"].text.en and "no test" in claims["marston_disc"].text.en
    assert "second-hand" in claims["comstock_higgins"].note.en


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    import kamlib.data.people_and_sales_cycle as module

    for name in ("people_and_sales_cycle_styles.yaml", "people_and_sales_cycle_behaviours.yaml"):
        shutil.copy(data_path(name), tmp_path / name)
    monkeypatch.setattr(module, "data_path", lambda name: tmp_path / name)
    for loader in (module.load_styles, module.load_behaviours):
        loader.cache_clear()
    yield tmp_path
    for loader in (module.load_styles, module.load_behaviours):
        loader.cache_clear()


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("people_and_sales_cycle_styles.yaml", "id: driver\n  en: Driver\n  zh: 驾驭型\n  assertiveness: high",
     "id: driver\n  en: Driver\n  zh: 驾驭型\n  assertiveness: low",
     "people_and_sales_cycle_styles.yaml, style 1: driver is (1, -1) on the grid"),
    ("people_and_sales_cycle_behaviours.yaml", "axis: assertiveness, sign: 1, en: speaks",
     "axis: assertiveness, sign: 0, en: speaks", "behaviour 1, key 'sign': expected 1 or -1, got 0"),
])
def test_bad_data_says_where(data_copy, name, old, new, message):
    import kamlib.data.people_and_sales_cycle as module

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        module.load_styles() if "styles" in name else module.load_behaviours()
