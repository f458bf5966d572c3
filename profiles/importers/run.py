"""Checking and writing rows, for real or as a dry run (the preview).

A kind of import is a module (or object) with `COLUMNS` (and, if it has any,
`OPTIONAL_COLUMNS`, read when the file has them), `check(row) -> (values, errors)`,
`label(row)` and `write(values, host) -> "created" | "updated" | "unchanged"`. Experts are
this app's; apps above it add theirs by returning {kind: importer} from a receiver of
`profiles.signals.import_kinds` (needs adds "needs").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from profiles.importers import experts
from profiles.signals import import_kinds


def kinds() -> dict[str, ModuleType]:
    """Every kind of import, experts first, then the other apps' in layer order."""
    found = {"experts": experts}
    for _receiver, contributed in import_kinds.send(sender=None):
        found.update(contributed)
    return found


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: list[dict] = field(default_factory=list)  # {line, label, action, errors}

    @property
    def rejected(self) -> list[dict]:
        return [r for r in self.rows if r["action"] == "rejected"]

    def counts(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


MAX_CELL_CHARS = 10_000  # no column of ours holds more; longer text is refused, not cut


def _storable(value: str) -> bool:
    """No NUL (PostgreSQL refuses it in text) and no lone surrogate (not encodable)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _overlong(row: dict) -> list[str]:
    """Every cell past MAX_CELL_CHARS, so no check (nor the text rules of a description) ever
    spends time on a 100,000-character value, and every cell that cannot be stored as text."""
    errors = []
    for column, value in row.items():
        if not isinstance(value, str):
            continue
        if len(value) > MAX_CELL_CHARS:
            errors.append(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": column, "limit": MAX_CELL_CHARS}
            )
        elif not _storable(value):
            errors.append(
                _("%(column)s holds characters that cannot be stored as text.") % {"column": column}
            )
    return errors


def run_import(
    *,
    kind: str,
    rows: list[dict],
    host=None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row and create, update or leave its expert or need.

    Rows with errors are rejected and the others imported. Each row is written in its own
    savepoint, so a failing row changes nothing. With `dry_run` everything is rolled back
    (and no email leaves): the report says what a real run would do.
    """
    module = kinds()[kind]
    report = ImportReport()
    with transaction.atomic():
        for index, row in enumerate(rows, start=1):
            errors = _overlong(row)
            values, more = module.check(row) if not errors else ({}, [])
            errors += more
            action = "rejected"
            if not errors:
                try:
                    with transaction.atomic():
                        action = module.write(values, host)
                except ValidationError as exc:
                    errors = _messages(exc)
                except DatabaseError as exc:  # e.g. a value the database refuses
                    errors = [str(exc).splitlines()[0]]
            if action != "rejected":
                setattr(report, action, getattr(report, action) + 1)
            report.rows.append(
                {
                    "line": row["_line"],
                    "label": module.label(row)[:300].encode("utf-8", "replace").decode(),
                    "action": action,
                    "errors": errors,
                }
            )
            if progress:
                progress(index, len(rows))
        if dry_run:
            transaction.set_rollback(True)
    return report
