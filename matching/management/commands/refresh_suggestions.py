"""Recompute and store the suggestions of every open need (the full run, on demand)."""

from django.core.management.base import BaseCommand, CommandError

from hosts.models import Host
from matching.services.suggestions import suggestions_refresh


class Command(BaseCommand):
    help = (
        "Recompute the stored suggestions of every open need: the default rule set and every "
        "host's own, or with --host only that host's programme."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", metavar="SLUG", help="only this host's rule set")

    def handle(self, *args, **opts):
        if opts["host"]:
            host = Host.objects.filter(slug=opts["host"]).first()
            if host is None:
                raise CommandError(f"No host with the short name {opts['host']!r}.")
            written = suggestions_refresh(host=host)
        else:
            written = suggestions_refresh(all_hosts=True)
        self.stdout.write(f"{written} suggestions stored.")
