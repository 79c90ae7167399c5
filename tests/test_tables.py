"""kamlib.tables: the small table lectures show instead of a pandas DataFrame."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kamlib.i18n import using_language
from kamlib.tables import table
from kamlib.text import Text


def test_rows_become_columns_in_first_seen_order_with_gaps_left_empty():
    t = table([{"stage": "pre-KAM", "accounts": 7}, {"accounts": 19, "note": "most"}])
    assert t.columns == ("stage", "accounts", "note")
    assert t.rows == (("pre-KAM", "7", ""), ("", "19", "most"))
    assert t.numeric == (False, True, False)


def test_numbers_are_written_as_a_reader_expects():
    t = table([{"t": 1810}, {"t": 1234.5}, {"t": 0.123456789}, {"t": 2.0}, {"t": True}])
    assert [r[0] for r in t.rows] == ["1,810", "1,234.5", "0.123457", "2", "✓"]
    assert t.numeric == (False,)  # a bool among numbers is not a number column


def test_html_escapes_and_aligns_numbers_right():
    html = table([{"fact": "<b>x</b> & y", "t/yr": 5}])._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html and "<b>" not in html
    assert '<td style="text-align: right">5</td>' in html
    assert html.count("<tr>") == 2


def test_text_cells_follow_the_language_at_creation():
    rows = [{"term": Text("key account", "大客户")}]
    assert table(rows).rows == (("key account",),)
    with using_language("zh"):
        t = table(rows)
    assert t.rows == (("大客户",),)
    assert repr(t).splitlines()[1] == "大客户"


def test_a_dict_is_a_two_column_table():
    t = table({"rail": 1234.5, "steel": 1810}, columns=("sector", "t/yr"))
    assert t.columns == ("sector", "t/yr") and t.rows == (("rail", "1,234.5"), ("steel", "1,810"))


def test_console_columns_line_up_with_chinese_text():
    lines = repr(table([{"名称": "北桥", "t": 5}, {"名称": "Redstone", "t": 1810}])).splitlines()
    assert len({len(line.encode("gbk", "replace")) for line in lines[1:]}) == 1  # CJK counts double


@pytest.mark.parametrize(("rows", "columns", "error", "words"), [
    ("abc", None, TypeError, "rows must be a list of dict or a dict, got str"),
    ([{"a": 1}, 3], None, TypeError, "got a row of type int"),
    ([{"a": 1}], ["b"], ValueError, "columns must name keys of the rows ('a'), got 'b'"),
    ([{"a": 1}], "a", TypeError, "columns must be a list of str"),
    ({"a": 1}, ("one",), ValueError, "columns for a dict of rows must be two headings"),
])
def test_bad_input_names_the_argument(rows, columns, error, words):
    with pytest.raises(error) as caught:
        table(rows, columns=columns)
    assert words in str(caught.value)
    assert str(caught.value).startswith(("rows", "columns"))


def test_importing_it_does_not_import_pandas():
    code = "import sys; from kamlib import table; table([{'a': 1}]); print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
