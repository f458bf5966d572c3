import datetime as dt

import pytest

from core.exports import safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("=1+2", "'=1+2"),
        ("+86 138", "'+86 138"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\rx", "'\rx"),
        ("＝1+1", "'＝1+1"),
        ("王小明", "王小明"),
        ("你好=1", "你好=1"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, 42),
        (True, True),
        (dt.date(2025, 3, 21), dt.date(2025, 3, 21)),
    ],
)
def test_safe_cell_neutralises_formulas_and_keeps_numbers(value, expected):
    assert safe_cell(value) == expected
