"""The cost of one registration through the real service, without any waiting on others.

Run from the repository root against a migrated PostgreSQL database:

    DATABASE_URL=postgres://… .venv/bin/python bench/registration_cost.py \
        [--registrants 400] [--seats 100] [--profile FILE]

It creates its own host, event and people, registers them one after the other in one thread
through `events.services.registrations.registration_create` (emails queued in the task table,
as in production), and prints one JSON object: the SQL statements of one confirmed and one
waitlisted registration (each listed with `--sql`), and the CPU of this process per
registration. `--profile FILE` writes a cProfile of the registrations to FILE. Everything it
created is removed afterwards.
"""

import argparse
import cProfile
import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrants", type=int, default=400)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--profile", default="")
    parser.add_argument("--sql", action="store_true", help="print the statements")
    args = parser.parse_args()
    os.environ["TASKS_BACKEND"] = "database"
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    import datetime as dt
    import logging

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from events.models import Event
    from events.services.registrations import registration_create
    from hosts.models import Host

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    if connection.vendor != "postgresql":
        raise SystemExit("DATABASE_URL must name a PostgreSQL database.")
    run = uuid.uuid4().hex[:10]
    host = Host.objects.create(name=f"bench-{run}", slug=f"bench-{run}", status="approved")
    event = Event.objects.create(
        host=host,
        slug=f"bench-cost-{run}",
        title=f"bench cost {run}",
        start=timezone.now() + dt.timedelta(days=7),
        end=timezone.now() + dt.timedelta(days=7, hours=3),
        status=Event.Status.PUBLISHED,
        capacity=args.seats,
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench-{run}-{i}@bench.invalid", name=f"bench {i}", password=unusable)
        for i in range(args.registrants + 3)
    )
    event = Event.objects.select_related("host", "venue").get(pk=event.pk)
    try:
        registration_create(event=event, user=users[0], role="guest")  # makes the seat row
        with CaptureQueriesContext(connection) as first:
            registration_create(event=event, user=users[1], role="guest")
        profiler = cProfile.Profile() if args.profile else None
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        for user in users[2:-1]:
            registration_create(event=event, user=user, role="guest")
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        cpu = time.process_time() - cpu
        with CaptureQueriesContext(connection) as last:
            registration_create(event=event, user=users[-1], role="guest")
    finally:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(args_kwargs__kwargs__to__0__startswith=f"bench-{run}-").delete()
        event.delete()
        User.objects.filter(pk__in=[u.pk for u in users]).delete()
        host.delete()
    if args.sql:
        for name, captured in (("confirmed", first), ("waitlisted", last)):
            print(f"-- {name}")
            for query in captured.captured_queries:
                print(query["sql"][:300])
    print(
        json.dumps(
            {
                "registrants": args.registrants,
                "statements_confirmed": len(first.captured_queries),
                "statements_waitlisted": len(last.captured_queries),
                "cpu_ms_per_registration": round(cpu * 1000 / args.registrants, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
