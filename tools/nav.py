"""Write the lectures' generated cells from kamlib/data/modules.yaml.

    python -m tools.nav          rewrite the generated cells
    python -m tools.nav --check  exit 1 (and say which) if any notebook's cells are out of date

Every bilingual lecture source, course/bilingual/lecNN_stem.ipynb, has markdown cells
written here in both languages (English, the ``<!-- 中文 -->`` line, Chinese; see
tools/editions.py), found by their tag:

    nav         first and last cell: "← previous · contents · next →"
    overview    minutes of teaching and exercises, lecture section, staircase step,
                the questions the module answers and its objectives
    key_points  "## Key points" and the module's 3-5 bullets
    contents    (the welcome notebook) every module, the unwritten ones marked as coming

The English and Chinese editions (course/, course/zh/) are then built by tools.editions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kamlib.data.course import load_modules
from kamlib.models.welcome import STEPS, Module
from kamlib.text import Text

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "course" / "bilingual"
MARKER = "<!-- 中文 -->"
GENERATED = ("nav", "overview", "key_points", "contents")
_WORDS = {
    "en": {"overview": "**Overview.**", "teaching": "Teaching: {} min", "exercises": "Exercises: {} min",
           "section": "Lecture §{}", "step": "Staircase step {n}, *{en}* ({zh})", "questions": "**Questions**",
           "objectives": "**Objectives**", "key_points": "## Key points", "contents": "contents",
           "anchor": "Contents"},
    "zh": {"overview": "**概览。**", "teaching": "讲授：{} 分钟", "exercises": "练习：{} 分钟",
           "section": "讲义第 {} 节", "step": "阶梯第 {n} 步：*{zh}*", "questions": "**本节回答的问题**",
           "objectives": "**学习目标**", "key_points": "## 要点", "contents": "目录", "anchor": "目录"},
}


def filename(module: Module) -> str:
    return module.lecture


def title(module: Module, language: str = "en") -> str:
    return f"{module.id} · {module.title.get(language)}"


def nav_line(module: Module, ready: list[Module], language: str = "en") -> str:
    words, i = _WORDS[language], ready.index(module)
    parts = []
    if i > 0:
        parts.append(f"[← {title(ready[i - 1], language)}]({filename(ready[i - 1])})")
    parts.append(f"[{words['contents']}]({filename(ready[0])}#{words['anchor']})")
    if i + 1 < len(ready):
        parts.append(f"[{title(ready[i + 1], language)} →]({filename(ready[i + 1])})")
    return " · ".join(parts)


def overview(module: Module, language: str = "en") -> str:
    """The Overview cell: minutes, section and step, then Questions and Objectives."""
    words = _WORDS[language]
    facts = [words["teaching"].format(module.teaching_minutes), words["exercises"].format(module.exercise_minutes)]
    if module.section:
        facts.append(words["section"].format(module.section.replace("-", "–")))
    if module.step:
        step = Text.term(STEPS[module.step - 1])
        facts.append(words["step"].format(n=module.step, en=step.en, zh=step.zh))
    lines = [f"{words['overview']} {' · '.join(facts)}", "", words["questions"]]
    lines += [f"- {q.get(language)}" for q in module.questions]
    lines += ["", words["objectives"]]
    lines += [f"- {o.get(language)}" for o in module.objectives]
    return "\n".join(lines)


def key_points(module: Module, language: str = "en") -> str:
    """The Key points cell."""
    return "\n".join([_WORDS[language]["key_points"], "", *(f"- {p.get(language)}" for p in module.key_points)])


def contents(modules: list[Module], language: str = "en") -> str:
    if language == "zh":
        lines = ["## 目录", "", "| # | 模块 | English | 讲义 § | 阶梯 |", "|---|---|---|---|---|"]
    else:
        lines = ["## Contents", "", "| # | module | 中文 | lecture § | step |", "|---|---|---|---|---|"]
    other = "en" if language == "zh" else "zh"
    coming = {"en": "*(coming)*", "zh": "*（即将推出）*"}[language]
    for m in modules:
        name = f"[{m.title.get(language)}]({filename(m)})" if m.ready else f"{m.title.get(language)} {coming}"
        step = str(m.step) if m.step else "–"
        lines.append(f"| {m.id} | {name} | {m.title.get(other)} | {m.section or '–'} | {step} |")
    return "\n".join(lines)


def _one(tag: str, module: Module, modules: list[Module], ready: list[Module], language: str) -> str:
    if tag == "nav":
        return nav_line(module, ready, language)
    if tag == "overview":
        return overview(module, language)
    if tag == "key_points":
        return key_points(module, language)
    return contents(modules, language)


def wanted(tag: str, module: Module, modules: list[Module], ready: list[Module]) -> str:
    """The cell in both languages, as a bilingual source holds it."""
    en, zh = (_one(tag, module, modules, ready, language) for language in ("en", "zh"))
    return f"{en}\n\n{MARKER}\n\n{zh}"


def update(path: Path, module: Module, modules: list[Module], ready: list[Module], write: bool) -> list[str]:
    """Bring the generated cells of one notebook up to date; what was (or would be) changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed, found = [], []
    for cell in nb["cells"]:
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t in GENERATED]
        if not tags:
            continue
        tag = tags[0]
        found.append(tag)
        want = wanted(tag, module, modules, ready)
        have = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if want != have:
            cell["source"] = want
            changed.append(tag)
    needed = ["nav", "overview", "key_points", "nav"] + (["contents"] if module is ready[0] else [])
    missing = [tag for tag in dict.fromkeys(needed) if found.count(tag) < needed.count(tag)]
    if changed and write:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return [f"{path.name}: no markdown cell tagged {tag!r}" for tag in missing] + \
        [f"{path.name}: {tag} cell out of date" for tag in dict.fromkeys(changed)]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nav", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    modules = list(load_modules())
    ready = [m for m in modules if m.ready]
    stale = []
    for module in modules:
        path = COURSE / filename(module)
        if module.ready != path.exists():
            stale.append(f"{path.name}: modules.yaml says ready={module.ready}, file exists={path.exists()}")
            continue
        if path.exists():
            stale += update(path, module, modules, ready, write=not args.check)
    print("\n".join(stale) or "generated cells up to date")
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
