"""Race many registrations for one event through the real service and check nothing overbooks.

Run from the repository root against a migrated PostgreSQL database:

    DATABASE_URL=postgres://… .venv/bin/python bench/registration_race.py \
        [--registrants 2000] [--seats 200] [--processes 4] [--threads 4]

It creates its own host, event and people, then starts `--processes` worker processes of
`--threads` threads each (every thread with its own database connection). Each worker loads
Django and its share of the people, warms up, and waits; the clock starts when all are ready and
stops when the last registration returns. Every registration goes through
`events.services.registrations.registration_create`, emails included: with `--tasks database`
(the default, as in production) each email is queued after commit in the task table for the
worker; with `--tasks immediate` it is rendered and handed to an in-memory mail backend in the
registering process. Afterwards it counts, checks the event's seat row against the
registrations and the queued emails, removes everything it created, and prints one JSON object
as its last line.
"""

import argparse
import json
import logging
import multiprocessing
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrants", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4, help="worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker process")
    parser.add_argument(
        "--tasks",
        choices=["database", "immediate"],
        default="database",
        help="task backend for the emails: database (production: each email is queued in a "
        "table for the worker) or immediate (rendered and sent in the registering process)",
    )
    return parser.parse_args()


def setup_django(threads: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    # One pooled connection per thread, and no mail server.
    os.environ["DATABASE_POOL_MAX"] = str(threads + 2)
    os.environ["DATABASE_POOL_MIN"] = "1"
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False  # as in production: no query log
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per email otherwise
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("DATABASE_URL must name a PostgreSQL database: the race needs one.")


def worker(event_pk: int, user_pks: list[int], threads: int, ready, results) -> None:
    """One worker process: load, warm up, wait for the start, register its people."""
    setup_django(threads)
    from django.db import connection
    from django.template.loader import get_template
    from django.urls import reverse

    from accounts.models import User
    from events.models import Event
    from events.services.registrations import registration_create

    event = Event.objects.select_related("host", "venue").get(pk=event_pk)
    by_pk = User.objects.in_bulk(user_pks)
    users = [by_pk[pk] for pk in user_pks]
    reverse("events:detail", args=[event.slug])  # loads the URL configuration
    for name in ("confirmed", "waitlisted"):
        get_template(f"events/email/registration_{name}_message.txt")
    connection.close()
    errors: list[str] = []

    def register(user):
        try:
            return registration_create(event=event, user=user, role="guest").status
        except Exception as exc:  # noqa: BLE001 - counted and reported, never hidden
            errors.append(repr(exc))
            return "error"
        finally:
            connection.close()

    ready.wait()
    cpu = time.process_time()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        statuses = list(pool.map(register, users))
    results.put((statuses, errors, time.process_time() - cpu))


def _bench_mails(run: str):
    """The emails this run queued in the task table (None with the immediate backend)."""
    from django.conf import settings

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="core.mail.send_templated_mail",
        args_kwargs__kwargs__to__0__startswith=f"bench-{run}-",
    )


def main() -> None:
    args = parse_args()
    os.environ["TASKS_BACKEND"] = args.tasks  # the worker processes inherit it
    setup_django(args.threads)

    import datetime as dt

    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from events.models import Event, Registration
    from events.selectors import confirmed_counts
    from hosts.models import Host

    try:  # absent before the seat row existed: the bench also measures that code
        EventSeats = apps.get_model("events", "EventSeats")
    except LookupError:
        EventSeats = None

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
    pks = [user.pk for user in users]
    connection.close()

    context = multiprocessing.get_context("spawn")  # no forked database connections
    ready = context.Barrier(args.processes + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=worker,
            args=(event.pk, pks[index :: args.processes], args.threads, ready, results),
        )
        for index in range(args.processes)
    ]
    try:
        for process in processes:
            process.start()
        ready.wait(timeout=300)
        began = time.perf_counter()
        outcomes = [results.get(timeout=600) for _ in processes]
        seconds = time.perf_counter() - began
        for process in processes:
            process.join()
        statuses = [status for done, _errors, _cpu in outcomes for status in done]
        errors = [error for _done, errors, _cpu in outcomes for error in errors]
        cpu_seconds = sum(cpu for _done, _errors, cpu in outcomes)
        confirmed = Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).count()
        waitlisted = Registration.objects.filter(
            event=event, status=Registration.Status.WAITLISTED
        ).count()
        row = EventSeats and EventSeats.objects.filter(event=event).first()
        seat_row_matches = row.counts() == confirmed_counts(event) if row else None
        queued = _bench_mails(run)
        mails_queued = queued.count() if queued is not None else None
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
        event.delete()
        User.objects.filter(pk__in=pks).delete()
        host.delete()
        if (queued := _bench_mails(run)) is not None:
            queued.delete()

    if errors:
        print(f"{len(errors)} registrations failed, e.g. {errors[0]}", file=sys.stderr)
    assert statuses.count("confirmed") == confirmed
    result = {
        "registrants": args.registrants,
        "seats": args.seats,
        "processes": args.processes,
        "threads": args.threads,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "errors": len(errors),
        "overbooked": max(confirmed - args.seats, 0),
        "seat_row_matches": seat_row_matches,
        "mails_queued": mails_queued,
        "seconds": round(seconds, 3),
        # CPU of the worker processes (not the database's) per registration
        "worker_cpu_ms": round(cpu_seconds * 1000 / args.registrants, 2),
        "registrations_per_second": round(args.registrants / seconds, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
