"""``make bundle``: what a trainee in a class receives, and nothing else.

    python -m tools.bundle [--out dist/kamlab-trainee] [--tar]

The bundle holds

* ``course/``: the lectures, English (``course/*.ipynb``) and Chinese (``course/zh/*.ipynb``)
  editions (not the bilingual sources: course writers' files);
* ``exercises/<assignment>/``: the released exercises (``exercises/release/``: no solutions,
  no hidden tests), both editions when there are two;
* ``wheels/kamlib-<version>-py3-none-any.whl``: kamlib alone, its modules and the package
  data pyproject.toml names (no ``kamgrade``, no ``exercises/keys``, no ``solutions``);
* ``README.md``: how to install and start it.

A class trainee never gets ``exercises/source/``, ``exercises/keys/``, ``solutions/``,
``exercises/bilingual/`` or the grader. Before it finishes, :func:`build` reads back every
file, and every file inside the wheel, and refuses the bundle if any of that got in
(:func:`problems`): a folder of instructor material, a hidden test, a solution block,
``kamgrade``, or a line of a reference answer taken from the source notebooks' solution cells.
JupyterHub's trainee servers (``make hub``) run from this bundle, not from the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "dist" / "kamlab-trainee"
IGNORE = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")
#: Folder names that are instructor material wherever they appear.
FORBIDDEN_DIRS = ("source", "solutions", "keys", "bilingual", "kamgrade", "autograded", "submitted",
                  "feedback", "exchange")
FORBIDDEN_TEXT = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION",
                  "import kamgrade", "from kamgrade")
SOLUTION_BLOCK = re.compile(r"#+ BEGIN SOLUTION\n(.*?)#+ END SOLUTION", re.DOTALL)
#: A solution line shorter than this, or present in the release too, proves nothing.
MIN_ANSWER_LINE = 24
#: kamlib modules that are instructor tooling, left out of the trainee's wheel: the templates
#: of nbgrader's test cells (hidden ones included), used only by ``python -m tools.exercises``.
INSTRUCTOR_MODULES = ("checks/cells.py",)

README = """\
# KAM Lab: your course material

Lectures are in `course/` (English) and `course/zh/` (中文); exercises in `exercises/`.

```bash
python3 -m venv .venv && .venv/bin/pip install wheels/kamlib-*.whl
.venv/bin/jupyter lab course/lec00_welcome.ipynb
```

