"""How fast the organizer's dashboard and the figures API answer with a big host.

    .venv/bin/python bench/outcomes.py [--needs 100000] [--events 1000] [--requests 40]

Builds its data in a temporary SQLite file (never the development database): one host with
`--needs` needs over two years (each with a topic, a district and a company size; a third
resolved, many rated), `--events` events with 30 registrations each, meetings, chat messages,
introductions, feedback and follow-ups. Then, warm (after three requests that are not
counted), it requests through Django's test client — the real URL, view, selectors and
template — the dashboard and the figures API for the last 90 and the last 365 days, and
prints one JSON object: p50 and p95 in milliseconds, and the number of queries per request.
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", help="build into this SQLite file and keep it (or reuse it)")
    return parser.parse_args()


def setup_django(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(needs_count: int, events_count: int) -> dict:
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from chat.models import Message
    from events.models import Event, Registration
    from hosts.models import Host, HostMembership
    from matching.models import Introduction
    from meetings.models import Meeting, MeetingSlot, MeetingTable
    from needs.models import Need, NeedRating
    from outcomes.models import FeedbackRequest, FollowUp
    from profiles.models import Company, ExpertProfile, Topic

    rng = random.Random(7)
    now = timezone.now()
    span = dt.timedelta(days=730)
    with transaction.atomic():
        host = Host.objects.create(name="Bench station", slug="bench", status="approved")
        unusable = "!"  # an unusable password: nobody logs in with these accounts
        staff = User.objects.create(email="staff@bench.local", name="staff", password=unusable)
        HostMembership.objects.create(host=host, user=staff, role="owner")
        topics = list(Topic.objects.order_by("id")[:60]) or [
            Topic.objects.create(slug=f"t{n}", name_zh=f"主题{n}", name_en=f"Topic {n}")
            for n in range(60)
        ]
        companies = Company.objects.bulk_create(
            Company(
                name=f"Company {n}",
                district=f"District {n % 12}",
                size=["micro", "small", "medium", "large"][n % 4],
            )
            for n in range(400)
        )
        users = User.objects.bulk_create(
            User(email=f"p{n}@bench.local", name=f"P{n}", password=unusable) for n in range(3000)
        )
        experts = ExpertProfile.objects.bulk_create(
            ExpertProfile(user=users[n], name=f"Expert {n}", claimed_at=now) for n in range(300)
        )
        needs = []
        for n in range(needs_count):
            created = now - span * rng.random()
            status = rng.choice(
                ["submitted", "acknowledged", "in_progress", "resolved", "resolved"]
            )
            responded = created + dt.timedelta(hours=rng.randint(1, 96))
            needs.append(
                Need(
                    company=companies[n % len(companies)],
                    title=f"Need {n}",
                    category=rng.choice(Need.Category.values),
                    status=status,
                    host=host,
                    created_at=created,
                    response_deadline=created + dt.timedelta(days=3),
                    responded_at=None if status == "submitted" else responded,
                    resolved_at=responded + dt.timedelta(days=9) if status == "resolved" else None,
                )
            )
        Need.objects.bulk_create(needs, batch_size=5000)
        Need.topics.through.objects.bulk_create(
            (
                Need.topics.through(need_id=need.pk, topic_id=topics[i % len(topics)].pk)
                for i, need in enumerate(needs)
            ),
            batch_size=5000,
        )
        NeedRating.objects.bulk_create(
            (
                NeedRating(need=need, score=rng.randint(1, 5))
                for need in needs
                if need.status == "resolved" and rng.random() < 0.6
            ),
            batch_size=5000,
        )
        intros = Introduction.objects.bulk_create(
            (
                Introduction(
                    need=needs[i],
                    expert=experts[i % len(experts)],
                    initiator="company",
                    status=rng.choice(["accepted", "declined", "expired", "pending"]),
                    created_at=needs[i].created_at,
                    decided_at=needs[i].created_at + dt.timedelta(days=3),
                    expires_at=needs[i].created_at + dt.timedelta(days=7),
                )
                for i in range(0, needs_count, 10)
            ),
            batch_size=5000,
        )
        events = Event.objects.bulk_create(
            Event(
                host=host,
                slug=f"bench-{n}",
                title=f"Forum {n}",
                start=(start := now - span * (n / events_count)),
                end=start + dt.timedelta(hours=3),
                status="finished",
            )
            for n in range(events_count)
        )
        registrations, slots, messages, feedback = [], [], [], []
        for index, event in enumerate(events):
            people = rng.sample(range(len(users)), 30)
            for k, person in enumerate(people):
                registrations.append(
                    Registration(
                        event=event,
                        user=users[person],
                        role=["expert", "enterprise", "guest"][k % 3],
                        status="confirmed" if k < 26 else rng.choice(["waitlisted", "cancelled"]),
                        created_at=event.start - dt.timedelta(days=rng.randint(1, 30)),
                        checked_in_at=event.start if k < 20 else None,
                    )
                )
                if k < 20:
                    feedback.append(
                        FeedbackRequest(
                            event=event,
                            user=users[person],
                            answered_at=event.end if k < 12 else None,
                            rating=rng.randint(3, 5) if k < 12 else None,
                        )
                    )
            for k in range(20):
                messages.append(
                    Message(
                        event=event,
                        author=users[people[k]],
                        kind="question" if k % 4 == 0 else "message",
                        body="…",
                        created=event.start,
                        votes=k % 3,
                    )
                )
            slots.append(
                MeetingSlot(
                    event=event, start=event.start, end=event.start + dt.timedelta(minutes=20)
                )
            )
            del index
        Registration.objects.bulk_create(registrations, batch_size=5000)
        FeedbackRequest.objects.bulk_create(feedback, batch_size=5000)
        Message.objects.bulk_create(messages, batch_size=5000)
        MeetingSlot.objects.bulk_create(slots, batch_size=5000)
        tables = MeetingTable.objects.bulk_create(
            MeetingTable(event=event, name="A1") for event in events
        )
        Meeting.objects.bulk_create(
            (
                Meeting(
                    event=events[i],
                    slot=slots[i],
                    table=tables[i],
                    expert=users[i % 300],
                    company_member=users[300 + i % 2000],
                )
                for i in range(events_count)
            ),
            batch_size=5000,
        )
        FollowUp.objects.bulk_create(
            (
                FollowUp(
                    host=host,
                    user=users[i % len(users)],
                    side="company",
                    introduction=intro,
                    need_id=intro.need_id,
                    sent_at=intro.created_at + dt.timedelta(days=182),
                    answered_at=now,
                    outcome=rng.choice(["no_contact", "in_contact", "agreement", "project"]),
                )
                for i, intro in enumerate(intros)
                if intro.status == "accepted"
            ),
            batch_size=5000,
        )
    return {"host": host, "staff": staff}


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200
    times, cpu, queries = [], [], set()
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
        queries.add(len(captured))
    times.sort()
    cpu.sort()

    def p95(values):
        return round(values[max(0, int(len(values) * 0.95) - 1)], 1)

    # Wall time suffers when other processes share the two cores; CPU time (SQLite runs in
    # this process) is what the request itself costs.
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": p95(times),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": p95(cpu),
        "queries": sorted(queries),
    }


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or str(Path(folder) / "bench.sqlite3")
        reuse = bool(args.keep) and Path(path).exists()
        setup_django(path)
        from django.test import Client
        from django.utils import timezone

        from accounts.models import User

        started = time.perf_counter()
        if not reuse:
            build(args.needs, args.events)
        built = time.perf_counter() - started
        client = Client()
        client.force_login(User.objects.get(email="staff@bench.local"))
        today = timezone.localdate()
        results = {}
        for days in (90, 365):
            first = today - timezone.timedelta(days=days - 1)
            query = f"from={first.isoformat()}&to={today.isoformat()}"
            results[f"dashboard_{days}d"] = measure(
                client, f"/hosts/bench/outcomes/?{query}", args.requests
            )
            results[f"figures_api_{days}d"] = measure(
                client, f"/api/v1/hosts/bench/figures/?{query}", args.requests
            )
        print(
            json.dumps(
                {
                    "load_average": round(os.getloadavg()[0], 1),
                    "needs": args.needs,
                    "events": args.events,
                    "database": "sqlite",
                    "build_seconds": round(built, 1),
                    "requests": args.requests,
                    **results,
                }
            )
        )


if __name__ == "__main__":
    main()
