"""The one validation helper every loader uses, for CSV tables and YAML files alike:
every bad value is reported with the file, the line or entry, the column or key, and
what was expected.

A :class:`Parser` checks one value and says what it accepts (``expected``). CSV
tables declare a :class:`Column` per field and go through :func:`read_table`; YAML
records go through :func:`require_keys` (which keys), :func:`field` (one key's value),
:func:`items` (a list), :func:`identifier`, :func:`bilingual` and :func:`unique`.

>>> cols = [Column("id", text()), Column("volume_t", number(minimum=0))]
>>> import io
>>> read_table(io.StringIO("id,volume_t\\nKA01,12.5\\n"), cols, source="demo.csv")
[{'id': 'KA01', 'volume_t': 12.5}]
>>> read_table(io.StringIO("id,volume_t\\nKA01,lots\\n"), cols, source="demo.csv")
Traceback (most recent call last):
...
kamlib.data.schema.DataError: demo.csv, line 2, column 'volume_t': expected a number >= 0, got 'lots'
>>> field({"share": 1.5}, "share", number(0, 1), "maps.yaml, edge a → b")
Traceback (most recent call last):
...
kamlib.data.schema.DataError: maps.yaml, edge a → b, key 'share': expected a number from 0 to 1, got 1.5
>>> bilingual({"en": "Steel", "zh": "钢铁"}, "lubricant_industry.yaml, key 'name'").zh
'钢铁'
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from numbers import Real
from pathlib import Path
from typing import IO, Any

from kamlib.text import Text

_CJK = re.compile(r"[\u3400-\u9fff]")

__all__ = [
    "DataError",
    "NoSuchFile",
    "LINE",
    "data_path",
    "existing_file",
    "read_yaml",
    "at_line",
    "Parser",
    "Column",
    "read_table",
    "number",
    "integer",
    "text",
    "chinese",
    "boolean",
    "choice",
    "choices",
    "check",
    "field",
    "require_keys",
    "items",
    "identifier",
    "bilingual",
    "unique",
]

#: Key under which :func:`read_yaml` (``lines=True``) records each mapping's line.
LINE = "__line__"


class DataError(ValueError):
    """A data file does not hold what the course expects."""


class NoSuchFile(DataError, FileNotFoundError):
    """A data file that was asked for by path does not exist."""


# --- files ----------------------------------------------------------------------------------


def data_path(name: str) -> Path:
    """Where a data file of the course lives (``kamlib/data/<name>``)."""
    return Path(str(resources.files("kamlib.data").joinpath(name)))


def existing_file(path: object, what: str, name: str = "path") -> Path:
    """``path`` (str or Path) as a Path to a file that exists; a TypeError, or a
    :class:`NoSuchFile` naming the argument, otherwise."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"{name} must be the path of a {what} file (str or Path), got {type(path).__name__}")
    found = Path(path)
    try:
        exists = found.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL character
        exists = False
    if not exists:
        shown = str(path) if len(str(path)) <= 80 else str(path)[:77] + "..."
        raise NoSuchFile(f"{name}: no {what} file {shown!r}")
    return found


