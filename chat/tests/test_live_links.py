"""The live day: the agenda marks the session on now, and the event page, "My events" and the
ticket link a session's chat only while its room is open for that person."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from chat.models import ChatSettings
from chat.receivers import open_room_links
from conftest import ACTORS
from events.models import Event
from events.signals import RoomLink, open_rooms
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

# Who may enter an event's rooms: confirmed registrants, speakers, the host's staff.
ENTER = {"attendee", "expert", "host_staff", "host_owner", "superuser"}


def _live(event, **session_fields) -> None:
    """Move `event` around now, with a session on now (the expert of `world` may speak)."""
    now = timezone.now()
    event.start, event.end = now - dt.timedelta(hours=2), now + dt.timedelta(hours=2)
    event.save()
    return SessionFactory(
        event=event,
        title="高端装备专场",
        title_en="Advanced equipment",
        start=now - dt.timedelta(minutes=20),
        end=now + dt.timedelta(minutes=40),
        **session_fields,
    )


@pytest.fixture
def live(world):
    """`world`'s event live now: a session on now (the expert speaking) and one later today
    whose room is not open yet; another host's event live too."""
    world.session = _live(world.event)
    world.session.speakers.add(world.expert_profile)
    now = timezone.now()
    world.later = SessionFactory(
        event=world.event, start=now + dt.timedelta(hours=1), end=now + dt.timedelta(hours=2)
    )
    world.other_event = EventFactory(host=world.other_host)
    world.other_session = _live(world.other_event)
    RegistrationFactory(event=world.other_event, user=world.actor("user"))
    return world


def _chat_url(event, session) -> str:
    return reverse("chat:session", args=[event.slug, session.pk])


@pytest.mark.parametrize("actor", ACTORS)
def test_event_page_links_the_open_room_only_for_who_may_enter(client_for, live, actor):
    response = client_for(live.actor(actor)).get(reverse("events:detail", args=[live.event.slug]))
    rows = response.context["agenda"]
    assert [(row["session"].pk, row["on_now"]) for row in rows] == [
        (live.session.pk, True),
        (live.later.pk, False),
    ]
    expected = _chat_url(live.event, live.session) if actor in ENTER else None
    assert [row["chat_url"] for row in rows] == [expected, None]
    assert ("进入交流" in response.content.decode()) == (actor in ENTER)


@pytest.mark.parametrize("actor", ACTORS)
def test_another_hosts_live_event_links_its_room_only_for_its_registrant_and_superuser(
    client_for, live, actor
):
    response = client_for(live.actor(actor)).get(
        reverse("events:detail", args=[live.other_event.slug])
    )
    expected = (
        _chat_url(live.other_event, live.other_session)
        if actor in {"user", "other_host_staff", "superuser"}
        else None
    )
    assert [row["chat_url"] for row in response.context["agenda"]] == [expected]


def test_a_room_opens_before_its_session_as_the_chat_settings_say(client_for, world):
    session = _live(world.event)
    now = timezone.now()
    session.start, session.end = now + dt.timedelta(minutes=20), now + dt.timedelta(minutes=80)
    session.save()
    attendee = world.actor("attendee")
    assert open_rooms(attendee, [world.event]) == [
        RoomLink(
            event_id=world.event.pk,
            session_id=session.pk,
            url=_chat_url(world.event, session),
            title="高端装备专场",
        )
    ]
    ChatSettings.objects.create(event=world.event, opens_before=10, closes_after=10)
    world.event.refresh_from_db()
    assert open_rooms(attendee, [world.event]) == []
    response = client_for(attendee).get(reverse("events:detail", args=[world.event.slug]))
    assert [(row["on_now"], row["chat_url"]) for row in response.context["agenda"]] == [
        (False, None)
    ]


def test_sessions_without_chat_and_ended_rooms_are_not_linked(world):
    now = timezone.now()
    _live(world.event, chat_enabled=False)
    SessionFactory(
        event=world.event, start=now - dt.timedelta(hours=2), end=now - dt.timedelta(hours=1)
    )
    assert open_rooms(world.actor("attendee"), [world.event]) == []


def test_the_link_title_follows_the_language(world):
    from django.utils import translation

    session = _live(world.event)
    with translation.override("en"):
        links = open_rooms(world.actor("attendee"), [world.event])
    assert [(link.session_id, link.title) for link in links] == [(session.pk, "Advanced equipment")]


def test_far_events_cost_no_query(django_assert_num_queries, world):
    user = world.actor("attendee")
    event = EventFactory(start=timezone.now() + dt.timedelta(days=30))
    with django_assert_num_queries(0):
        links = open_room_links(Event, user=user, events=[event], now=timezone.now())
    assert links == []


@pytest.mark.parametrize("size", [1, 3])
def test_my_events_links_open_rooms_in_constant_queries(client, django_assert_num_queries, size):
    user = UserFactory()
    expected = []
    for _ in range(size):
        event = EventFactory()
        session = _live(event)
        RegistrationFactory(event=event, user=user)
        expected.append((event.pk, _chat_url(event, session)))
    RegistrationFactory(user=user, status="cancelled", event=EventFactory())
    client.force_login(user)
    # session, user, organizer menu, registrations; staff, registrations, speakers, sessions
    with django_assert_num_queries(8):
        response = client.get(reverse("events:my_events"))
    links = [(link.event_id, link.url) for row in response.context["rows"] for link in row["chat"]]
    assert sorted(links) == sorted(expected)
    assert response.content.decode().count('class="join-chat"') == size


def test_ticket_links_the_open_room_and_a_cancelled_ticket_does_not(client, world):
    session = _live(world.event)
    registration = world.event.registrations.get(user=world.actor("attendee"))
    client.force_login(registration.user)
    response = client.get(reverse("events:ticket", args=[registration.ticket_token]))
    assert [link.url for link in response.context["chat"]] == [_chat_url(world.event, session)]
    registration.status = "cancelled"
    registration.save()
    response = client.get(reverse("events:ticket", args=[registration.ticket_token]))
    assert response.context["chat"] == []
    assert 'class="join-chat"' not in response.content.decode()
