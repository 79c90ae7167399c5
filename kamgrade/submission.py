"""A submission folder is hostile: copy only regular files, never follow a link,
repair damaged nbgrader metadata from the release.

* :func:`inspect_tree` lists a folder's regular files and what else is there (links,
  hard links to files elsewhere, FIFOs, devices, sockets, oversized files).
* :func:`safe_copy` copies regular files only, opening each with ``O_NOFOLLOW`` into
  a folder it creates itself.
* :func:`quarantine_links` (nbgrader's ``pre_convert_hook``) moves what is not a
  regular file out of ``submitted/`` before nbgrader reads or copies anything.
* :class:`RepairSubmission` (first sanitize step) mends nbgrader metadata a notebook
  editor or a trainee damaged -- unknown schema versions, changed cell types, lost
  metadata on answer cells -- by ``grade_id`` from the release notebook, so one bad
  notebook never stops nbgrader's batch.
"""

from __future__ import annotations

import json
import os
import re
import stat
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from nbformat.notebooknode import from_dict
from nbgrader.preprocessors import NbGraderPreprocessor

from kamgrade.review import add_finding, add_ungraded, carry, start_over

__all__ = ["Tree", "REFUSED", "inspect_tree", "safe_copy", "quarantine_links", "repair_notebook", "RepairSubmission", "ForgetDuplicates",
           "MAX_FILE_BYTES", "MAX_TOTAL_BYTES", "MAX_FILES"]

MAX_FILE_BYTES = 20_000_000
MAX_TOTAL_BYTES = 100_000_000
MAX_FILES = 500
SCHEMA_VERSION = 3
REFUSED = "kamlab-refused:"  # a copy's placeholder for what it refused
SHADOWS = ("kamlib", "kamgrade", "nbgrader", "IPython", "ipykernel")  # packages a submission may try to shadow


@dataclass
class Tree:
    files: list[str] = field(default_factory=list)  # relative paths of regular files
    refused: list[tuple[str, str]] = field(default_factory=list)  # (relative path, why)


def _why_not_regular(st: os.stat_result, path: Path) -> str | None:
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        if target.startswith(REFUSED):  # refused already by a copy (kamgrade.parallel)
            return target
        return f"a link (to {target[:120]}), not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISREG(mode) and st.st_nlink > 1:
        return "a hard link to a file elsewhere"
    if stat.S_ISREG(mode) and st.st_size > MAX_FILE_BYTES:
        return f"too large ({st.st_size} bytes; at most {MAX_FILE_BYTES})"
    return None


def inspect_tree(folder: str | Path) -> Tree:
    """What ``folder`` holds, without following any link."""
    folder = Path(folder)
    tree, total = Tree(), 0
    top = os.lstat(folder)
    if not stat.S_ISDIR(top.st_mode):
        tree.refused.append((".", _why_not_regular(top, folder) or "not a folder"))
        return tree
    pending = [Path(".")]
    while pending:
        rel = pending.pop()
        with os.scandir(folder / rel) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = rel / entry.name
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(st.st_mode):
                    pending.append(path)
                    continue
                why = _why_not_regular(st, folder / path)
                if why is None and (len(tree.files) >= MAX_FILES or total + st.st_size > MAX_TOTAL_BYTES):
                    why = f"over the limit of {MAX_FILES} files or {MAX_TOTAL_BYTES} bytes per submission"
                if why:
                    tree.refused.append((path.as_posix(), why))
                else:
                    tree.files.append(path.as_posix())
                    total += st.st_size
    return tree


