import json

from django.core.management.base import BaseCommand

from outcomes.services.surveys import outcome_surveys_send


class Command(BaseCommand):
    help = (
        "Ask attendees of events that just ended for feedback, and both sides of introductions "
        "and meetings from six months ago (OUTCOME_FOLLOWUP_DAYS) what came of them. Safe to run "
        'often: nobody is asked twice. Prints {"feedback_sent", "followups_sent", "skipped"}.'
    )

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(outcome_surveys_send()))