In a class on JupyterHub all this is already installed: fetch each exercise from the
Assignments tab, Validate, then Submit. Your instructor grades it and releases feedback.
"""


class BundleError(Exception):
    """The bundle could not be built, or would have shipped instructor material."""


def build(out: Path = DEFAULT_OUT, root: Path = ROOT) -> Path:
    """Write the trainee bundle to ``out`` (replaced if present); its path."""
    out = Path(out).resolve()
    if out == root or out in root.parents:
        raise BundleError(f"refusing to write the bundle over the repository ({out})")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _copy_lectures(root / "course", out / "course")
    _copy_release(root / "exercises" / "release", out / "exercises")
    build_wheel(out / "wheels", root)
    (out / "README.md").write_text(README, encoding="utf-8")
    found = problems(out, root)
    if found:
        shutil.rmtree(out)
        raise BundleError("the bundle would ship instructor material:\n  " + "\n  ".join(found))
    return out


def _copy_lectures(course: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for notebook in sorted(course.glob("*.ipynb")):
        shutil.copy2(notebook, target / notebook.name)
    for edition in sorted(p for p in course.iterdir() if p.is_dir()):
        if edition.name in FORBIDDEN_DIRS or edition.name.startswith("."):
            continue  # bilingual/: the writers' sources
        notebooks = sorted(edition.glob("*.ipynb"))
        if notebooks:  # an edition, e.g. zh/
            (target / edition.name).mkdir()
            for notebook in notebooks:
                shutil.copy2(notebook, target / edition.name / notebook.name)


def _copy_release(release: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for assignment in sorted(p for p in release.iterdir() if p.is_dir()):
        shutil.copytree(assignment, target / assignment.name, ignore=IGNORE)


def build_wheel(wheels: Path, root: Path = ROOT) -> Path:
    """kamlib alone as a wheel (PEP 427) in ``wheels``: its modules and the package data the
    project's pyproject.toml names, with the project's metadata; no kamgrade (the repository's
    pyproject ships both), no instructor modules. Written directly: no build backend to fetch,
    the same bytes for the same sources."""
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    patterns = meta.get("tool", {}).get("setuptools", {}).get("package-data", {}).get("kamlib", [])
    package = root / "kamlib"
    files = {p for p in package.rglob("*.py")} | {p for pattern in patterns for p in package.glob(pattern)}
    files = sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts
                   and p.relative_to(package).as_posix() not in INSTRUCTOR_MODULES)
    name, version = "kamlib", project["version"]
    info = f"{name}-{version}.dist-info"
    metadata = "".join([
        "Metadata-Version: 2.1\n", f"Name: {name}\n", f"Version: {version}\n",
        f"Summary: {project['description']}\n", f"Requires-Python: {project['requires-python']}\n",
        *(f"Requires-Dist: {d}\n" for d in project["dependencies"]),
    ])
    members = [(f"kamlib/{p.relative_to(package).as_posix()}", p.read_bytes()) for p in files]
    members += [(f"{info}/METADATA", metadata.encode()),
                (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: kamlab tools.bundle\nRoot-Is-Purelib: true\n"
                                  b"Tag: py3-none-any\n"),
                (f"{info}/top_level.txt", b"kamlib\n")]
    record = "".join(f"{n},sha256={_digest(data)},{len(data)}\n" for n, data in members) + f"{info}/RECORD,,\n"
    members.append((f"{info}/RECORD", record.encode()))
    wheels.mkdir(parents=True, exist_ok=True)
    wheel = wheels / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members:
            entry = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return wheel


def _digest(data: bytes) -> str:
    import base64
    import hashlib

    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


# --- what must never be in it ------------------------------------------------------------------

def reference_answers(root: Path = ROOT) -> list[tuple[str, frozenset[str]]]:
    """Each solution block of the source notebooks: (where, its distinctive lines).

    A line is distinctive when it is long enough to say something and appears neither in
    the release nor in a lecture (what the lectures teach is public)."""
    public = set()
    for notebook in [*(root / "exercises" / "release").glob("*/*.ipynb"), *(root / "course").rglob("*.ipynb")]:
        public |= {line.strip() for text in _cell_sources(notebook) for line in text.splitlines()}
    blocks = []
    for notebook in sorted((root / "exercises" / "source").glob("*/*.ipynb")):
        for number, text in enumerate(_cell_sources(notebook)):
            for block in SOLUTION_BLOCK.findall(text):
                lines = frozenset(line.strip() for line in block.splitlines()
                                  if len(line.strip()) >= MIN_ANSWER_LINE and line.strip() not in public)
                if lines:
                    blocks.append((f"{notebook.parent.name} cell {number}", lines))
    return blocks


def leaked_answer(text: str, answers) -> str | None:
    """Where the reference answer ``text`` holds comes from: two of a solution block's
    distinctive lines (or its only one); None if none. One shared line of code is a
    coincidence (a loop over the same data), two are a copied answer."""
    for where, lines in answers:
        hits = [line for line in lines if line in text]
        if len(hits) >= min(2, len(lines)):
            return f"{where}: {hits[0][:60]!r}"
    return None


def _cell_sources(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells]


def bundle_texts(out: Path):
    """(name, text) for every file of the bundle and every file inside its wheels; a
    notebook's text is its cells' sources (as a trainee reads them, JSON escapes undone)."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    yield f"{name}!{member}", wheel.read(member).decode("utf-8", "replace")
        elif path.suffix == ".ipynb":
            yield name, "\n".join(_cell_sources(path))
        else:
            yield name, path.read_bytes().decode("utf-8", "replace")


def problems(out: Path, root: Path = ROOT) -> list[str]:
    found = []
    answers = reference_answers(root)
    for name, text in bundle_texts(out):
        parts = re.split(r"[/!]", name)
        bad_dirs = [p for p in parts[:-1] if p in FORBIDDEN_DIRS]
        if bad_dirs:
            found.append(f"{name}: inside a {bad_dirs[0]}/ folder")
        for marker in FORBIDDEN_TEXT:
            if marker in text:
                found.append(f"{name}: contains {marker!r}")
        leak = leaked_answer(text, answers)
        if leak:
            found.append(f"{name}: contains the reference answer of {leak}")
    return found


def write_tar(out: Path) -> Path:
    archive = out.with_suffix(".tar.gz")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(out, arcname=out.name)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bundle", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tar", action="store_true", help="also write OUT.tar.gz")
    args = parser.parse_args(argv)
    try:
        out = build(args.out)
    except BundleError as error:
        print(f"make bundle: {error}", file=sys.stderr)
        return 1
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"trainee bundle: {out} ({files} files)")
    if args.tar:
        print(f"archive: {write_tar(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
