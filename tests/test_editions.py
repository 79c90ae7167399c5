"""The two editions come from one source: translations complete, code identical, links right."""

from __future__ import annotations

import json

import pytest

from tools import editions as ed


def _nb(*cells) -> dict:
    return {"cells": [dict(c, metadata=c.get("metadata", {})) for c in cells], "metadata": {},
            "nbformat": 4, "nbformat_minor": 5}


MD = {"cell_type": "markdown", "source": "# Key accounts\n\nSee [ex02](../exercises/release/ex02_key_accounts/"
      "ex02_key_accounts.ipynb) and [09](lec09_channel_maps.ipynb).\n\n<!-- 中文 -->\n\n# 大客户\n\n见 [练习02]"
      "(../exercises/release/ex02_key_accounts/ex02_key_accounts.ipynb) 和 [09](lec09_channel_maps.ipynb)。"}
CODE = {"cell_type": "code", "outputs": [], "execution_count": None,
        "source": "# Place every account\n#zh: 把每个客户放到矩阵上\nscores = score(accounts)  # all 44\n#zh: 全部44个\n"
                  "### BEGIN SOLUTION\nx = '# not a comment'\n### END SOLUTION\n# q1.hint()"}


def _edition(language, kind="lecture"):
    folder = "course" if kind == "lecture" else "exercises"
    return ed.Edition(ed.ROOT / folder / "bilingual" / "lec02_key_accounts.ipynb", language, ed.ROOT / "x.ipynb")


def test_each_edition_gets_its_language_and_the_same_code():
    en, zh = (ed.build(_nb(MD, CODE), _edition(lang)) for lang in ed.LANGUAGES)
    assert en["cells"][0]["source"].startswith("# Key accounts") and "中文" not in en["cells"][0]["source"]
    assert zh["cells"][0]["source"].startswith("# 大客户")
    assert en["cells"][2]["source"].splitlines()[:2] == ["# Place every account", "scores = score(accounts)  # all 44"]
    assert zh["cells"][2]["source"].splitlines()[:2] == ["# 把每个客户放到矩阵上", "scores = score(accounts)  # 全部44个"]
    assert "x = '# not a comment'" in zh["cells"][2]["source"]
    assert ed.code_without_comments(en) == ed.code_without_comments(zh)
    assert [c["source"].split("\n")[-1] for c in (en["cells"][1], zh["cells"][1])] == [
        'set_language("en")  # English edition', 'set_language("zh")  # 简体中文版']


def test_the_chinese_edition_links_to_chinese_notebooks():
    zh = ed.build(_nb(MD), _edition("zh"))["cells"][0]["source"]
    assert "(../../exercises/release/ex02_key_accounts_zh/ex02_key_accounts_zh.ipynb)" in zh
    assert "(lec09_channel_maps.ipynb)" in zh
    assert ed.zh_link("../../../course/lec02_key_accounts.ipynb", "exercise") == "../../../course/zh/lec02_key_accounts.ipynb"
    assert ed.zh_link("https://example.org/a.ipynb", "lecture") == "https://example.org/a.ipynb"


def test_a_missing_translation_is_reported():
    assert ed.missing_translations(_nb(MD, CODE), "demo") == []
    no_zh = dict(MD, source=MD["source"].split(ed.MARKER)[0])
    untranslated = dict(CODE, source="# a comment nobody translated\nx = 1")
    problems = ed.missing_translations(_nb(no_zh, untranslated), "demo")
    assert len(problems) == 2 and "no Chinese" in problems[0] and "without a '#zh:' line" in problems[1]


def test_the_committed_editions_are_complete_and_identical_in_code():
    assert ed.check() == []


@pytest.mark.skipif(not ed.sources(), reason="no bilingual sources yet")
def test_removing_one_translation_or_editing_one_zh_code_cell_fails_the_check(tmp_path, monkeypatch):
    source = ed.sources()[0]
    nb = json.loads(source.read_text(encoding="utf-8"))
    markdown = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and ed.MARKER in ed.text_of(c)
                    and "nav" not in c["metadata"].get("tags", []))  # nav cells are generated, not checked
    markdown["source"] = ed.split_markdown(ed.text_of(markdown))[0]
    assert ed.missing_translations(nb, "copy")
    zh_edition = next(e for e in ed.editions_of(source) if e.language == "zh")
    built = json.loads(zh_edition.target.read_text(encoding="utf-8"))
    en_built = json.loads(next(e for e in ed.editions_of(source) if e.language == "en").target.read_text(encoding="utf-8"))
    code = next(c for c in built["cells"] if c["cell_type"] == "code" and "edition" not in c["metadata"].get("tags", []))
    code["source"] = ed.text_of(code) + "\nanswer = 42"
    assert ed.code_without_comments(built) != ed.code_without_comments(en_built)


