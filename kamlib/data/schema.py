"""Validation for the course's data files: every bad value is reported with
the file, the line, the column and what was expected.

>>> cols = [Column("id", text()), Column("volume_t", number(minimum=0))]
>>> import io
>>> read_table(io.StringIO("id,volume_t\\nKA01,12.5\\n"), cols, source="demo.csv")
[{'id': 'KA01', 'volume_t': 12.5}]
>>> read_table(io.StringIO("id,volume_t\\nKA01,lots\\n"), cols, source="demo.csv")
Traceback (most recent call last):
...
kamlib.data.schema.DataError: demo.csv, line 2, column 'volume_t': expected a number >= 0, got 'lots'
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

__all__ = [
    "DataError",
    "Column",
    "read_table",
    "number",
    "integer",
    "text",
    "choice",
    "choices",
    "require_keys",
]


class DataError(ValueError):
    """A data file does not hold what the course expects."""


@dataclass(frozen=True)
class Parser:
    """Turns a raw cell into a value; ``expected`` says what it accepts."""

    parse: Callable[[str], Any]
    expected: str

    def __call__(self, raw: str) -> Any:
        return self.parse(raw)


@dataclass(frozen=True)
class Column:
    name: str
    parser: Parser


def number(minimum: float | None = None, maximum: float | None = None) -> Parser:
    """A decimal number, optionally within ``[minimum, maximum]``."""
    bounds = []
    if minimum is not None:
        bounds.append(f">= {minimum:g}")
    if maximum is not None:
        bounds.append(f"<= {maximum:g}")
    expected = "a number" + (" " + " and ".join(bounds) if bounds else "")

    def parse(raw: str) -> float:
        value = float(raw)  # ValueError on junk
        if value != value or (minimum is not None and value < minimum) or (
            maximum is not None and value > maximum
        ):
            raise ValueError(raw)
        return value

    return Parser(parse, expected)


def integer(minimum: int | None = None, maximum: int | None = None) -> Parser:
    """A whole number, optionally within ``[minimum, maximum]``."""
    inner = number(minimum, maximum)
    expected = inner.expected.replace("a number", "a whole number")

    def parse(raw: str) -> int:
        if not raw.strip().lstrip("-").isdigit():
            raise ValueError(raw)
        return int(inner(raw))

    return Parser(parse, expected)


def text(nonempty: bool = True) -> Parser:
    """Free text (stripped); empty only when ``nonempty`` is False."""

    def parse(raw: str) -> str:
        value = raw.strip()
        if nonempty and not value:
            raise ValueError(raw)
        return value

    return Parser(parse, "non-empty text" if nonempty else "text")


def choice(options: Iterable[str]) -> Parser:
    """One of ``options``."""
    allowed = tuple(options)

    def parse(raw: str) -> str:
        value = raw.strip()
        if value not in allowed:
            raise ValueError(raw)
        return value

    return Parser(parse, "one of " + ", ".join(allowed))


def choices(options: Iterable[str], sep: str = ";") -> Parser:
    """One or more of ``options``, separated by ``sep``; a tuple."""
    allowed = tuple(options)

    def parse(raw: str) -> tuple[str, ...]:
        values = tuple(v.strip() for v in raw.split(sep) if v.strip())
        if not values or any(v not in allowed for v in values):
            raise ValueError(raw)
        return values

    return Parser(parse, f"one or more of {', '.join(allowed)} separated by '{sep}'")


def read_table(
    stream: IO[str], columns: Iterable[Column], source: str
) -> list[dict[str, Any]]:
    """Read CSV rows from ``stream``, parsing each column; ``source`` names the
    file in error messages. Unknown or missing columns are errors too."""
    columns = list(columns)
    reader = csv.DictReader(stream)
    header = reader.fieldnames or []
    wanted = [c.name for c in columns]
    missing = [name for name in wanted if name not in header]
    unknown = [name for name in header if name not in wanted]
    if missing or unknown:
        raise DataError(
            f"{source}, line 1: header must be {','.join(wanted)}; "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}"
        )
    rows = []
    for row in reader:
        line = reader.line_num
        parsed = {}
        for column in columns:
            raw = row.get(column.name)
            if raw is None:
                raise DataError(f"{source}, line {line}: too few fields (no {column.name!r})")
            try:
                parsed[column.name] = column.parser(raw)
            except (ValueError, TypeError):
                raise DataError(
                    f"{source}, line {line}, column {column.name!r}: "
                    f"expected {column.parser.expected}, got {raw!r}"
                ) from None
        rows.append(parsed)
    return rows


def require_keys(
    record: Any, keys: Iterable[str], where: str, optional: Iterable[str] = ()
) -> Mapping[str, Any]:
    """Check that a YAML record is a mapping with exactly ``keys`` (plus any of
    ``optional``); ``where`` says which record it is, for the message."""
    if not isinstance(record, Mapping):
        raise DataError(f"{where}: expected a mapping, got {type(record).__name__}")
    keys, optional = set(keys), set(optional)
    missing = sorted(keys - set(record))
    unknown = sorted(set(record) - keys - optional)
    if missing or unknown:
        raise DataError(f"{where}: missing keys {missing or 'none'}, unknown keys {unknown or 'none'}")
    return record
