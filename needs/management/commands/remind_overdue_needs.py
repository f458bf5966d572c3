import json

from django.core.management.base import BaseCommand

from needs.services import needs_remind_overdue


class Command(BaseCommand):
    help = (
        "Email each assignee their needs that passed the response deadline without a first "
        "response. Safe to run often: each need is reminded at most once a day."
    )

    def handle(self, *args, **options):
        result = needs_remind_overdue()
        self.stdout.write(json.dumps(result))
