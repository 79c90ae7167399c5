"""Language of labels in plots and widgets: English (``en``) or Chinese (``zh``).

Part of kamlib's core (with :mod:`kamlib.text`): it imports nothing else from kamlib.
The glossary lives in ``kamlib/data/glossary.yaml`` and is read here, on first use.

>>> from kamlib.i18n import label, set_language
>>> label("key_account")
'key account'
>>> label("key_account", "zh")
'大客户'
>>> label("key_account", "both")
'key account (大客户)'
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

__all__ = ["LANGUAGES", "get_language", "set_language", "using_language", "label"]

LANGUAGES = ("en", "zh")
GLOSSARY_FILE = Path(__file__).resolve().parent / "data" / "glossary.yaml"
# the language a fresh kernel starts in: KAMLAB_LANGUAGE (make lab-zh sets it), else English
_state = {"language": os.environ.get("KAMLAB_LANGUAGE", "en") if os.environ.get("KAMLAB_LANGUAGE") in LANGUAGES
          else "en"}


def get_language() -> str:
    """The language labels are written in now: ``'en'`` or ``'zh'``."""
    return _state["language"]


def check_language(language: object, name: str = "language", both: bool = False) -> str:
    """``language`` itself when it is ``'en'`` or ``'zh'`` (or ``'both'`` when allowed)."""
    accepted = LANGUAGES + (("both",) if both else ())
    if not isinstance(language, str) or language not in accepted:
        listed = ", ".join(repr(x) for x in accepted)
        raise ValueError(f"{name} must be one of {listed}; got {language!r}")
    return language


def set_language(language: str) -> None:
    """Switch plot and widget labels to ``'en'`` or ``'zh'``.

    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'zh'; got 'fr'
    """
    _state["language"] = check_language(language)


@contextmanager
def using_language(language: str):
    """Labels in ``language`` inside the ``with`` block only.

    >>> with using_language("zh"):
    ...     label("shortlist")
    '入选名单'
    >>> get_language()
    'en'
    """
    before = get_language()
    set_language(language)
    try:
        yield
    finally:
        _state["language"] = before


def glossary_files() -> list[Path]:
    """The shared glossary, then one per topic (``<stem>_glossary.yaml``), so a module's
    terms live beside its other data."""
    return [GLOSSARY_FILE, *sorted(GLOSSARY_FILE.parent.glob("*_glossary.yaml"))]


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    """Every term the course labels, keyed by id, each with ``en`` and ``zh`` (and
    ``synonym_of``, where a term is another name for one already there).

    Read with PyYAML directly (the core imports nothing from :mod:`kamlib.data`);
    :func:`kamlib.data.course.load_glossary` validates the same files in full.
    """
    import yaml

    terms: dict[str, dict[str, str]] = {}
    for path in glossary_files():
        with path.open(encoding="utf-8") as stream:
            # libyaml's loader where PyYAML has it (the pure-Python one is ~10x slower)
            raw = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506
        if not isinstance(raw, dict):
            raise ValueError(f"{path.name}: expected a mapping of term id -> {{en, zh}}")
        for key, term in raw.items():
            if not (isinstance(term, dict) and isinstance(term.get("en"), str) and isinstance(term.get("zh"), str)):
                raise ValueError(f"{path.name}, term {key!r}: expected {{en: text, zh: text}}, got {term!r}")
            if key in terms:
                raise ValueError(f"{path.name}, term {key!r}: already in another glossary file")
            terms[key] = term
    return terms


def label(key: str, language: str | None = None) -> str:
    """The label for ``key`` in ``language`` (default: the current one).

    ``language='both'`` gives ``'English (中文)'``, the course's style for a
    concept's first use.

    >>> label("nope")
    Traceback (most recent call last):
    ...
    ValueError: key must be a glossary id; no glossary entry 'nope' (add it to kamlib/data/glossary.yaml)
    """
    if not isinstance(key, str):
        raise TypeError(f"key must be a glossary id (text), got {type(key).__name__}")
    language = get_language() if language is None else check_language(language, both=True)
    terms = glossary()
    if key not in terms:
        shown = key if len(key) <= 60 else key[:57] + "..."
        raise ValueError(f"key must be a glossary id; no glossary entry {shown!r} "
                         "(add it to kamlib/data/glossary.yaml)")
    term = terms[key]
    if language == "both":
        return f"{term['en']} ({term['zh']})"
    return term[language]
