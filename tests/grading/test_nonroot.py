"""A grader who is not root grades a whole class: ``python -m kamgrade autograde`` run as a
fresh system user (made and removed by this test), on a course that user owns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.grading.course import ROOT, Course, replace_answer
from tests.grading.test_hostile import wrong_q1

pytestmark = pytest.mark.slow

ASSIGNMENT = "ex02_key_accounts"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _readable_by_others(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o005 == 0o005 for p in [path, *path.parents])


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "needs root to create a test user"
    if not shutil.which("useradd") or not shutil.which("runuser"):
        return "useradd/runuser missing"
    if not SYSTEM_PYTHON.exists():
        return "no system python3 for the test user"
    if not _readable_by_others(ROOT) or not _readable_by_others(Path(sys.prefix)):
        return "the repository or its .venv is not readable by other users here"
    return None


@pytest.fixture
def grader_user():
    name = f"kamgrader{uuid.uuid4().hex[:6]}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False)


@pytest.fixture
def shared_tmp():
    """A temporary folder other users can reach (pytest's own is private to root)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="kamlab-nonroot-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(_why_not() is not None, reason=str(_why_not()))
def test_a_grader_who_is_not_root_grades_the_class(shared_tmp, grader_user):
    tmp_path = shared_tmp
    (tmp_path / "course").mkdir()
    course = Course(tmp_path / "course", ASSIGNMENT)
    solution, release = course.solution_notebook(), course.release_notebook()
    course.submit("amy", solution)
    course.submit("bo", release)
    course.submit("cy", replace_answer(solution, "q1_answer", wrong_q1("cy")))
    (course.folder("eve") / f"{ASSIGNMENT}.ipynb").symlink_to(course.path / "gradebook.db")
    shutil.chown(tmp_path, grader_user)
    for path in [course.path, *course.path.rglob("*")]:
        os.chown(path, *(_ids(grader_user)), follow_symlinks=False)
    site = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": f"{ROOT}{os.pathsep}{site}",
           "LANG": "C.UTF-8"}
    done = subprocess.run([shutil.which("runuser"), "-u", grader_user, "--", str(SYSTEM_PYTHON), "-m", "kamgrade", "autograde",
                           ASSIGNMENT, "--course", str(course.path), "--", "--Execute.timeout=30"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 3, done.stdout[-3000:] + done.stderr[-3000:]  # eve is ungraded, said so
    assert {s: course.scores(s)["auto"] for s in ("amy", "bo", "cy")} == {"amy": 12, "bo": 0, "cy": 9}
    assert course.review("eve")["status"] == "ungraded"
    assert (course.path / "gradebook.db").stat().st_uid == _ids(grader_user)[0]


def _ids(user: str) -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid
