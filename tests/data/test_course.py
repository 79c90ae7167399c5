"""Data about the course as a whole: modules, glossary, supplier."""

from __future__ import annotations

import pytest

from kamlib.data.course import load_glossary, load_modules, load_supplier
from kamlib.i18n import glossary
from kamlib.models.welcome import Module
from kamlib.text import Text


def test_glossary_covers_every_label_in_both_languages():
    terms = load_glossary()
    assert all(isinstance(term, Text) and term.en and term.zh for term in terms.values())
    # the core reads the same file itself (it imports nothing from kamlib.data)
    assert {k: (t.en, t.zh) for k, t in terms.items()} == {k: (t["en"], t["zh"]) for k, t in glossary().items()}
    assert glossary() is glossary()


def test_modules_are_in_lecture_order_with_unique_stems():
    modules = load_modules()
    assert all(isinstance(m, Module) for m in modules)
    assert [m.id for m in modules] == sorted(m.id for m in modules)
    assert len({m.stem for m in modules}) == len(modules)
    assert {"welcome", "key_accounts", "channel_maps", "spin_selling"} <= {m.stem for m in modules if m.ready}
    assert modules[2].title == Text("What is a key account?", "大客户的定义")


def test_the_supplier_is_fictional():
    supplier = load_supplier()
    assert supplier["fictional"] is True
    assert "grease" in supplier["product_families"]


@pytest.mark.parametrize("loader", [load_glossary, load_modules, load_supplier])
def test_loaders_are_cached(loader):
    assert loader() is loader()
