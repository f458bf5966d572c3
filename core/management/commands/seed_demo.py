from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from core.demo import DemoContext, demo_hooks


class Command(BaseCommand):
    help = (
        "Create or refresh the demo forum (idempotent). Each app adds its part through its "
        "demo.py hook, in layer order. Sends no email."
    )

    def handle(self, *args, **options):
        ctx = DemoContext(now=timezone.now())
        # The demo's people have made-up addresses: what the hooks' services would mail them
        # (confirmations, desk notices) is discarded.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            for label, seed in demo_hooks():
                seed(ctx)
                if options["verbosity"] > 1:
                    self.stdout.write(f"demo: {label} done")
        if ctx.changes:
            for change in ctx.changes:
                self.stdout.write(f"  {change}")
        else:
            self.stdout.write("Demo forum is up to date; nothing changed.")
        if ctx.accounts:
            self.stdout.write("")
            self.stdout.write("Demo accounts (email / password):")
            order = ["organizer", "expert", "enterprise", "guest", "admin"]
            accounts = sorted(
                ctx.accounts, key=lambda a: order.index(a[0]) if a[0] in order else len(order)
            )
            for role, email, password in accounts:
                self.stdout.write(f"  {role:<12} {email:<32} {password}")
