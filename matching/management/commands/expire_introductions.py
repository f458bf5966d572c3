from django.core.management.base import BaseCommand

from matching.services.introductions import introductions_expire


class Command(BaseCommand):
    help = "Expire introductions left unanswered past their date and tell both sides (run daily)."

    def handle(self, *args, **options):
        count = introductions_expire()
        self.stdout.write(f"{count} introduction(s) expired")
