import datetime as dt

import pytest
from django.utils import timezone

from chat import permissions, selectors
from chat.urls import urlpatterns
from conftest import ACTORS
from events.tests.factories import SessionFactory

ENTER = {"attendee", "expert", "host_staff", "host_owner", "superuser"}
MODERATE = {"host_staff", "host_owner", "superuser"}


@pytest.fixture
def room(world):
    now = timezone.now()
    session = SessionFactory(
        event=world.event, start=now - dt.timedelta(hours=2), end=now - dt.timedelta(hours=1)
    )
    session.speakers.add(world.expert_profile)
    return selectors.session_room(session_id=session.pk)


@pytest.mark.parametrize("actor", ACTORS)
def test_can_see_room_public_event(room, world, actor):
    assert permissions.can_see_room(world.actor(actor), room) is True


@pytest.mark.parametrize("actor", ACTORS)
def test_can_enter_room(room, world, actor):
    assert permissions.can_enter_room(world.actor(actor), room) == (actor in ENTER)


@pytest.mark.parametrize("actor", ACTORS)
def test_can_moderate_room(room, world, actor):
    assert permissions.can_moderate_room(world.actor(actor), room) == (actor in MODERATE)


@pytest.mark.parametrize("actor", ACTORS)
def test_can_export_transcript_after_the_end(room, world, actor):
    allowed = permissions.can_export_transcript(world.actor(actor), room.session)
    assert allowed == (actor in MODERATE)


@pytest.mark.parametrize("actor", ACTORS)
def test_can_export_transcript_not_before_the_end(room, world, actor):
    later = timezone.now() - dt.timedelta(hours=3)
    assert permissions.can_export_transcript(world.actor(actor), room.session, now=later) is False


def test_every_chat_url_is_in_the_permission_matrix():
    # test_views.py runs each of these over every actor; a new URL must join them there.
    assert {pattern.name for pattern in urlpatterns} == {
        "session",
        "transcript",
        "lobby",
        "settings",
        "slow_mode",
        "unmute",
        "session_window",
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_can_manage_chat(world, actor):
    assert permissions.can_manage_chat(world.actor(actor), world.event) == (actor in MODERATE)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("lobby", [False, True])
def test_room_member_agrees_with_the_predicates(room, world, actor, lobby):
    # The consumer re-checks rights with one query (selectors.room_member): it must decide as
    # can_enter_room / can_moderate_room do.
    if lobby:
        room = selectors.lobby_room(event_id=world.event.pk)
    user = world.actor(actor)
    member = selectors.room_member(user_id=user.pk, room=room) if user else None
    assert permissions.member_can_enter(member) == permissions.can_enter_room(user, room)
    assert permissions.member_can_moderate(member) == permissions.can_moderate_room(user, room)
