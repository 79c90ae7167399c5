"""One bilingual text type for the whole course: :class:`Text`.

Part of kamlib's core (with :mod:`kamlib.i18n`): it imports nothing else from kamlib.
Every text a trainee reads in English or Chinese (a glossary term, a scenario's
line, a map's title, a module's objectives) is a ``Text``; ``str(text)`` is the
text in the current language (:func:`kamlib.set_language`).

>>> from kamlib.i18n import using_language
>>> title = Text("Product channel maps", "产品通路图")
>>> str(title)
'Product channel maps'
>>> with using_language("zh"):
...     print(title)
产品通路图
>>> title.both
'Product channel maps (产品通路图)'
>>> Text.term("key_account").zh
'大客户'
>>> Text("Mm-hm. Go on.").get("zh")  # no Chinese written: English is shown
'Mm-hm. Go on.'
"""

from __future__ import annotations

from dataclasses import dataclass

from kamlib.i18n import check_language, get_language, glossary, label

__all__ = ["Text", "TextItem"]


@dataclass(frozen=True)
class Text:
    """A text in English and Chinese.

    ``zh`` may be None where no translation is written yet (an instructor's own
    scenario, say); the Chinese edition then shows the English.
    """

    en: str
    zh: str | None = None

    def __post_init__(self):
        _check_part("en", self.en)
        if self.zh is not None:
            _check_part("zh", self.zh)

    @classmethod
    def term(cls, key: str) -> Text:
        """The glossary's term ``key`` (``kamlib/data/glossary.yaml``)."""
        label(key, "en")  # checks key, naming it when unknown
        entry = glossary()[key]
        return cls(entry["en"], entry["zh"])

    def get(self, language: str | None = None) -> str:
        """The text in ``language`` (default: the current one); 'zh' falls back to English."""
        language = get_language() if language is None else check_language(language)
        return self.zh if language == "zh" and self.zh else self.en

    def format(self, **values) -> Text:
        """Both languages with ``{name}`` fields filled in."""
        return Text(self.en.format(**values), None if self.zh is None else self.zh.format(**values))

    @property
    def both(self) -> str:
        """``'English (中文)'``, the course's style for a term's first use."""
        return f"{self.en} ({self.zh})" if self.zh else self.en

    def __str__(self) -> str:
        return self.get()


def _check_part(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str), got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must be non-empty text, got {value!r}")


@dataclass(frozen=True)
class TextItem:
    """A piece of course text with an id: an account situation, a party, a buyer's quote.
    Exercises draw their items from pools of these; the id says nothing about the answer."""

    id: str
    text: Text

    def __str__(self) -> str:
        return f"{self.id}: {self.text}"
