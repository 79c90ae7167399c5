"""Write the navigation of the course notebooks from kamlib/data/modules.yaml.

    python tools/nav.py          rewrite the nav lines and the contents
    python tools/nav.py --check  exit 1 if any notebook's nav is out of date

Every course/lecNN_stem.ipynb starts and ends with a markdown cell tagged `nav`
("← previous · contents · next →"); the welcome notebook's cell tagged `contents`
lists every module, with the unwritten ones marked as coming.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from kamlib.data import load_modules  # noqa: E402

COURSE = ROOT / "course"


def filename(module: dict) -> str:
    return f"lec{module['id']}_{module['stem']}.ipynb"


def title(module: dict) -> str:
    return f"{module['id']} · {module['en']}"


def nav_line(module: dict, ready: list[dict]) -> str:
    i = ready.index(module)
    parts = []
    if i > 0:
        parts.append(f"[← {title(ready[i - 1])}]({filename(ready[i - 1])})")
    parts.append(f"[contents]({filename(ready[0])}#Contents)")
    if i + 1 < len(ready):
        parts.append(f"[{title(ready[i + 1])} →]({filename(ready[i + 1])})")
    return " · ".join(parts)


def contents(modules: list[dict]) -> str:
    lines = ["## Contents", "", "| # | module | 中文 | lecture § | step |", "|---|---|---|---|---|"]
    for m in modules:
        name = f"[{m['en']}]({filename(m)})" if m["ready"] else f"{m['en']} *(coming)*"
        step = str(m["step"]) if m["step"] else "–"
        lines.append(f"| {m['id']} | {name} | {m['zh']} | {m['section'] or '–'} | {step} |")
    return "\n".join(lines)


def update(path: Path, module: dict, modules: list[dict], ready: list[dict], write: bool) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        want = None
        if "nav" in tags:
            want = nav_line(module, ready)
        elif "contents" in tags:
            want = contents(modules)
        have = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if want is not None and want != have:
            cell["source"] = want
            changed = True
    if changed and write:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    modules = list(load_modules())
    ready = [m for m in modules if m["ready"]]
    stale = []
    for module in modules:
        path = COURSE / filename(module)
        if module["ready"] != path.exists():
            stale.append(f"{path.name}: modules.yaml says ready={module['ready']}, file exists={path.exists()}")
            continue
        if path.exists():
            if update(path, module, modules, ready, write=not args.check):
                stale.append(f"{path.name}: navigation out of date")
    print("\n".join(stale) or "navigation up to date")
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
