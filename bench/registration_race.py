"""Race many registrations for one event through the real service and check nothing overbooks.

Run from the repository root against a migrated PostgreSQL database:

    DATABASE_URL=postgres://… .venv/bin/python bench/registration_race.py \
        [--registrants 300] [--seats 50] [--workers 50]

It creates its own host, event and people, registers them all at once from `--workers` threads
(each with its own database connection) through `events.services.registrations.
registration_create`, counts, removes everything it created, and prints one JSON object as its
last line. Emails are rendered and handed to an in-memory mail backend.
"""

import argparse
import json
import logging
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrants", type=int, default=300)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50)
    return parser.parse_args()


def setup_django(workers: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    # One pooled connection per worker (the default pool holds 10), and no mail server.
    os.environ.setdefault("DATABASE_POOL_MAX", str(workers + 2))
    os.environ.setdefault("DATABASE_POOL_MIN", "2")
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per email otherwise
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("DATABASE_URL must name a PostgreSQL database: the race needs one.")


def main() -> None:
    args = parse_args()
    setup_django(args.workers)

    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from events.models import Event, Registration
    from events.services.registrations import registration_create
    from hosts.models import Host

    run = uuid.uuid4().hex[:10]
    host = Host.objects.create(
        name=f"bench-{run}", slug=f"bench-{run}", status=Host.Status.APPROVED
    )
    event = Event.objects.create(
        host=host,
        slug=f"bench-race-{run}",
        title=f"bench race {run}",
        start=timezone.now() + dt.timedelta(days=7),
        end=timezone.now() + dt.timedelta(days=7, hours=3),
        status=Event.Status.PUBLISHED,
        capacity=args.seats,
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench-{run}-{i}@bench.invalid", name=f"bench {i}", password=unusable)
        for i in range(args.registrants)
    )
    errors: list[str] = []

    def register(user):
        try:
            return registration_create(event=event, user=user, role="guest").status
        except Exception as exc:  # noqa: BLE001 - counted and reported, never hidden
            errors.append(repr(exc))
            return "error"
        finally:
            connection.close()

    try:
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            statuses = list(pool.map(register, users))
        seconds = time.perf_counter() - began
        confirmed = Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).count()
        waitlisted = Registration.objects.filter(
            event=event, status=Registration.Status.WAITLISTED
        ).count()
    finally:
        event.delete()
        User.objects.filter(pk__in=[u.pk for u in users]).delete()
        host.delete()

    if errors:
        print(f"{len(errors)} registrations failed, e.g. {errors[0]}", file=sys.stderr)
    assert statuses.count("confirmed") == confirmed
    result = {
        "registrants": args.registrants,
        "seats": args.seats,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "overbooked": max(confirmed - args.seats, 0),
        "seconds": round(seconds, 3),
        "registrations_per_second": round(args.registrants / seconds, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
