"""Email the day-before reminder to everyone with a seat at an event starting within a day.

Run it every few minutes or hourly from cron or a systemd timer (docs/deployment.md). It is
idempotent: each registration is reminded once (`reminded_at`), however often it runs.
"""

import datetime as dt

from django.core.management.base import BaseCommand

from events.selectors import registrations_to_remind
from events.services.registrations import registration_remind


class Command(BaseCommand):
    help = "Send the reminder email to registrants of events starting within the next day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Remind for events starting within this many hours.",
        )

    def handle(self, *args, hours: int, **options):
        sent = 0
        for registration in registrations_to_remind(within=dt.timedelta(hours=hours)):
            sent += registration_remind(registration=registration)
        self.stdout.write(f"reminders sent: {sent}")
