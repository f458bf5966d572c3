"""Reading uploaded tables: CSV in UTF-8 (with or without BOM) or GB18030, or XLSX."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

MAX_ROWS = 20000


class ImportFileError(Exception):
    """The file cannot be read as a table with the expected columns (exit code 2)."""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file is neither UTF-8 nor GB18030 text."))


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV or XLSX table."))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed as a number
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("The Excel file cannot be opened.")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_cell(v) for v in values])
    workbook.close()
    return rows


def read_table(
    data: bytes, *, filename: str = "", columns: list[str], optional: list[str] = ()
) -> list[dict]:
    """Rows of the file as dicts {column: stripped text, "_line": line or row number}.

    The first row is the header; `columns` must all be in it (in any order, any case);
    `optional` columns are read when the header has them and are "" otherwise.
    Raises ImportFileError when the file cannot be read or lacks a column.
    """
    if not data:
        raise ImportFileError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    while table and not any(c.strip() for c in table[0]):
        table.pop(0)
    if not table:
        raise ImportFileError(_("The file has no rows."))
    header = [h.strip().lstrip("\ufeff").lower() for h in table[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportFileError(
            _("The header row lacks these columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS}
        )
    present = [*columns, *(c for c in optional if c in header)]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {c: "" for c in optional}
        row |= {
            c: (cells[header.index(c)] if header.index(c) < len(cells) else "").strip()
            for c in present
        }
        row["_line"] = number
        rows.append(row)
    return rows
