import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.tests.factories import EventFactory, SessionFactory


@pytest.fixture
def three_phases(db):
    now = timezone.now()
    return {
        "live": EventFactory(title="进行中的会", start=now - dt.timedelta(hours=1)),
        "upcoming": EventFactory(title="将来的会", start=now + dt.timedelta(days=3)),
        "past": EventFactory(title="过去的会", start=now - dt.timedelta(days=30)),
    }


def test_home_groups_events_by_phase(client, three_phases):
    response = client.get(reverse("home"))
    phases = response.context["phases"]
    assert [e.title for e in phases["live"]] == ["进行中的会"]
    assert [e.title for e in phases["upcoming"]] == ["将来的会"]
    assert [e.title for e in phases["past"]] == ["过去的会"]


def test_home_hides_drafts_and_invite_only_events(client, db):
    EventFactory(title="草稿", status=Event.Status.DRAFT)
    EventFactory(title="内部", visibility=Event.Visibility.INVITE)
    response = client.get(reverse("home"))
    assert "草稿" not in response.content.decode()
    assert "内部" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_home_runs_a_constant_number_of_queries(client, db, django_assert_num_queries, count):
    for _ in range(count):
        EventFactory()
    with django_assert_num_queries(3):
        client.get(reverse("home"))


def test_event_detail_shows_agenda_in_event_time_zone(client, db):
    start = dt.datetime(2025, 3, 21, 6, 30, tzinfo=dt.UTC)  # 14:30 in Shanghai
    event = EventFactory(start=start, end=start + dt.timedelta(hours=3))
    SessionFactory(
        event=event, title="人才政策解读", start=start, end=start + dt.timedelta(minutes=30)
    )
    response = client.get(reverse("events:detail", args=[event.slug]))
    html = response.content.decode()
    assert "人才政策解读" in html
    assert "14:30–15:00" in html


def test_event_detail_of_a_draft_is_404(client, db):
    event = EventFactory(status=Event.Status.DRAFT)
    response = client.get(reverse("events:detail", args=[event.slug]))
    assert response.status_code == 404


def test_english_readers_see_english_host_and_venue_names(client, db):
    from events.tests.factories import VenueFactory

    event = EventFactory(title="座谈会", title_en="Forum")
    event.host.name_en = "Talent Station"
    event.host.save()
    event.venue = VenueFactory(host=event.host, name="会客厅", name_en="Talent Lounge")
    event.save()
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Talent Station" in html
    assert "Talent Lounge" in html
    assert "会客厅" not in html


def test_home_shows_at_most_a_phase_limit_of_upcoming_events(client, db):
    from events.selectors import PHASE_LIMIT

    now = timezone.now()
    events = [
        EventFactory(title=f"将来的会{n}", start=now + dt.timedelta(days=n + 1))
        for n in range(PHASE_LIMIT + 1)
    ]
    response = client.get(reverse("home"))
    assert response.context["phases"]["upcoming"] == events[:PHASE_LIMIT]
    assert f'href="{reverse("events:list")}">' in response.content.decode()
