from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from hosts.models import Host
from outcomes.periods import host_zone, month_period
from outcomes.reports.content import monthly_report
from outcomes.reports.pdf import report_pdf
from outcomes.reports.xlsx import report_xlsx

LANGUAGES = {"zh-hans": "zh-hans", "zh": "zh-hans", "en": "en"}


class Command(BaseCommand):
    help = (
        "Write a host's monthly report (forums, registrations, needs with the response, "
        "resolution and satisfaction rates, overdue needs, outcomes, the coming quarter) as PDF "
        "or XLSX. Exit 2 for an unknown host or a malformed month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", required=True, help="the host's short name (slug)")
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--format", required=True, choices=["pdf", "xlsx"])
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--lang", default="zh-hans", choices=sorted(LANGUAGES), help="zh-hans (default) or en"
        )

    def handle(self, *args, **options):
        host = Host.objects.filter(slug=options["host"]).first()
        if host is None:
            raise CommandError(f"No host “{options['host']}”.", returncode=2)
        try:
            period = month_period(options["month"], zone=host_zone(host))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        with translation.override(LANGUAGES[options["lang"]]):
            report = monthly_report(host=host, period=period)
            content = report_pdf(report) if options["format"] == "pdf" else report_xlsx(report)
        output = Path(options["output"])
        output.write_bytes(content)
        self.stdout.write(f"{output} ({len(content)} bytes)")
