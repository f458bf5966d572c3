"""Helpers shared by every export a spreadsheet program may open."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell that a spreadsheet shows as text: a string starting with = + - @, a tab or a
    carriage return would run as a formula (CSV injection), so it gets a leading apostrophe.
    Anything that is not a string is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
