"""What each public page and list endpoint costs per request, and whether it grows with data.

    .venv/bin/python bench/pages.py [--scale 10|100] [--requests 30] [--keep FILE]

Builds a data set `--scale` times the demo's size (seeded, the same every run): per unit of
scale half an event of 20 sessions, 50 experts with three topics each, 10 companies with two
needs each and 100 people registered to the events — so `--scale 100` is 50 events, 1,000
sessions, 5,000 experts, 2,000 needs and 10,000 registrations. Hosts, series, venues and events
go through the models one by one; the bulk rows (sessions, people, experts, companies, needs,
registrations, topic links) through `bulk_create`, because building 10,000 registrations through
the registration service takes minutes and the pages, not the writes, are measured here; each
event's seat row is then recounted by `events.services.seats.seats_recount`, as for any data
written outside the services.

The data goes into the database named by `DATABASE_URL` (a database of its own: the bench
refuses one that already holds events) or else a temporary SQLite file; `--keep FILE` builds into
that SQLite file once and reuses it on the next run. Django runs as in production (DEBUG off,
no page cache). Each page is requested as an anonymous visitor through Django's WSGI handler
(the test client): three requests to warm up, then `--requests` requests timed with
`time.process_time` (the CPU of this process: Python, templates, the database driver, and for
SQLite the database itself) and the wall clock. One JSON line per page:
`{"page", "scale", "queries", "cpu_ms_per_request", "requests_per_second"}`, the CPU the median
of the requests and `requests_per_second` one process's rate from the median wall time.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER_HOST = "bench-pages"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="times the demo's size")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--events",
        type=int,
        help="events instead of half the scale (e.g. 30 at --scale 10, so that the event lists "
        "are full pages at both scales)",
    )
    parser.add_argument("--keep", help="build into this SQLite file and keep it (or reuse it)")
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    if not (ROOT / "locale/zh_Hans/LC_MESSAGES/django.mo").exists():
        raise SystemExit(
            "Compile the translations first (make compilemessages), as production does."
        )
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    # As in production, but over plain HTTP on the test client's host name.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-pages-not-secret")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # DEBUG off serves static names from collectstatic's manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


def build(scale: int, events_count: int | None = None, marker: str = "") -> None:
    """The data set for `scale` (see the module's docstring), seeded."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from events.models import Event, Registration, Series, Session, Venue
    from events.services.seats import seats_recount
    from hosts.models import Host
    from needs.models import Need
    from profiles.models import Company, ExpertProfile, Topic

    rng = random.Random(scale)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    n_events = events_count or max(1, scale // 2)
    n_hosts = max(1, scale // 10)
    unusable = "!"  # nobody signs in with these accounts
    with transaction.atomic():
        topics = list(Topic.objects.order_by("id")[:60]) or [
            Topic.objects.create(slug=f"t{n}", name_zh=f"主题{n}", name_en=f"Topic {n}")
            for n in range(60)
        ]
        hosts = [
            Host.objects.create(
                name=f"驿站 {n}" if n else f"驿站 {n}{marker}",
                slug=MARKER_HOST if n == 0 else f"{MARKER_HOST}-{n}",
                status=Host.Status.APPROVED,
            )
            for n in range(n_hosts)
        ]
        series = [
            Series.objects.create(host=h, slug=f"{h.slug}-s", title="金融科创") for h in hosts
        ]
        venues = [Venue.objects.create(host=h, name=f"会议室 {h.pk}") for h in hosts]
        events = []
        for n in range(n_events):
            h = n % n_hosts
            # Half past, half upcoming, a week apart.
            start = now + dt.timedelta(days=7 * (n - n_events // 2) + 1)
            events.append(
                Event.objects.create(
                    host=hosts[h],
                    series=series[h],
                    venue=venues[h],
                    slug=f"bench-event-{n}",
                    title=f"座谈会 {n}",
                    description="专家与企业面对面。" * 20,
                    theme=f"主题 {n % 5}",
                    start=start,
                    end=start + dt.timedelta(hours=20),
                    status=Event.Status.FINISHED if start < now else Event.Status.PUBLISHED,
                    capacity=400,
                )
            )
        Session.objects.bulk_create(
            Session(
                event=e,
                title=f"议程 {k}",
                start=e.start + dt.timedelta(hours=k),
                end=e.start + dt.timedelta(hours=k + 1),
            )
            for e in events
            for k in range(20)
        )
        experts = ExpertProfile.objects.bulk_create(
            ExpertProfile(
                name=f"专家 {n:05d}",
                title="教授",
                institution=f"大学 {n % 40}",
                fields_text="材料 化工 金融",
                research_summary="研究方向简介。" * 10,
                claimed_at=now,
            )
            for n in range(50 * scale)
        )
        through = ExpertProfile.topics.through
        through.objects.bulk_create(
            through(expertprofile_id=e.pk, topic_id=t.pk)
            for e in experts
            for t in rng.sample(topics, 3)
        )
        companies = Company.objects.bulk_create(
            Company(name=f"青岛示例科技有限公司 {n:05d}", industry="C", district=f"区 {n % 10}")
            for n in range(10 * scale)
        )
        needs = Need.objects.bulk_create(
            Need(
                company=c,
                host=hosts[n % n_hosts],
                title=f"需求 {k}",
                description="希望与高校合作解决技术难题。" * 5,
                category=rng.choice(Need.Category.values),
                urgency=rng.choice(Need.Urgency.values),
                status=rng.choice(Need.OPEN_STATUSES),
                created_at=now - dt.timedelta(hours=n * 2 + k),
            )
            for n, c in enumerate(companies)
            for k in range(2)
        )
        need_through = Need.topics.through
        need_through.objects.bulk_create(
            need_through(need_id=need.pk, topic_id=t.pk)
            for need in needs
            for t in rng.sample(topics, 2)
        )
        users = User.objects.bulk_create(
            User(email=f"person{n}@bench.local", name=f"参会人 {n}", password=unusable)
            for n in range(100 * scale)
        )
        Registration.objects.bulk_create(
            Registration(
                event=events[n % n_events],
                user=u,
                role=Registration.Role.GUEST,
                status=Registration.Status.CONFIRMED,
            )
            for n, u in enumerate(users)
        )
        for e in events:
            seats_recount(event=e)


def pages() -> list[tuple[str, str]]:
    """(name, path) of every public page and list endpoint, with real objects in the paths."""
    from events.models import Event, Series
    from needs.models import Need
    from profiles.models import Company, ExpertProfile

    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("start").first()
    series = Series.objects.order_by("pk").first()
    expert = ExpertProfile.objects.order_by("pk").first()
    company = Company.objects.order_by("pk").first()
    need = Need.objects.order_by("pk").first()
    return [
        ("home", "/"),
        ("events list", "/events/"),
        ("events list, past", "/events/?phase=past"),
        ("event page", f"/events/{upcoming.slug}/"),
        ("series page", f"/series/{series.slug}/"),
        ("experts directory", "/profiles/experts/"),
        ("expert page", f"/profiles/experts/{expert.pk}/"),
        ("companies directory", "/profiles/companies/"),
        ("company page", f"/profiles/companies/{company.pk}/"),
        ("needs board", "/profiles/needs/"),
        ("need page", f"/profiles/needs/{need.pk}/"),
        ("API events list", "/api/v1/events/"),
        ("API event", f"/api/v1/events/{upcoming.pk}/"),
        ("API experts list", "/api/v1/experts/"),
        ("API companies list", "/api/v1/enterprises/"),
        ("API needs list", "/api/v1/needs/"),
    ]


def measure(path: str, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT="text/html,application/json;q=0.9", HTTP_ACCEPT_LANGUAGE="zh-hans")
    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    # Read now: the next request's start clears the connection's query log.
    count = len(queries.captured_queries)
    cpu, wall = [], []
    for _ in range(requests):
        c0, w0 = time.process_time(), time.perf_counter()
        client.get(path)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return {
        "queries": count,
        "cpu_ms_per_request": round(statistics.median(cpu) * 1000, 2),
        "requests_per_second": round(1 / statistics.median(wall), 1),
    }


def main() -> None:
    args = parse_args()
    tmp = None
    if args.keep:
        url = f"sqlite:///{Path(args.keep).resolve()}"
    elif os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
    else:
        tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)  # noqa: SIM115
        url = f"sqlite:///{tmp.name}"
    setup_django(url)
    from events.models import Event
    from hosts.models import Host

    suffix = f" scale {args.scale}" + (f" events {args.events}" if args.events else "")
    marker = Host.objects.filter(slug=MARKER_HOST).first()
    if marker is not None and not marker.name.endswith(suffix):
        raise SystemExit(f"This database holds the bench's data of another scale ({marker.name}).")
    if marker is None:
        if Event.objects.exists():
            raise SystemExit("This database already holds events: give the bench one of its own.")
        started = time.perf_counter()
        build(args.scale, args.events, suffix)
        print(
            json.dumps({"built": args.scale, "seconds": round(time.perf_counter() - started, 1)}),
            file=sys.stderr,
        )
    try:
        for name, path in pages():
            line = {"page": name, "scale": args.scale, **measure(path, args.requests)}
            print(json.dumps(line, ensure_ascii=False), flush=True)
    finally:
        if tmp is not None:
            from django.db import connection

            connection.close()
            os.unlink(tmp.name)


if __name__ == "__main__":
    main()
