"""A small table for a notebook to show: :func:`table`.

Part of kamlib's core. A lecture shows a dozen rows at a time (the stages, a PEST list,
the routes with the most volume); building a pandas DataFrame for them would make every
lecture import pandas, about 0.4 s of a kernel's time before the first cell's content
(benchmarks/README.md). :func:`table` shows the same rows as an HTML table in Jupyter and
as aligned columns in a console. For analysis (grouping, joining, sorting a portfolio) use
pandas: :func:`kamlib.accounts_frame` gives the running case as a DataFrame.

>>> t = table([{"stage": "pre-KAM", "accounts": 7}, {"stage": "early-KAM", "accounts": 19}])
>>> t
stage      accounts
pre-KAM           7
early-KAM        19
>>> t.columns, t.rows[1]
(('stage', 'accounts'), ('early-KAM', '19'))
>>> print(table({"rail": 1234.5, "steel": 1810}, columns=("sector", "t/yr")))
sector   t/yr
rail  1,234.5
steel   1,810
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["table"]


@dataclass(frozen=True)
class Table:
    """Rows of cells already written as text, under ``columns``; ``numeric`` says which
    columns hold numbers (aligned right, as a spreadsheet does)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]

    def _repr_html_(self) -> str:
        def cell(tag: str, value: str, right: bool) -> str:
            style = ' style="text-align: right"' if right else ' style="text-align: left"'
            return f"<{tag}{style}>{html.escape(value)}</{tag}>"

        head = "".join(cell("th", c, n) for c, n in zip(self.columns, self.numeric, strict=True))
        body = "".join("<tr>" + "".join(cell("td", v, n) for v, n in zip(row, self.numeric, strict=True)) + "</tr>"
                       for row in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self) -> str:
        lines = [self.columns, *self.rows]
        widths = [max(_width(line[i]) for line in lines) for i in range(len(self.columns))]

        def pad(value: str, width: int, right: bool) -> str:
            space = " " * (width - _width(value))
            return space + value if right else value + space

        return "\n".join("  ".join(pad(v, w, n) for v, w, n in zip(line, widths, self.numeric, strict=True)).rstrip()
                         for line in lines)


def table(rows: Iterable[Mapping] | Mapping, columns: Sequence[str] | None = None) -> Table:
    """The rows as a :class:`Table`, which Jupyter shows as an HTML table.

    Parameters
    ----------
    rows : list of dict, or dict
        One dict per row, its keys the column names (the columns come in the order the
        keys are first seen; a row without a key leaves that cell empty). A single dict
        ``{key: value}`` is a two-column table, one row per key.
    columns : list of str, optional
        The column names to show, in order: a subset of the rows' keys, or for a single
        dict the two headings (key, value).

    Cells are shown as text: a bilingual :class:`kamlib.Text` in the current language,
    True and False as ✓ and ✗, whole numbers with thousands separators, other numbers to 6 significant digits (as pandas),
    None as an empty cell.

    >>> table([{"a": 1}], columns=["b"])
    Traceback (most recent call last):
    ...
    ValueError: columns must name keys of the rows ('a'), got 'b'
    >>> table("abc")
    Traceback (most recent call last):
    ...
    TypeError: rows must be a list of dict or a dict, got str
    """
    if isinstance(rows, Mapping):
        names = _headings(columns)
        rows = [dict(zip(names, pair, strict=True)) for pair in rows.items()]
        columns = names
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise TypeError(f"rows must be a list of dict or a dict, got {type(rows).__name__}")
    rows = list(rows)
    bad = next((r for r in rows if not isinstance(r, Mapping)), None)
    if bad is not None:
        raise TypeError(f"rows must be a list of dict or a dict, got a row of type {type(bad).__name__}")
    keys = list(dict.fromkeys(k for row in rows for k in row))
    names = keys if columns is None else _columns(columns, keys)
    values = [[row.get(name) for name in names] for row in rows]
    numeric = tuple(all(_is_number(v) for v in column if v is not None) and any(v is not None for v in column)
                    for column in zip(*values, strict=True)) if values else (False,) * len(names)
    return Table(tuple(str(n) for n in names), tuple(tuple(_cell(v) for v in row) for row in values), numeric)


def _headings(columns) -> list[str]:
    if columns is None:
        return ["", ""]
    if isinstance(columns, str) or not isinstance(columns, Sequence) or len(columns) != 2:
        raise ValueError(f"columns for a dict of rows must be two headings (key, value), got {columns!r}"[:200])
    return [str(c) for c in columns]


def _columns(columns, keys: list) -> list:
    if isinstance(columns, str) or not isinstance(columns, Sequence):
        raise TypeError(f"columns must be a list of str, got {type(columns).__name__}")
    unknown = [c for c in columns if c not in keys]
    if unknown:
        known = ", ".join(repr(k) for k in keys)
        raise ValueError(f"columns must name keys of the rows ({known}), got {', '.join(map(repr, unknown))}"[:300])
    return list(columns)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # the same in both editions
        return "✓" if value else "✗"
    if _is_number(value) and math.isfinite(value):
        if float(value).is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.6g}"
    return str(value)


def _width(value: str) -> int:
    """Columns a string takes in a console: a CJK character takes two."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in value)