def _copy_file(src: Path, dst: Path) -> None:
    fd = os.open(src, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{src} is not a regular file")
        out = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        try:
            while chunk := os.read(fd, 1 << 20):
                os.write(out, chunk)
        finally:
            os.close(out)
    finally:
        os.close(fd)


def safe_copy(src: str | Path, dst: str | Path, placeholders: bool = False) -> Tree:
    """Copy ``src``'s regular files into ``dst`` (which must not exist yet); return what
    was copied and what was refused. With ``placeholders`` each refused entry leaves a
    dangling link saying why (``kamlab-refused:<why>``), so the grader's pre-convert hook
    in the copy reports it exactly as it would in the original."""
    src, dst = Path(src), Path(dst)
    tree = inspect_tree(src)
    dst.mkdir(parents=True, exist_ok=False)
    for rel in tree.files:
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_file(src / rel, target)
    if placeholders:
        for rel, why in tree.refused:
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(why if why.startswith(REFUSED) else f"{REFUSED}{why}", target)
    return tree


# --- plain `nbgrader autograde`: clean submitted/ before nbgrader touches it ----------------------

def _course_of(notebook: Path) -> tuple[Path, str, str]:
    """(course root, student, assignment) from submitted/<student>/<assignment>/<nb>.ipynb."""
    assignment_dir = notebook.parent
    return assignment_dir.parents[2], assignment_dir.parent.name, assignment_dir.name


def quarantine_links(assignment=None, student=None, notebooks=(), **_) -> None:
    """nbgrader ``pre_convert_hook``: move links, special and oversized files out of the
    submission (into ``<course>/quarantine/``) before nbgrader reads or copies it."""
    if not notebooks:
        return
    course, student_id, assignment_id = _course_of(Path(notebooks[0]))
    start_over(course, assignment_id, student_id)
    for notebook in notebooks:  # so that a notebook nbgrader cannot finish is still reported
        carry(course, {"assignment": assignment_id, "student": student_id, "notebook": Path(notebook).stem}, {})
    folder = course / "submitted" / student_id / assignment_id
    for part in (course / "submitted" / student_id, folder):
        if os.path.islink(part):
            _move_aside(course, student_id, assignment_id, part)
            _note(course, student_id, assignment_id, notebooks, part.name, "the submission folder is a link, not a folder")
            return
    tree = inspect_tree(folder)
    shadows = sorted({rel.split("/")[0] for rel in tree.files if rel.split("/")[0] in SHADOWS})
    for name in shadows:
        _note(course, student_id, assignment_id, notebooks, name,
              f"the submission ships its own {name}/ (the grader imports only the installed one)")
    for rel, why in tree.refused:
        _move_aside(course, student_id, assignment_id, folder / rel)
        why = why.removeprefix(REFUSED)
        _note(course, student_id, assignment_id, notebooks, rel, f"{rel} was {why}; it was set aside before grading")


def _move_aside(course: Path, student: str, assignment: str, path: Path) -> None:
    dest = course / "quarantine" / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    os.rename(path, dest / f"{uuid.uuid4().hex[:8]}-{path.name}")  # moves the link itself


def _note(course: Path, student: str, assignment: str, notebooks, rel: str, reason: str) -> None:
    for notebook in notebooks:
        name = Path(notebook).stem
        info = {"assignment": assignment, "student": student, "notebook": name}
        entry = {"cell": rel, "reason": reason}
        if rel in (f"{name}.ipynb", ".", student, assignment):
            carry(course, info, {"ungraded": [entry]})
        else:
            carry(course, info, {"findings": [{"kind": "files", **entry}]})


# --- damaged metadata ---------------------------------------------------------------------------

def _answer_variable(cell) -> str | None:
    match = re.match(r"^\s*(q\w+)\s*=", _source(cell), re.M)
    return match.group(1) if match else None


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


_FIELDS = ("grade", "solution", "locked", "task", "grade_id")


def _mend_fields(have: dict, want: dict, grade_id: str) -> list[str]:
    """Put back what nbgrader cannot work without; points and sources are nbgrader's to restore."""
    repairs = []
    if have.get("schema_version") != SCHEMA_VERSION:
        repairs.append(f"{grade_id}: metadata schema_version {str(have.get('schema_version'))[:10]} repaired")
        have["schema_version"] = SCHEMA_VERSION
    missing = [f for f in _FIELDS if not isinstance(have.get(f), type(want.get(f)))]
    if missing:
        repairs.append(f"{grade_id}: nbgrader metadata ({', '.join(missing)}) restored from the release")
        for name in missing:
            have[name] = want[name]
    if want.get("points") is not None and have.get("points") is None:
        have["points"] = want["points"]
    return repairs


def repair_notebook(nb: dict, release: dict) -> list[str]:
    """Mend ``nb``'s nbgrader metadata in place from ``release``; return what was mended."""
    wanted = {c["metadata"]["nbgrader"]["grade_id"]: c for c in release["cells"]
              if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}
    repairs: list[str] = []
    seen: set[str] = set()
    for cell in nb["cells"]:
        meta = cell.setdefault("metadata", {})
        nbg = meta.get("nbgrader")
        if nbg is None:
            continue
        grade_id = nbg.get("grade_id") if isinstance(nbg, dict) else None
        if grade_id not in wanted:
            del meta["nbgrader"]
            repairs.append(f"dropped nbgrader metadata of an unknown cell ({str(grade_id)[:40]})")
            continue
        good = wanted[grade_id]
        if grade_id not in seen:
            repairs += _mend_fields(nbg, good["metadata"]["nbgrader"], grade_id)
        if cell.get("cell_type") != good["cell_type"]:
            repairs.append(f"{grade_id}: cell type {cell.get('cell_type')} restored to {good['cell_type']}")
            cell["cell_type"] = good["cell_type"]
            if good["cell_type"] == "code":
                cell.update(outputs=[], execution_count=None)
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
        seen.add(grade_id)
    for grade_id, good in wanted.items():
        if grade_id in seen or not good["metadata"]["nbgrader"].get("solution"):
            continue
        variable = grade_id.removesuffix("_answer") + "_answer"
        orphan = next((c for c in nb["cells"] if "nbgrader" not in c.get("metadata", {})
                       and c.get("cell_type") == good["cell_type"] and _answer_variable(c) == variable), None)
        if orphan is not None:
            orphan["metadata"]["nbgrader"] = json.loads(json.dumps(good["metadata"]["nbgrader"]))
            repairs.append(f"{grade_id}: answer cell found by its variable {variable} (metadata was lost)")
    return repairs


class ForgetDuplicates(NbGraderPreprocessor):
    """After nbgrader's DeduplicateIds: drop the nbgrader metadata it leaves without a
    grade id (nbgrader 0.9.6's OverwriteCells then fails with KeyError: 'grade_id')."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.get("metadata", {})
        if "nbgrader" in meta and "grade_id" not in meta["nbgrader"]:
            del meta["nbgrader"]
        return cell, resources


class RepairSubmission(NbGraderPreprocessor):
    """First sanitize step: refuse a notebook that is a link; mend metadata from the release."""

    def preprocess(self, nb, resources):
        from kamgrade.outside import _course_root

        info = resources["nbgrader"]
        course = _course_root(info["db_url"])
        submitted = course / "submitted" / info["student"] / info["assignment"] / f"{info['notebook']}.ipynb"
        for path in (submitted, submitted.parent, submitted.parent.parent):
            if os.path.islink(path):
                add_ungraded(resources, path.name, "the submission is a link, not a file")
                carry(course, info, resources["kamlab"])
                raise ValueError(f"{path} is a link: refused")
        release = course / "release" / info["assignment"] / f"{info['notebook']}.ipynb"
        if release.is_file():
            plain = json.loads(json.dumps(nb))
            repairs = repair_notebook(plain, json.loads(release.read_text(encoding="utf-8")))
            if repairs:
                nb = from_dict(plain)
                for repair in repairs:
                    add_finding(resources, "metadata", info["notebook"], repair)
        else:
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader")
                if isinstance(meta, dict) and meta.get("schema_version") != SCHEMA_VERSION:
                    meta["schema_version"] = SCHEMA_VERSION
                    add_finding(resources, "metadata", info["notebook"], "metadata schema_version repaired")
        return nb, resources

