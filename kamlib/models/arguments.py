"""Checking arguments at kamlib's public boundary, one message style for every layer.

Each check returns the value (maybe normalised: a list for an iterable) or raises a
TypeError (wrong kind of thing) or ValueError (right kind, wrong value) whose message
starts with the argument's name and says what is accepted, in words a trainee
understands. Values are shown shortened, so a 5,000-character string stays readable.

>>> whole_number(0, "top", minimum=1)
Traceback (most recent call last):
...
ValueError: top must be a whole number >= 1, got 0
>>> number("ten", "tolerance", minimum=0)
Traceback (most recent call last):
...
TypeError: tolerance must be a number >= 0, got 'ten'
>>> items({"KA01": 1}, "highlight", "a list of account ids")
Traceback (most recent call last):
...
TypeError: highlight must be a list of account ids, got dict
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from numbers import Real

__all__ = []  # shared helpers: no top-level names


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, shortened to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _range(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return f" >= {minimum:g}"
    if maximum is not None:
        return f" <= {maximum:g}"
    return ""


def number(value: object, name: str, minimum: float | None = None, maximum: float | None = None,
           optional: bool = False, unit: str | None = None, finite: bool = True) -> float | None:
    """A real number (not a bool, not NaN, finite unless ``finite`` is False) within
    ``[minimum, maximum]``; None passes when ``optional``."""
    if value is None and optional:
        return None
    what = "a number" + _range(minimum, maximum) + (f" ({unit})" if unit else "") + (" or None" if optional else "")
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be {what}, got {shown(value)}")
    if math.isnan(value) or (finite and math.isinf(value)) or (minimum is not None and value < minimum) or (
            maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {what}, got {shown(value)}")
    return value


def whole_number(value: object, name: str, minimum: int | None = None, maximum: int | None = None,
                 optional: bool = False) -> int | None:
    """A whole number (an int, not a bool) within ``[minimum, maximum]``; None passes when ``optional``."""
    if value is None and optional:
        return None
    what = "a whole number" + _range(minimum, maximum) + (" or None" if optional else "")
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be {what}, got {shown(value)}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {what}, got {shown(value)}")
    return value


def flag(value: object, name: str) -> bool:
    """True or False."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {shown(value)}")
    return value


def text(value: object, name: str, what: str = "text", nonempty: bool = True, optional: bool = False) -> str | None:
    """A str, not blank when ``nonempty``; None passes when ``optional``."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what} (a str), got {type(value).__name__}")
    if nonempty and not value.strip():
        raise ValueError(f"{name} must be non-empty {what}, got {shown(value)}")
    return value


def one_of(value: object, name: str, options: Iterable) -> object:
    """One of ``options`` (compared by equality; an unhashable value is simply not one)."""
    options = tuple(options)
    if not any(value is o or (type(value) is type(o) and value == o) for o in options):
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {shown(value)}")
    return value


def items(value: object, name: str, what: str = "a list") -> list:
    """Any iterable except text, bytes, a mapping or None, as a list."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    return list(value)


def mapping(value: object, name: str, what: str = "a dict") -> Mapping:
    """A dict (any mapping)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    return value


def instances(value: object, name: str, cls: type, what: str, nonempty: bool = False) -> list:
    """An iterable of ``cls`` objects (``what`` names it for the message), as a list."""
    found = items(value, name, f"a list of {what}")
    if nonempty and not found:
        raise ValueError(f"{name} must not be empty (a list of {what})")
    for item in found:
        if not isinstance(item, cls):
            raise TypeError(f"{name} must hold {what}, got {type(item).__name__}")
    return found


def texts(value: object, name: str, what: str = "a list of text") -> list[str]:
    """An iterable of str (``what`` names it for the message), as a list."""
    found = items(value, name, what)
    for item in found:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be {what}, got an item {shown(item)}")
    return found
