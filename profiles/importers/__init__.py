"""Bulk import of experts and needs from CSV or XLSX files, for organizers.

`read_table` turns a file into rows (or raises ImportFileError); `run_import` checks and writes
them (or, with dry_run, only tells what it would do). The upload pages and the import_experts
and import_needs commands share both.
"""

from profiles.importers.reading import ImportFileError, read_table
from profiles.importers.run import KINDS, ImportReport, run_import

__all__ = ["KINDS", "ImportFileError", "ImportReport", "read_table", "run_import"]
