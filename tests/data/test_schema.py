"""The one validation helper: each validator names where the bad value is and what
it expected, for CSV cells and YAML values alike."""

from __future__ import annotations

import io

import pytest

from kamlib.data.schema import (
    LINE,
    Column,
    DataError,
    NoSuchFile,
    bilingual,
    boolean,
    check,
    choice,
    field,
    identifier,
    integer,
    items,
    number,
    read_table,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.text import Text


@pytest.mark.parametrize(
    ("value", "parser", "message"),
    [
        ("lots", number(minimum=0), "f.yaml, key 'k': expected a number >= 0, got 'lots'"),
        (1.5, number(0, 1), "expected a number from 0 to 1, got 1.5"),
        (float("nan"), number(), "expected a number, got nan"),
        (True, number(), "expected a number, got True"),
        (-1, integer(minimum=0), "expected a whole number >= 0, got -1"),
        (2.5, integer(), "expected a whole number, got 2.5"),
        ("yes", boolean(), "expected true or false, got 'yes'"),
        ("  ", text(), "expected non-empty text, got '  '"),
        (["a"], text(), "expected non-empty text, got ['a']"),
        ("X", choice("SPIN"), "expected one of S, P, I, N, got 'X'"),
        ({"a": 1}, choice("SPIN"), "expected one of S, P, I, N, got {'a': 1}"),
        (-5, number(minimum=0, unit="t/yr"), "expected a number >= 0 (t/yr), got -5"),
    ],
)
def test_field_names_file_key_and_expectation(value, parser, message):
    with pytest.raises(DataError) as err:
        field({"k": value}, "k", parser, "f.yaml")
    assert message in str(err.value)


def test_yaml_numbers_keep_their_type_csv_cells_become_floats():
    assert check(36000, number(minimum=0), "x") == 36000 and isinstance(check(36000, number(), "x"), int)
    assert check("12.5", number(), "x") == 12.5
    assert check("7", integer(), "x") == 7


def test_require_keys_ignores_recorded_lines():
    assert require_keys({"a": 1, LINE: 3}, ("a",), "f.yaml")
    with pytest.raises(DataError, match=r"f.yaml: missing keys \['b'\], unknown keys \['c'\]"):
        require_keys({"a": 1, "c": 2}, ("a", "b"), "f.yaml")
    with pytest.raises(DataError, match="f.yaml: expected a mapping, got list"):
        require_keys([1], ("a",), "f.yaml")


def test_items_identifier_unique():
    assert items(None, "w", nonempty=False) == []
    with pytest.raises(DataError, match="w: expected a non-empty list of needs, got \\[\\]"):
        items([], "w", "needs")
    with pytest.raises(DataError, match="w: expected a non-empty list, got dict"):
        items({"a": 1}, "w")
    assert identifier("cut_grease", "w") == "cut_grease"
    with pytest.raises(DataError, match="w: expected a short id in lower_snake_case, got 'Bad Id'"):
        identifier("Bad Id", "w")
    seen: set = set()
    unique("a", seen, "w")
    with pytest.raises(DataError, match="w: duplicate topic id 'a'"):
        unique("a", seen, "w", "topic id")


def test_bilingual_text():
    assert bilingual({"en": "Steel ", "zh": "钢铁"}, "w") == Text("Steel", "钢铁")
    assert bilingual("Hello.", "w", zh_required=False, plain=True) == Text("Hello.")
    assert bilingual({"en": "Hello."}, "w", zh_required=False) == Text("Hello.")
    for bad in ({"en": "Steel"}, {"zh": "钢铁"}, {"en": "a", "zh": "b", "fr": "c"}, "Steel", None, {"en": 3, "zh": "x"}):
        with pytest.raises(DataError, match="w: expected "):
            bilingual(bad, "w")


def test_csv_table_names_line_and_column():
    columns = [Column("id", text()), Column("share", number(0, 100))]
    assert read_table(io.StringIO("id,share\nA,40\n"), columns, "t.csv") == [{"id": "A", "share": 40.0}]
    with pytest.raises(DataError, match="t.csv, line 3, column 'share': expected a number from 0 to 100, got '140'"):
        read_table(io.StringIO("id,share\nA,40\nB,140\n"), columns, "t.csv")


def test_read_yaml_lines_and_syntax_errors(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a:\n  b: 1\n", encoding="utf-8")
    assert read_yaml(path, lines=True)["a"][LINE] == 2
    path.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"f.yaml, line \d+: not valid YAML"):
        read_yaml(path)


def test_no_such_file_is_both_a_data_error_and_file_not_found():
    assert issubclass(NoSuchFile, DataError) and issubclass(NoSuchFile, FileNotFoundError)
