import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from events.demo import LIVE_SLUG, PAST_SLUG, UPCOMING_SLUG
from events.models import Event, EventSeats, Registration, Session
from events.selectors import SEAT_ROLES
from hosts.models import Host
from needs.models import Need
from profiles.models import Company, ExpertProfile

pytestmark = pytest.mark.slow  # seed_demo


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "users": User.objects.count(),
        "hosts": Host.objects.count(),
        "experts": ExpertProfile.objects.count(),
        "companies": Company.objects.count(),
        "needs": Need.objects.count(),
        "events": list(Event.objects.order_by("slug").values_list("slug", "start", "end")),
        "sessions": list(Session.objects.order_by("id").values_list("id", "start", "end")),
    }


@pytest.mark.django_db
def test_seed_demo_creates_the_forum():
    output = seed()
    past = Event.objects.get(slug=PAST_SLUG)
    assert past.title.startswith("聚智赋能 科创未来")
    assert past.start.astimezone(past.tzinfo).date() == dt.date(2025, 3, 21)
    assert past.start.astimezone(past.tzinfo).hour >= 12  # an afternoon in Asia/Shanghai
    assert past.sessions.count() == 5
    assert ExpertProfile.objects.count() == 10
    assert Company.objects.count() == 10
    assert set(ExpertProfile.objects.values_list("institution", flat=True)) == {
        "哈尔滨工程大学",
        "山东大学",
        "山东科技大学",
        "曲阜师范大学",
    }
    # 思普润 also has the two needs of matching's demo introductions; the outcomes demo adds
    # needs of past seasons, all older than 60 days.
    companies = Company.objects.exclude(name="青岛思普润水处理股份有限公司")
    recent = timezone.now() - dt.timedelta(days=50)
    assert all(1 <= c.needs.filter(created_at__gte=recent).count() <= 2 for c in companies)
    assert "organizer@demo.yizhan.local" in output


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    seed()
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "nothing changed" in output


@pytest.mark.django_db
def test_seed_demo_places_live_and_upcoming_events_around_now():
    seed()
    now = timezone.now()
    live = Event.objects.get(slug=LIVE_SLUG)
    upcoming = Event.objects.get(slug=UPCOMING_SLUG)
    assert live.start <= now < live.end
    assert abs((live.end - live.start) - dt.timedelta(hours=24)) < dt.timedelta(seconds=1)
    assert dt.timedelta(days=20) < upcoming.start - now < dt.timedelta(days=22)
    assert (live.requires_approval, upcoming.requires_approval) == (False, False)


@pytest.mark.django_db
def test_live_event_sessions_cover_its_whole_span_without_gaps():
    seed()
    live = Event.objects.get(slug=LIVE_SLUG)
    sessions = list(live.sessions.order_by("start"))
    assert sessions[0].start == live.start
    assert sessions[-1].end == live.end
    assert all(a.end == b.start for a, b in zip(sessions, sessions[1:], strict=False))
    assert all(s.chat_enabled for s in sessions)


@pytest.mark.django_db
def test_seed_demo_moves_ended_relative_events_forward():
    seed()
    long_ago = timezone.now() - dt.timedelta(days=60)
    for slug in (LIVE_SLUG, UPCOMING_SLUG):
        event = Event.objects.get(slug=slug)
        shift = long_ago - event.start
        Event.objects.filter(pk=event.pk).update(start=event.start + shift, end=event.end + shift)
    past_before = Event.objects.get(slug=PAST_SLUG).start

    seed()
    now = timezone.now()
    live = Event.objects.get(slug=LIVE_SLUG)
    upcoming = Event.objects.get(slug=UPCOMING_SLUG)
    assert live.start <= now < live.end
    assert live.sessions.order_by("start").first().start == live.start
    assert upcoming.start > now
    assert Event.objects.get(slug=PAST_SLUG).start == past_before


@pytest.mark.django_db
def test_seed_demo_leaves_every_seat_row_equal_to_the_confirmed_registrations():
    seed()
    seed()  # and again, idempotently
    events = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        **{
            role: Count(
                "registrations",
                filter=Q(registrations__status="confirmed", registrations__role=role),
            )
            for role in SEAT_ROLES
        },
    )
    assert Registration.objects.filter(status="confirmed").exists()
    for event in events:
        row = EventSeats.objects.filter(event=event).first()
        taken = row.taken if row else 0
        assert taken == event.confirmed, event.slug
        for role in SEAT_ROLES:
            assert (getattr(row, f"taken_{role}") if row else 0) == getattr(event, role), (
                event.slug,
                role,
            )
