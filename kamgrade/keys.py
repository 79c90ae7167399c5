"""Where the grader's knowledge lives: keys, the course secret, trainees' variants.

* An exercise's key is ``<course>/keys/<exercise>.py`` (instructor-side, next to
  ``source/``; never released, hidden from the grading kernel). The zh edition of
  an exercise (``ex02_key_accounts_zh``) uses the same key.
* The course secret is ``<course>/.kamlab_secret``: random bytes made on first use,
  readable by the instructor only. Keys use it for what a trainee must not predict
  (e.g. the unseen buyer a call script is replayed against).
* A trainee's variant is computed by the installed kamlib from the student id that
  nbgrader knows, never from what the kernel says.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import secrets
from functools import cache
from pathlib import Path

__all__ = ["exercise_of", "load_key", "course_secret", "variant_of", "question_of"]

EDITION_SUFFIXES = ("_zh",)


def exercise_of(assignment: str) -> str:
    """The exercise an assignment is an edition of.

    >>> exercise_of("ex02_key_accounts_zh")
    'ex02_key_accounts'
    """
    for suffix in EDITION_SUFFIXES:
        if assignment.endswith(suffix):
            return assignment[: -len(suffix)]
    return assignment


@cache
def load_key(course: str | Path, exercise: str):
    """The ``Key`` of ``exercise`` from ``<course>/keys/<exercise>.py``."""
    path = Path(course) / "keys" / f"{exercise}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no key for {exercise}: {path} is missing")
    spec = importlib.util.spec_from_file_location(f"kamgrade_key_{exercise}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    key = getattr(module, "KEY", None)
    if key is None:
        raise ValueError(f"{path} defines no KEY")
    return key


def course_secret(course: str | Path) -> bytes:
    """The course's secret (made on first use, mode 0600)."""
    path = Path(course) / ".kamlab_secret"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd) as stream:
        return stream.read().strip().encode()


def _checks(exercise: str):
    return importlib.import_module(f"kamlib.checks.{exercise}")


def question_of(exercise: str, question: str):
    """The question's declaration (its form re-checks the answer outside the kernel)."""
    return getattr(_checks(exercise), question)


def variant_of(exercise: str, student: str):
    """The variant ``student`` was given, computed here from the installed kamlib."""
    return _checks(exercise).variant(student)
