"""The operator's view: every open need with its best experts, scores and reasons."""

import json

from django.core.management.base import BaseCommand, CommandError

from hosts.models import Host
from matching.services.suggestions import suggestions_compute


class Command(BaseCommand):
    help = (
        "Print every open need (submitted, acknowledged, in progress) with its suggested "
        "experts, including those who have not claimed their profile yet. Computed fresh."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", metavar="SLUG", help="use this host's rule set")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default="zh-hans")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, **opts):
        host = None
        if opts["host"]:
            host = Host.objects.filter(slug=opts["host"]).first()
            if host is None:
                raise CommandError(f"No host with the short name {opts['host']!r}.")
        if opts["top"] < 1:
            raise CommandError("--top must be at least 1.")
        needs = suggestions_compute(host=host, lang=opts["lang"], top=opts["top"])
        if opts["format"] == "json":
            self.stdout.write(json.dumps({"needs": needs}, ensure_ascii=False))
            return
        for need in needs:
            self.stdout.write(
                f"#{need['id']} [{need['status']}] {need['company']}: {need['title']}"
            )
            if not need["suggestions"]:
                self.stdout.write("    –")
            for rank, s in enumerate(need["suggestions"], start=1):
                rules = " ".join(f"{k}={v:.2f}" for k, v in s["rules"].items() if v)
                self.stdout.write(
                    f"  {rank}. {s['score']:.3f}  {s['name']} ({s['institution']}) "
                    f"<{s['email']}>  {rules}"
                )
                for reason in s["reasons"]:
                    self.stdout.write(f"       · {reason}")
            self.stdout.write("")
