"""Two editions, English and 简体中文, from one bilingual source per notebook.

    python -m tools.editions build      write both editions of every notebook from its source
    python -m tools.editions check      exit 1 on a missing translation or an edition out of date
    python -m tools.editions init PATH  start a bilingual source from an English notebook
    python -m tools.editions count      translated strings per module (zh cells, #zh comments, zh data)

Course writers edit the **bilingual sources** only:

* ``course/bilingual/lecNN_stem.ipynb`` -> ``course/lecNN_stem.ipynb`` (en) and
  ``course/zh/lecNN_stem.ipynb`` (zh);
* ``exercises/bilingual/exNN_stem.ipynb`` -> ``exercises/source/exNN_stem/exNN_stem.ipynb`` (en)
  and ``exercises/source/exNN_stem_zh/exNN_stem_zh.ipynb`` (zh), two nbgrader assignments graded
  by the same key and variants.

In a source, a markdown cell holds the English, then a line ``<!-- 中文 -->``, then the Chinese.
A code cell is the same in both editions except its comments: a line ``#zh: …`` under a line
with a comment gives that comment in Chinese (for the zh edition; the en edition drops it).
Everything else -- code, cell order, nbgrader metadata, points -- comes from the one source, and
each edition gets a first cell, tagged ``edition``, that sets kamlib's language.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- 中文 -->"
ZH_COMMENT = re.compile(r"^(\s*)#zh:\s?(.*)$")
CJK = re.compile(r"[\u3400-\u9fff]")
LANGUAGES = ("en", "zh")
PLACEHOLDER = "TODO: translate"  # what `init` puts where the Chinese goes: the check reports it
#: Comment lines that are nbgrader's or ruff's markers, not prose.
NOT_PROSE = re.compile(r"^\s*#(#+ (BEGIN|END) (SOLUTION|HIDDEN TESTS)|\s*noqa|\s*type:|!|\s*[\w.]+\(.*\)\s*$)")


@dataclass(frozen=True)
class Edition:
    source: Path  # the bilingual notebook
    language: str
    target: Path  # the edition written from it

    @property
    def kind(self) -> str:
        return "lecture" if self.source.parent.parent.name == "course" else "exercise"


def editions_of(source: Path) -> list[Edition]:
    stem = source.stem
    if source.parent == ROOT / "course" / "bilingual":
        return [Edition(source, "en", ROOT / "course" / f"{stem}.ipynb"),
                Edition(source, "zh", ROOT / "course" / "zh" / f"{stem}.ipynb")]
    return [Edition(source, "en", ROOT / "exercises" / "source" / stem / f"{stem}.ipynb"),
            Edition(source, "zh", ROOT / "exercises" / "source" / f"{stem}_zh" / f"{stem}_zh.ipynb")]


def sources() -> list[Path]:
    found = []
    for folder in (ROOT / "course" / "bilingual", ROOT / "exercises" / "bilingual"):
        found += sorted(p for p in folder.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


# --- one cell in one language --------------------------------------------------------------------

def text_of(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def split_markdown(text: str) -> tuple[str, str | None]:
    """(English, Chinese) of a bilingual markdown cell; Chinese is None without the marker."""
    lines = text.split("\n")
    if MARKER not in (line.strip() for line in lines):
        return text.strip("\n"), None
    at = [line.strip() for line in lines].index(MARKER)
    return "\n".join(lines[:at]).strip("\n"), "\n".join(lines[at + 1:]).strip("\n")


def _comment_start(line: str) -> int | None:
    """Where a line's comment starts (tokenize: a # inside a string is not a comment)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return token.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        index = line.find("#")
        return index if index >= 0 else None
    return None


def split_code(text: str, language: str) -> str:
    """A bilingual code cell in one language: ``#zh:`` lines replace the comment above them."""
    out: list[str] = []
    for line in text.split("\n"):
        match = ZH_COMMENT.match(line)
        if not match:
            out.append(line)
            continue
        if language == "zh" and out:
            start = _comment_start(out[-1])
            if start is not None:
                out[-1] = out[-1][:start] + "# " + match.group(2)
    return "\n".join(out)


def untranslated_comments(text: str) -> list[str]:
    """Comment lines of a bilingual code cell with no ``#zh:`` line under them."""
    lines, missing = text.split("\n"), []
    for i, line in enumerate(lines):
        if ZH_COMMENT.match(line) or NOT_PROSE.match(line) or _comment_start(line) is None:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not ZH_COMMENT.match(following):
            missing.append(line.strip())
    return missing


