"""What every export (CSV or spreadsheet) writes into a cell."""

# A cell starting with one of these runs as a formula when a spreadsheet opens the file
# (CSV/formula injection): = + - @, and tab or carriage return, which some programs skip
# before looking for one. Full-width forms count too: spreadsheets read them the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    """`value` as text that a spreadsheet shows as text: a leading apostrophe goes before
    anything that would start a formula. None becomes ""."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