def safe_loader():
    """PyYAML's safe loader: libyaml's ``CSafeLoader`` where PyYAML was built with it
    (about ten times faster on the scenario files), else the pure-Python ``SafeLoader``.
    Both build the same values and both report the line of a syntax error."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path, lines: bool = False):
    """Parse a YAML file; a syntax error names the file and line.

    With ``lines=True`` every mapping records its line under :data:`LINE`, so errors
    can name it (:func:`at_line`); :func:`require_keys` ignores that key.
    """
    import yaml

    path = Path(path)
    loader = safe_loader()
    if lines:
        class LineLoader(loader):
            pass

        def mapping(loader, node, deep=False):
            value = loader.construct_mapping(node, deep=deep)
            value[LINE] = node.start_mark.line + 1
            return value

        LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
        loader = LineLoader
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=loader)  # noqa: S506 - a SafeLoader (or subclass)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise DataError(f"{path.name}{where}: not valid YAML ({err})") from None


def at_line(source: str, record: Any) -> str:
    """``'file, line N'`` for a record read with ``lines=True`` (``'file, line ?'`` otherwise)."""
    line = record.get(LINE, "?") if isinstance(record, Mapping) else "?"
    return f"{source}, line {line}"


# --- parsers: one value, and what it accepts -----------------------------------------------


@dataclass(frozen=True)
class Parser:
    """Turns a raw value into a checked one; ``expected`` says what it accepts.

    ``parse`` raises ValueError or TypeError on a bad value. A CSV cell arrives as
    text; a YAML value arrives already typed (a number, a list, ...).
    """

    parse: Callable[[Any], Any]
    expected: str

    def __call__(self, raw: Any) -> Any:
        return self.parse(raw)


@dataclass(frozen=True)
class Column:
    name: str
    parser: Parser


def _bounds(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return f" >= {minimum:g}"
    if maximum is not None:
        return f" <= {maximum:g}"
    return ""


def number(minimum: float | None = None, maximum: float | None = None, unit: str | None = None) -> Parser:
    """A number, optionally within ``[minimum, maximum]``; text (a CSV cell) is
    converted to a float, a YAML number is kept as it is."""
    expected = "a number" + _bounds(minimum, maximum) + (f" ({unit})" if unit else "")

    def parse(raw: Any) -> float:
        if isinstance(raw, str):
            value = float(raw)  # ValueError on junk
        elif isinstance(raw, Real) and not isinstance(raw, bool):
            value = raw
        else:
            raise TypeError(raw)
        if math.isnan(value) or (minimum is not None and value < minimum) or (
            maximum is not None and value > maximum
        ):
            raise ValueError(raw)
        return value

    return Parser(parse, expected)


def integer(minimum: int | None = None, maximum: int | None = None) -> Parser:
    """A whole number, optionally within ``[minimum, maximum]``."""
    expected = "a whole number" + _bounds(minimum, maximum)
    inner = number(minimum, maximum)

    def parse(raw: Any) -> int:
        if isinstance(raw, str):
            if not raw.strip().lstrip("-").isdigit():
                raise ValueError(raw)
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(raw)
        return int(inner(raw))

    return Parser(parse, expected)


def text(nonempty: bool = True) -> Parser:
    """Text (stripped); empty only when ``nonempty`` is False."""

    def parse(raw: Any) -> str:
        if not isinstance(raw, str):
            raise TypeError(raw)
        value = raw.strip()
        if nonempty and not value:
            raise ValueError(raw)
        return value

    return Parser(parse, "non-empty text" if nonempty else "text")


def chinese() -> Parser:
    """Text (stripped) with at least one Chinese character: a translation, not a copy."""

    def parse(raw: Any) -> str:
        value = text().parse(raw)
        if not _CJK.search(value):
            raise ValueError(raw)
        return value

    return Parser(parse, "Chinese text")


def boolean() -> Parser:
    """``true`` or ``false`` (a YAML boolean)."""

    def parse(raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise TypeError(raw)
        return raw

    return Parser(parse, "true or false")


def choice(options: Iterable[str], expected: str | None = None) -> Parser:
    """One of ``options``; ``expected`` overrides how they are listed in messages."""
    allowed = tuple(options)

    def parse(raw: Any) -> str:
        value = raw.strip() if isinstance(raw, str) else raw
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(raw)
        return value

    return Parser(parse, expected or "one of " + ", ".join(allowed))


def optional(parser: Parser) -> Parser:
    """``parser``'s value, or None for an empty CSV cell (or a YAML null)."""

    def parse(raw: Any) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        return parser(raw)

    return Parser(parse, f"{parser.expected}, or empty")


def choices(options: Iterable[str], sep: str = ";") -> Parser:
    """One or more of ``options``, separated by ``sep``; a tuple."""
    allowed = tuple(options)

    def parse(raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, str):
            raise TypeError(raw)
        values = tuple(v.strip() for v in raw.split(sep) if v.strip())
        if not values or any(v not in allowed for v in values):
            raise ValueError(raw)
        return values

    return Parser(parse, f"one or more of {', '.join(allowed)} separated by '{sep}'")


# --- CSV tables -----------------------------------------------------------------------------


