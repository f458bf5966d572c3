"""Load an updated taxonomy file into an existing database, keeping staff edits."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching.services.taxonomy import taxonomy_load
from profiles.taxonomy import CURRENT_FILE


class Command(BaseCommand):
    help = (
        "Load a taxonomy file (profiles/data/README.md format; the shipped one by default): new "
        "topics created, synonyms merged, staff's names and parents kept, nothing deleted; then "
        "every profile's and need's tokens and topics recomputed. Prints a JSON summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(CURRENT_FILE))
        parser.add_argument(
            "--previous",
            metavar="FILE",
            help="the version loaded before: synonyms it had and FILE dropped are removed",
        )
        parser.add_argument(
            "--no-retokenize", action="store_true", help="leave stored tokens as they are"
        )

    def handle(self, *args, **opts):
        rows = _read(opts["file"])
        previous = _read(opts["previous"]) if opts["previous"] else None
        summary = taxonomy_load(rows=rows, previous=previous, retokenize=not opts["no_retokenize"])
        self.stdout.write(json.dumps(summary))


def _read(name: str) -> list[dict]:
    try:
        rows = json.loads(Path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {name}: {error}") from error
    fields = ("slug", "name_zh", "name_en", "parent", "synonyms_zh", "synonyms_en")
    if not isinstance(rows, list) or not all(
        isinstance(r, dict) and all(f in r for f in fields) for r in rows
    ):
        raise CommandError(f"{name}: every row needs the fields {', '.join(fields)}.")
    return rows
