"""Services of the web import: an uploaded file becomes a batch with its preview; confirming
applies it once."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.importers.reading import ImportFileError, read_table
from profiles.importers.run import kinds, run_import
from profiles.models import ImportBatch

MAX_WEB_ROWS = 5000  # larger files: the import_experts / import_needs commands


def import_batch_create(*, kind: str, host, user, filename: str, data: bytes) -> ImportBatch:
    """Read the file and keep its rows with a preview (a dry run: nothing else is written).

    Raises ImportFileError when the file cannot be read or is too large for the web.
    """
    importer = kinds()[kind]
    rows = read_table(
        data,
        filename=filename,
        columns=importer.COLUMNS,
        optional=getattr(importer, "OPTIONAL_COLUMNS", ()),
    )
    if len(rows) > MAX_WEB_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)d rows; import it with the command line.")
            % {"max": MAX_WEB_ROWS}
        )
    report = run_import(kind=kind, rows=rows, host=host, dry_run=True)
    return ImportBatch.objects.create(
        token=secrets.token_urlsafe(24),
        kind=kind,
        host=host,
        uploaded_by=user,
        filename=filename[:255],
        rows=rows,
        result={**report.counts(), "rows": report.rows},
    )


@transaction.atomic
def import_batch_apply(*, batch: ImportBatch) -> ImportBatch:
    """Import the batch's rows for real, once; the raw rows are then dropped (the file's personal
    data lives on in the profiles only) and the result kept."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.applied_at is not None:
        raise ValidationError(_("This file has already been imported."), code="already_applied")
    report = run_import(kind=batch.kind, rows=batch.rows, host=batch.host)
    batch.result = {**report.counts(), "rows": report.rows}
    batch.applied_at = timezone.now()
    batch.rows = []
    batch.save(update_fields=["result", "applied_at", "rows"])
    return batch
