"""What every export (CSV or spreadsheet) writes into a cell: the one helper every export uses."""

# A cell starting with one of these runs as a formula when a spreadsheet opens the file
# (CSV/formula injection): = + - @, and tab or carriage return, which some programs skip
# before looking for one. Full-width forms count too: spreadsheets read them the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value):
    """`value` as a spreadsheet should show it: text that would start a formula gets a leading
    apostrophe; None becomes ""; numbers, dates and booleans stay what they are (so a
    spreadsheet can still sum them)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