# --- links between notebooks ----------------------------------------------------------------------

LINK = re.compile(r"\]\(([^)\s]+)\)")


def zh_link(target: str, kind: str) -> str:
    """Where a link of the English edition points in the Chinese one."""
    if re.match(r"^[a-z]+://|^#|^mailto:", target):
        return target
    path, _, anchor = target.partition("#")
    path = re.sub(r"exercises/release/(ex\d\d_\w+?)/\1\.ipynb", r"exercises/release/\1_zh/\1_zh.ipynb", path)
    path = re.sub(r"(^|/)course/(lec\d\d_\w+\.ipynb)", r"\1course/zh/\2", path)
    if kind == "lecture" and path.startswith("../"):  # course/zh/ is one folder deeper than course/
        path = "../" + path
    return path + (f"#{anchor}" if anchor else "")


def localise_links(text: str, kind: str) -> str:
    return LINK.sub(lambda m: f"]({zh_link(m.group(1), kind)})", text)


# --- a whole notebook ---------------------------------------------------------------------------

def edition_cell(language: str, exercise: bool) -> dict:
    code = {"en": 'from kamlib import set_language\n\nset_language("en")  # English edition',
            "zh": 'from kamlib import set_language\n\nset_language("zh")  # 简体中文版'}[language]
    meta: dict = {"tags": ["edition"]}
    if exercise:
        meta["nbgrader"] = {"grade": False, "grade_id": "edition", "locked": True, "schema_version": 3,
                            "solution": False, "task": False}
    return {"cell_type": "code", "execution_count": None, "id": "edition", "metadata": meta, "outputs": [],
            "source": code}


def build(source_nb: dict, edition: Edition) -> dict:
    """One edition of a bilingual notebook."""
    nb = copy.deepcopy(source_nb)
    cells = []
    for cell in nb["cells"]:
        text = text_of(cell)
        if cell["cell_type"] == "markdown":
            en, zh = split_markdown(text)
            text = en if edition.language == "en" or zh is None else localise_links(zh, edition.kind)
        elif cell["cell_type"] == "code":
            text = split_code(text, edition.language)
            cell["outputs"], cell["execution_count"] = [], None
        cell["source"] = text
        cells.append(cell)
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells.insert(first_code, edition_cell(edition.language, edition.kind == "exercise"))
    nb["cells"] = cells
    nb["metadata"]["kamlab"] = {"edition": edition.language, "source": str(edition.source.relative_to(ROOT))}
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def missing_translations(source_nb: dict, where: str) -> list[str]:
    """Every markdown cell with no Chinese, every comment with no ``#zh:`` line."""
    problems = []
    for number, cell in enumerate(source_nb["cells"], 1):
        text = text_of(cell)
        if cell["cell_type"] == "markdown" and "nav" not in cell.get("metadata", {}).get("tags", []):
            en, zh = split_markdown(text)
            if zh is None or not CJK.search(zh):
                problems.append(f"{where}, cell {number}: no Chinese under {MARKER!r} ({en[:50]!r})")
        elif cell["cell_type"] == "code":
            problems += [f"{where}, cell {number}: comment without a '#zh:' line: {line[:60]!r}"
                         for line in untranslated_comments(text)]
    return problems


def code_without_comments(nb: dict) -> list[str]:
    """The code of every code cell but the edition cell, comments and blank lines removed."""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "edition" in cell.get("metadata", {}).get("tags", []):
            continue
        lines = []
        for line in text_of(cell).split("\n"):
            start = _comment_start(line)
            line = (line if start is None else line[:start]).rstrip()
            if line.strip():
                lines.append(line)
        out.append("\n".join(lines))
    return out


def check() -> list[str]:
    """What `make test` requires: translations complete, editions as built, code identical."""
    problems = []
    for source in sources():
        source_nb = json.loads(source.read_text(encoding="utf-8"))
        problems += missing_translations(source_nb, str(source.relative_to(ROOT)))
        built = {}
        for edition in editions_of(source):
            want = dumps(build(source_nb, edition))
            have = edition.target.read_text(encoding="utf-8") if edition.target.exists() else None
            if have != want:
                problems.append(f"{edition.target.relative_to(ROOT)} is not what its source makes "
                                f"(edit {source.relative_to(ROOT)}, then: python -m tools.editions build)")
            built[edition.language] = json.loads(have) if have else None
        if all(built.values()) and code_without_comments(built["en"]) != code_without_comments(built["zh"]):
            problems.append(f"{source.stem}: the two editions' code differs")
    return problems


