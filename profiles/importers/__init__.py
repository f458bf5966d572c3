"""Bulk import of experts (here) and needs (needs.importer) from CSV or XLSX files.

`reading.read_table` turns a file into rows (or raises ImportFileError); `run.run_import`
checks and writes them (or, with dry_run, only tells what it would do). The upload pages and
the import_experts and import_needs commands share both. This package's __init__ imports
nothing: its modules import each other directly.
"""
