"""The glossary's Chinese: one label per concept, Chinese in every label, the lecture's terms.

Every ``*_glossary.yaml`` counts, so a module written beside the others cannot reuse a label
another module gave to a different concept.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from kamlib.data import course
from kamlib.data.schema import DataError
from kamlib.i18n import glossary, glossary_files

CJK = re.compile(r"[\u3400-\u9fff]")


def shared_labels(terms: dict[str, dict]) -> list[str]:
    """Groups of terms with one Chinese label where no term of the group is marked
    ``synonym_of`` another term of it, as messages."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for key, term in terms.items():
        by_label[term["zh"].strip()].append(key)
    problems = []
    for zh, keys in by_label.items():
        if len(keys) < 2:
            continue
        # the group's concepts: a term marked synonym_of a term of the group is not a concept of its own
        concepts = [k for k in keys if terms[k].get("synonym_of") not in keys]
        if len(concepts) > 1:
            problems.append(f"{zh!r} labels {', '.join(concepts)}: give each concept its own label, "
                            f"or mark one `synonym_of: <the other's id>`")
    return problems


def test_no_two_concepts_share_a_chinese_label():
    assert shared_labels(glossary()) == []


def test_every_chinese_label_is_chinese():
    assert [k for k, t in glossary().items() if not CJK.search(t["zh"])] == []


def test_a_collision_is_caught_and_a_synonym_is_not():
    terms = {"distributor": {"en": "distributor", "zh": "经销商"},
             "kind_distributor": {"en": "distributor", "zh": "经销商", "synonym_of": "distributor"},
             "spin_flow_reveals": {"en": "the buyer reveals", "zh": "客户说出"},
             "spin_flow_states": {"en": "the buyer states", "zh": " 客户说出"}}
    (problem,) = shared_labels(terms)
    assert "spin_flow_reveals, spin_flow_states" in problem
    assert "distributor" not in problem


def test_the_lecture_terms_label_spin():
    """OUTLINE.md §4: the slide's names, not the textbook's (背景问题, 难点问题, 隐含需求 ...)."""
    zh = {k: t["zh"] for k, t in glossary().items()}
    assert [zh[k] for k in ("spin_situation", "spin_problem", "spin_implication", "spin_need_payoff")] == [
        "情境性问题", "探究性问题", "暗示性问题", "解决性问题"]
    assert (zh["implied_need"], zh["explicit_need"]) == ("隐藏性需求", "明确性需求")
    # the slide: the buyer 透露出 an implied need, 陈述出 an explicit one
    assert "透露" in zh["spin_flow_reveals"] and "陈述" in zh["spin_flow_states"]


def test_synonyms_name_a_term(monkeypatch, tmp_path):
    def load(text: str):
        path = tmp_path / "glossary.yaml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr("kamlib.i18n.glossary_files", lambda: [path])
        course.load_glossary.cache_clear()
        try:
            return course.load_glossary()
        finally:
            course.load_glossary.cache_clear()

    ok = load("a: {en: distributor, zh: 经销商}\nb: {en: distributor, zh: 经销商, synonym_of: a}\n")
    assert ok["b"].zh == "经销商"
    with pytest.raises(DataError, match=r"term 'b': synonym_of must name another term of the glossary, got 'c'"):
        load("a: {en: distributor, zh: 经销商}\nb: {en: distributor, zh: 经销商, synonym_of: c}\n")
    with pytest.raises(DataError, match="synonym_of must name another term"):
        load("a: {en: distributor, zh: 经销商, synonym_of: a}\n")
    with pytest.raises(DataError, match=r"term 'a': expected \{en: text, zh: text\}"):
        load("a: 经销商\n")


def test_every_glossary_file_is_read():
    assert glossary_files()[0].name == "glossary.yaml"
    assert all(p.name.endswith("glossary.yaml") for p in glossary_files())
    assert set(course.load_glossary()) == set(glossary())
