"""Reading uploaded tables: CSV in UTF-8 (with or without BOM) or GB18030, or XLSX."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

MAX_ROWS = 20000
MAX_COLUMNS = 100  # our tables have 8 to 12 columns; a sheet declaring more is refused
# What the parts of an XLSX file (a zip) may hold once unpacked: a 5 KB file can unpack to
# gigabytes of sheet XML, which nobody types by hand.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


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


def _too_many_rows() -> ImportFileError:
    return ImportFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})


def _check_unpacked_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("The Excel file cannot be opened.")) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(_("The Excel file is too large once unpacked."))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows, streamed (openpyxl's read-only mode) and bounded: a sheet that
    declares (or holds) more than MAX_COLUMNS columns or MAX_ROWS rows is refused before any
    row is padded to the declared width, so a small file cannot claim a million empty cells."""
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure to parse an uploaded file is the file's fault
        raise ImportFileError(_("The Excel file cannot be opened.")) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The Excel file has no sheet."))
        sheet = workbook.worksheets[0]
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise ImportFileError(
                _("The file has more than %(max)d columns.") % {"max": MAX_COLUMNS}
            )
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        rows = []
        # Explicit bounds: openpyxl pads each row to max_col and yields missing rows up to
        # max_row; without them it would trust the sheet's own (possibly absurd) dimension.
        for values in sheet.iter_rows(
            min_row=1, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True
        ):
            cells = [_cell(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
    except ImportFileError:
        raise
    except Exception as exc:  # broken sheet XML, a missing part, an odd cell type
        raise ImportFileError(_("The Excel file cannot be opened.")) from exc
    finally:
        workbook.close()
    while rows and not rows[-1]:
        rows.pop()
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
        raise _too_many_rows()
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