def read_table(
    stream: IO[str], columns: Iterable[Column], source: str, unique_columns: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Read CSV rows from ``stream``, parsing each column; ``source`` names the
    file in error messages. Unknown or missing columns are errors too, and so is a value
    repeated in one of ``unique_columns`` (an id). A line that starts with ``#`` is a comment
    (a file's notes above its header, or a section's heading); blank lines are skipped."""
    columns = list(columns)
    lines = ["\n" if line.startswith("#") else line for line in stream.read().splitlines(keepends=True)]
    skipped = next((i for i, line in enumerate(lines) if line.strip()), len(lines))  # notes above the header
    reader = csv.DictReader(lines[skipped:])
    header = reader.fieldnames or []
    wanted = [c.name for c in columns]
    missing = [name for name in wanted if name not in header]
    unknown = [name for name in header if name not in wanted]
    if missing or unknown:
        raise DataError(
            f"{source}, line {skipped + 1}: header must be {','.join(wanted)}; "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}"
        )
    rows: list[dict[str, Any]] = []
    seen: dict[str, set] = {}
    for row in reader:
        line = reader.line_num + skipped
        parsed = {}
        for column in columns:
            raw = row.get(column.name)
            if raw is None:
                raise DataError(f"{source}, line {line}: too few fields (no {column.name!r})")
            parsed[column.name] = check(raw, column.parser, f"{source}, line {line}, column {column.name!r}")
        for name in unique_columns:
            unique(parsed[name], seen.setdefault(name, set()), f"{source}, line {line}, column {name!r}", name)
        rows.append(parsed)
    return rows


# --- YAML records ---------------------------------------------------------------------------


def check(value: Any, parser: Parser, where: str) -> Any:
    """``parser(value)``, or a DataError ``'<where>: expected <what>, got <value>'``."""
    try:
        return parser(value)
    except (ValueError, TypeError):
        raise DataError(f"{where}: expected {parser.expected}, got {value!r}") from None


def field(record: Mapping, key: str, parser: Parser, where: str, optional: bool = False) -> Any:
    """The value of ``record[key]`` checked by ``parser``; None when ``optional`` and absent."""
    value = record.get(key)
    if value is None and optional:
        return None
    return check(value, parser, f"{where}, key {key!r}")


def require_keys(
    record: Any, keys: Iterable[str], where: str, optional: Iterable[str] = ()
) -> Mapping[str, Any]:
    """Check that a YAML record is a mapping with exactly ``keys`` (plus any of
    ``optional``); ``where`` says which record it is, for the message."""
    if not isinstance(record, Mapping):
        raise DataError(f"{where}: expected a mapping, got {type(record).__name__}")
    keys, optional = set(keys), set(optional)
    present = set(record) - {LINE}
    missing = sorted(keys - present)
    unknown = sorted(present - keys - optional, key=str)
    if missing or unknown:
        raise DataError(f"{where}: missing keys {missing or 'none'}, unknown keys {unknown or 'none'}")
    return record


def items(value: Any, where: str, what: str | None = None, nonempty: bool = True) -> list:
    """``value`` as a list; absent (None) is an empty list when ``nonempty`` is False."""
    if value is None and not nonempty:
        return []
    if not isinstance(value, list) or (nonempty and not value):
        kind = f"{'non-empty ' if nonempty else ''}list" + (f" of {what}" if what else "")
        got = type(value).__name__ if isinstance(value, Mapping) else repr(value)
        raise DataError(f"{where}: expected a {kind}, got {got}")
    return value


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def identifier(value: Any, where: str) -> str:
    """A short id in lower_snake_case (``cut_grease``)."""
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise DataError(f"{where}: expected a short id in lower_snake_case, got {value!r}")
    return value


def bilingual(value: Any, where: str, zh_required: bool = True, plain: bool = False) -> Text:
    """A :class:`~kamlib.text.Text` from ``{en: ..., zh: ...}``.

    ``zh_required=False`` lets ``zh`` be left out (English is shown instead);
    ``plain=True`` also accepts plain text, as English only.
    """
    if plain and isinstance(value, str) and value.strip():
        if zh_required:
            raise DataError(f"{where}: expected {{en: text, zh: text}}, got {value!r}")
        return Text(value.strip())
    wanted = "{en: text, zh: text}" + ("" if zh_required else " (zh optional)")
    if plain:
        wanted = f"text or {wanted}"
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: expected {wanted}, got {value!r}")
    present = set(value) - {LINE}
    en, zh = value.get("en"), value.get("zh")
    good = (
        present <= {"en", "zh"}
        and isinstance(en, str) and en.strip()
        and (isinstance(zh, str) and zh.strip() or (zh is None and not zh_required and "zh" not in present))
    )
    if not good:
        shown = {k: v for k, v in value.items() if k != LINE}
        raise DataError(f"{where}: expected {wanted}, got {shown!r}")
    return Text(en.strip(), zh.strip() if zh else None)


def unique(value: Any, seen: set, where: str, what: str = "id") -> Any:
    """``value``, added to ``seen``; a DataError when it was seen before."""
    if value in seen:
        raise DataError(f"{where}: duplicate {what} {value!r}")
    seen.add(value)
    return value