def build_all() -> list[Path]:
    written = []
    for source in sources():
        source_nb = json.loads(source.read_text(encoding="utf-8"))
        for edition in editions_of(source):
            text = dumps(build(source_nb, edition))
            if not edition.target.exists() or edition.target.read_text(encoding="utf-8") != text:
                edition.target.parent.mkdir(parents=True, exist_ok=True)
                edition.target.write_text(text, encoding="utf-8")
                written.append(edition.target)
    return written


def _zh_fields(value) -> int:
    """How many ``zh`` texts a YAML document holds (a ``zh`` key with a text value; cue-word
    lists are not counted)."""
    if isinstance(value, dict):
        return sum((key == "zh" and isinstance(v, str) and bool(v.strip())) + _zh_fields(v) for key, v in value.items())
    if isinstance(value, list):
        return sum(_zh_fields(v) for v in value)
    return 0


def data_files(stem: str) -> list[Path]:
    """A module's data files: ``kamlib/data/`` files (and folders) named after the stem's first
    word (``spin_selling`` -> spin_selling_*.yaml, spin_selling_scenarios/, spin_exercise.yaml)."""
    folder = ROOT / "kamlib" / "data"
    prefix = stem.split("_")[0]
    found = [p for p in folder.rglob("*") if p.suffix in (".yaml", ".csv")
             and p.relative_to(folder).parts[0].startswith((f"{prefix}_", f"{prefix}."))]
    return sorted(found)


def translated_strings() -> dict[str, dict[str, int]]:
    """Per module stem: markdown cells with Chinese (navigation cells left out), ``#zh:``
    comment lines, and ``zh`` texts in its data files (YAML ``zh`` keys, CSV ``zh`` columns)."""
    import csv

    import yaml

    counts: dict[str, dict[str, int]] = {}
    for source in sources():
        stem = source.stem.split("_", 1)[1]
        row = counts.setdefault(stem, {"markdown": 0, "comments": 0, "data": 0})
        for cell in json.loads(source.read_text(encoding="utf-8"))["cells"]:
            text = text_of(cell)
            if cell["cell_type"] == "markdown" and "nav" not in cell.get("metadata", {}).get("tags", []):
                zh = split_markdown(text)[1]
                row["markdown"] += bool(zh and CJK.search(zh))
            elif cell["cell_type"] == "code":
                row["comments"] += sum(bool(ZH_COMMENT.match(line)) for line in text.split("\n"))
    for stem, row in counts.items():
        for path in data_files(stem):
            if path.suffix == ".yaml":
                row["data"] += _zh_fields(yaml.safe_load(path.read_text(encoding="utf-8")))
            else:
                with path.open(encoding="utf-8", newline="") as handle:
                    for record in csv.DictReader(handle):
                        row["data"] += sum(bool((v or "").strip()) for k, v in record.items()
                                           if k and (k == "zh" or k.endswith("_zh")))
    return counts


def init(english: Path) -> Path:
    """A bilingual source from an English notebook, with a Chinese placeholder in every cell."""
    nb = json.loads(english.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if "edition" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and "nav" not in cell.get("metadata", {}).get("tags", []):
            en, zh = split_markdown(text_of(cell))
            cell["source"] = f"{en}\n\n{MARKER}\n\n{zh or PLACEHOLDER}"
    stem = english.stem
    folder = ROOT / ("course" if stem.startswith("lec") else "exercises") / "bilingual"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.ipynb"
    target.write_text(dumps(nb), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.editions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("build", "check", "init", "count"))
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "init":
        for path in args.paths:
            print("wrote", init(path.resolve()).relative_to(ROOT))
        return 0
    if args.command == "count":
        counts = translated_strings()
        print(f"{'module':<24} {'zh cells':>8} {'#zh':>6} {'zh data':>8} {'total':>7}")
        for stem, row in counts.items():
            print(f"{stem:<24} {row['markdown']:>8} {row['comments']:>6} {row['data']:>8} {sum(row.values()):>7}")
        return 0
    if args.command == "build":
        written = build_all()
        print("\n".join(str(p.relative_to(ROOT)) for p in written) or "editions up to date")
        return 0
    problems = check()
    print("\n".join(problems) or "editions up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