# --- the whole check, on a temporary copy of one module's sources and editions -----------------

MODULE_FILES = {
    "lec10": ("course/bilingual/lec10_spin_selling.ipynb", "course/lec10_spin_selling.ipynb",
              "course/zh/lec10_spin_selling.ipynb"),
    "ex10": ("exercises/bilingual/ex10_spin_selling.ipynb",
             "exercises/source/ex10_spin_selling/ex10_spin_selling.ipynb",
             "exercises/source/ex10_spin_selling_zh/ex10_spin_selling_zh.ipynb"),
}


@pytest.fixture(params=sorted(MODULE_FILES))
def copied(request, tmp_path, monkeypatch):
    """One notebook's bilingual source and its two built editions, copied to ``tmp_path``;
    ``tools.editions`` pointed there. Returns (source, zh edition) paths of the copy."""
    for rel in MODULE_FILES[request.param]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes((ed.ROOT / rel).read_bytes())
    (tmp_path / "course" / "bilingual").mkdir(parents=True, exist_ok=True)
    (tmp_path / "exercises" / "bilingual").mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(ed, "ROOT", tmp_path)
    source, _, zh = MODULE_FILES[request.param]
    assert ed.check() == []  # the copy is complete, as committed
    return tmp_path / source, tmp_path / zh


def _edit(path, change):
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(ed.dumps(nb), encoding="utf-8")


def test_removing_one_zh_string_fails_the_check(copied):
    source, _ = copied

    def drop_chinese(nb):
        cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and ed.MARKER in ed.text_of(c)
                    and "nav" not in c["metadata"].get("tags", []))
        english, chinese = ed.split_markdown(ed.text_of(cell))
        assert ed.CJK.search(chinese)
        cell["source"] = f"{english}\n\n{ed.MARKER}\n\n"

    _edit(source, drop_chinese)
    problems = ed.check()
    assert any("no Chinese under" in p for p in problems), problems


def test_removing_one_zh_comment_fails_the_check(copied):
    source, _ = copied

    def drop_zh_comment(nb):
        cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "\n#zh:" in ed.text_of(c))
        lines = ed.text_of(cell).split("\n")
        del lines[next(i for i, line in enumerate(lines) if ed.ZH_COMMENT.match(line))]
        cell["source"] = "\n".join(lines)

    _edit(source, drop_zh_comment)
    problems = ed.check()
    assert any("comment without a '#zh:' line" in p for p in problems), problems


def test_editing_one_zh_code_cell_fails_the_check(copied):
    _, zh = copied

    def edit_code(nb):
        cell = next(c for c in nb["cells"] if c["cell_type"] == "code"
                    and "edition" not in c["metadata"].get("tags", []))
        cell["source"] = ed.text_of(cell) + "\nanswer = 42"

    _edit(zh, edit_code)
    problems = ed.check()
    assert any("the two editions' code differs" in p for p in problems), problems
    assert any("is not what its source makes" in p for p in problems), problems


def test_editing_only_a_zh_comment_changes_no_code(copied):
    """A translated comment may change (the edition is then out of date), the code may not."""
    _, zh = copied

    def edit_comment(nb):
        cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "# " in ed.text_of(c)
                    and "edition" not in c["metadata"].get("tags", []))
        cell["source"] = ed.text_of(cell) + "\n# 新增的一行注释"

    _edit(zh, edit_comment)
    problems = ed.check()
    assert not any("code differs" in p for p in problems) and any("is not what its source makes" in p
                                                                    for p in problems), problems


def test_translated_strings_are_counted_per_module():
    assert ed._zh_fields({"a": {"en": "x", "zh": "甲"}, "b": [{"zh": "乙"}, {"zh": ["词"]}], "zh": " "}) == 2
    counts = ed.translated_strings()
    assert set(counts) >= {"key_accounts", "spin_selling"}
    assert all(n > 0 for n in counts["spin_selling"].values())
    assert any(p.name == "spin_selling_statements.yaml" for p in ed.data_files("spin_selling"))
