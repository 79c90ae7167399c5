"""Language of labels in plots and widgets: English (``en``) or Chinese (``zh``).

The glossary lives in ``kamlib/data/glossary.yaml`` and is read on first use.

>>> from kamlib.i18n import label, set_language
>>> label("key_account")
'key account'
>>> label("key_account", "zh")
'大客户'
>>> label("key_account", "both")
'key account (大客户)'
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

__all__ = ["LANGUAGES", "get_language", "set_language", "using_language", "label"]

LANGUAGES = ("en", "zh")
_state = {"language": "en"}


def get_language() -> str:
    """The language labels are written in now: ``'en'`` or ``'zh'``."""
    return _state["language"]


def set_language(language: str) -> None:
    """Switch plot and widget labels to ``'en'`` or ``'zh'``.

    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'zh'; got 'fr'
    """
    if language not in LANGUAGES:
        accepted = ", ".join(repr(x) for x in LANGUAGES)
        raise ValueError(f"language must be one of {accepted}; got {language!r}")
    _state["language"] = language


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


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    """Every term the course labels, keyed by id, each with ``en`` and ``zh``."""
    from kamlib.data import load_glossary

    return load_glossary()


def label(key: str, language: str | None = None) -> str:
    """The label for ``key`` in ``language`` (default: the current one).

    ``language='both'`` gives ``'English (中文)'``, the course's style for a
    concept's first use.
    """
    terms = glossary()
    if key not in terms:
        raise KeyError(f"no glossary entry {key!r}; add it to kamlib/data/glossary.yaml")
    term = terms[key]
    language = language or get_language()
    if language == "both":
        return f"{term['en']} ({term['zh']})"
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of 'en', 'zh', 'both'; got {language!r}")
    return term[language]
