"""What import_experts and import_needs share: reading, progress, report and exit code."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from hosts.models import Host
from profiles.importers.reading import ImportFileError, read_table
from profiles.importers.run import kinds, run_import

PROGRESS_FROM = 200  # rows; smaller files finish before a bar would help


class ImportCommand(BaseCommand):
    kind = ""
    help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX")
        parser.add_argument("--host", help="slug of the host on whose behalf to import")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % max(1, total // 100) == 0:
            width = 30
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
            if done == total:
                self.stderr.write("")

    def _fail(self, message: str):
        """Exit 2: nothing was imported."""
        self.stderr.write(message)
        self.stdout.write(json.dumps({"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}))
        sys.exit(2)

    def handle(self, *args, **options):
        host = None
        if options["host"]:
            host = Host.objects.filter(slug=options["host"]).first()
            if host is None:
                self._fail(f"No host with the slug {options['host']!r}.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
            importer = kinds()[self.kind]
            rows = read_table(
                data,
                filename=path.name,
                columns=importer.COLUMNS,
                optional=getattr(importer, "OPTIONAL_COLUMNS", ()),
            )
        except (OSError, ImportFileError) as exc:
            self._fail(f"{path}: {exc}")
        show = not options["no_progress"] and len(rows) >= PROGRESS_FROM
        report = run_import(
            kind=self.kind, rows=rows, host=host, progress=self._progress if show else None
        )
        for row in report.rejected:
            self.stderr.write(f"row {row['line']} ({row['label']}): {' '.join(row['errors'])}")
        self.stdout.write(json.dumps(report.counts()))
        if report.rejected:
            sys.exit(1)
