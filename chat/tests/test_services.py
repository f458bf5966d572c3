import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chat import selectors, services
from chat.models import Message, Vote
from chat.tests.factories import MessageFactory
from events.tests.factories import SessionFactory


@pytest.fixture
def room(world):
    now = timezone.now()
    world.event.start, world.event.end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=3)
    world.event.save()
    session = SessionFactory(event=world.event, start=now, end=now + dt.timedelta(hours=1))
    return selectors.session_room(session_id=session.pk)


def post(room, user, body="你好", client_id=None, kind="message"):
    return services.message_post(
        room=room, author=user, author_role="guest", kind=kind, body=body, client_id=client_id
    )


def test_message_post_keeps_the_body_exactly(room, world):
    body = " <script>alert(1)</script>\n  两行 "
    message, created = post(room, world.actor("attendee"), body)
    assert created is True
    assert Message.objects.get().body == body == message.body


def test_message_post_repeat_returns_the_stored_message(room, world):
    first, _ = post(room, world.actor("attendee"), "一", client_id="abc")
    again, created = post(room, world.actor("attendee"), "一", client_id="abc")
    assert (again.pk, created) == (first.pk, False)
    assert Message.objects.count() == 1


def test_message_post_same_client_id_of_two_people_stores_both(room, world):
    post(room, world.actor("attendee"), client_id="abc")
    post(room, world.actor("host_staff"), client_id="abc")
    assert Message.objects.count() == 2


def test_message_post_client_id_of_another_room_is_a_bad_frame(room, world):
    post(room, world.actor("attendee"), client_id="abc")
    other = selectors.lobby_room(event_id=world.event.pk)
    with pytest.raises(ValidationError) as error:
        post(other, world.actor("attendee"), client_id="abc")
    assert error.value.code == "bad_frame"


def test_message_post_too_long_client_id_is_a_bad_frame(room, world):
    with pytest.raises(ValidationError) as error:
        post(room, world.actor("attendee"), client_id="x" * 65)
    assert error.value.code == "bad_frame"


def test_question_vote_counts_once(room, world):
    question = MessageFactory(session=room.session, kind=Message.Kind.QUESTION)
    assert services.question_vote(question=question, user=world.actor("attendee")) == 1
    assert services.question_vote(question=question, user=world.actor("attendee")) is None
    assert services.question_vote(question=question, user=world.actor("expert")) == 2
    assert Vote.objects.filter(message=question).count() == 2


@pytest.mark.parametrize("minutes", [0, 1441, "5", None, True])
def test_user_mute_bad_minutes_is_a_bad_frame(room, world, minutes):
    with pytest.raises(ValidationError) as error:
        services.user_mute(room=room, user_id=world.actor("attendee").pk, minutes=minutes)
    assert error.value.code == "bad_frame"


def test_chat_settings_update_moves_the_window(room, world):
    services.chat_settings_update(event=world.event, opens_before=90, closes_after=5)
    moved = selectors.session_room(session_id=room.session.pk)
    assert moved.opens == room.session.start - dt.timedelta(minutes=90)
    assert moved.closes == room.session.end + dt.timedelta(minutes=5)


def test_lobby_window_runs_from_registration_to_the_end(world):
    lobby = selectors.lobby_room(event_id=world.event.pk)
    assert (lobby.opens, lobby.closes) == (world.event.created_at, world.event.end)


@pytest.mark.parametrize("code", ["read_only", "muted", "rate_limited"])
def test_refusals_are_translated(code):
    from django.utils import translation

    from chat.services import REFUSALS

    with translation.override("en"):
        english = str(REFUSALS[code])
    with translation.override("zh-hans"):
        chinese = str(REFUSALS[code])
    assert chinese != english
    assert all(ord(c) < 128 for c in english)
