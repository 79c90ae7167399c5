"""``make bundle``: what a class trainee receives holds lectures (both editions when there
are two), the released exercises and a kamlib wheel; and no source/, solutions/, keys/, no
hidden test, no reference answer, no kamgrade. Checked here independently of the bundle's
own guard, which is shown to refuse a bundle with instructor material planted in it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.hub.conftest import ROOT


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "kamlab-trainee"
    done = subprocess.run([sys.executable, "-m", "tools.bundle", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def every_text(bundle: Path):
    """(name, text) of every file, and of every member of the wheel."""
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        name = path.relative_to(bundle).as_posix()
        yield name, path.read_bytes().decode("utf-8", "replace")
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    yield f"{name}!{member}", wheel.read(member).decode("utf-8", "replace")


def solution_blocks() -> list[str]:
    """The contents of every solution cell of the source notebooks, between nbgrader's markers."""
    blocks = []
    for notebook in (ROOT / "exercises" / "source").glob("*/*.ipynb"):
        for cell in json.loads(notebook.read_text())["cells"]:
            text = "".join(cell["source"])
            blocks += re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", text, re.DOTALL)
    return [b.strip() for b in blocks if b.strip()]


def test_what_a_trainee_gets(bundle):
    lectures = sorted(p.relative_to(ROOT / "course").as_posix() for p in (ROOT / "course").rglob("*.ipynb")
                      if "bilingual" not in p.parts and ".ipynb_checkpoints" not in p.parts)
    got = sorted(p.relative_to(bundle / "course").as_posix() for p in (bundle / "course").rglob("*.ipynb"))
    assert got == lectures
    released = sorted(p.name for p in (ROOT / "exercises" / "release").iterdir() if p.is_dir())
    assert sorted(p.name for p in (bundle / "exercises").iterdir()) == released
    (wheel,) = (bundle / "wheels").glob("kamlib-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "kamlib/checks/ex02_key_accounts.py" in names and "kamlib/data/key_accounts.csv" in names


def secret_lines(blocks: list[str]) -> list[str]:
    """The long lines of solution blocks that no lecture or released notebook shows anyway."""
    public = "\n\f".join(_public_texts())
    lines = {ln.strip() for block in blocks for ln in block.splitlines() if len(ln.strip()) >= 40}
    return sorted(line for line in lines if line not in public)


def test_no_instructor_material(bundle):
    blocks = solution_blocks()
    assert len(blocks) >= 10  # the greps below grep for something
    secrets = secret_lines(blocks)
    solution = (ROOT / "solutions" / "ex02_key_accounts" / "ex02_key_accounts.ipynb").read_text()
    decoded_solution = "\n".join("".join(c["source"]) for c in json.loads(solution)["cells"])
    assert any(line in decoded_solution for line in secrets)  # the grep below finds a solution
    for name, text in every_text(bundle):
        parts = re.split(r"[/!]", name)
        for folder in ("source", "solutions", "keys", "kamgrade", "bilingual"):
            assert folder not in parts[:-1], name
        assert "BEGIN HIDDEN TESTS" not in text, name
        assert "BEGIN SOLUTION" not in text, name
        assert not name.endswith(".whl!kamlib-0.1.0.dist-info/top_level.txt") or text.split() == ["kamlib"]
        if name.endswith(".ipynb") or "!" in name:  # whole blocks: code is stored JSON-escaped in notebooks
            decoded = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"]) if name.endswith(".ipynb") else text
            for block in blocks:
                assert block not in decoded, (name, block[:80])
            for line in secrets:
                assert line not in decoded, (name, line)


_PUBLIC: list[str] = []


def _public_texts() -> list[str]:
    """What is public anyway: the lectures and the release (a line taught there is no secret)."""
    if not _PUBLIC:
        for notebook in [*(ROOT / "course").rglob("*.ipynb"), *(ROOT / "exercises" / "release").rglob("*.ipynb")]:
            _PUBLIC.append("\n".join("".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]))
    return _PUBLIC


def test_kamlib_from_the_wheel_works_without_the_repository(bundle, tmp_path):
    """Installed from the wheel alone (PYTHONPATH, no site: nothing of the repository on the
    path), kamlib gives a trainee's variant and self-check; kamgrade and the keys are absent."""
    site = tmp_path / "site"
    (wheel,) = (bundle / "wheels").glob("kamlib-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, timeout=120)
    import sysconfig

    venv_site = sysconfig.get_paths()["purelib"]
    code = ("import importlib.util, kamlib\n"
            "from kamlib.checks.ex02_key_accounts import variant\n"
            "from kamlib.checks.framework import _local_key\n"
            "print(kamlib.__file__); print(variant('amy').trainee)\n"
            "print(importlib.util.find_spec('kamgrade'), _local_key('ex02_key_accounts'))\n")
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": f"{site}:{venv_site}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    path, trainee, absent = done.stdout.splitlines()
    assert path.startswith(str(site)) and trainee == "amy" and absent == "None None", done.stdout


def test_the_guard_refuses_planted_material(bundle, tmp_path):
    from tools.bundle import problems

    planted = tmp_path / "planted"
    shutil.copytree(bundle, planted)
    assert problems(planted) == []
    shutil.copy2(ROOT / "solutions" / "ex02_key_accounts" / "ex02_key_accounts.ipynb",
                 planted / "exercises" / "ex02_key_accounts" / "answers.ipynb")
    found = problems(planted)
    assert any("BEGIN SOLUTION" in f or "reference answer" in f for f in found), found
