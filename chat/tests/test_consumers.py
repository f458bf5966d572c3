"""The chat socket, over the real ASGI application (cookie + Origin, like a browser)."""

import asyncio
import datetime as dt

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from chat import state
from chat.models import ChatSettings, Message, Vote
from chat.tests.conftest import connect, frame, joined, presence_frames, quiet
from chat.tests.factories import MessageFactory
from conftest import ACTORS
from events.models import Event

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ALLOWED = {"attendee", "expert", "host_staff", "host_owner", "superuser"}


@pytest.mark.parametrize("actor", ACTORS)
async def test_session_room_admits_participants_only(live, actor):
    communicator = await connect(live.actor(actor), live.path)
    first = await frame(communicator)
    if actor in ALLOWED:
        assert first == {"type": "history", "messages": [], "has_more": False}
    else:
        assert first == {"closed": 4403}
    await communicator.disconnect()


@pytest.mark.parametrize("actor", ACTORS)
async def test_lobby_admits_participants_only(live, actor):
    communicator = await connect(live.actor(actor), live.lobby)
    first = await frame(communicator)
    expected = {"type": "history", "messages": [], "has_more": False}
    assert first == (expected if actor in ALLOWED else {"closed": 4403})
    await communicator.disconnect()


async def test_room_unknown_session_closes_4404(live):
    communicator = await connect(live.actor("attendee"), "/ws/sessions/999999/")
    assert await frame(communicator) == {"closed": 4404}
    await communicator.disconnect()


async def test_room_chat_disabled_closes_4404(live):
    live.session.chat_enabled = False
    await database_sync_to_async(live.session.save)()
    communicator = await connect(live.actor("attendee"), live.path)
    assert await frame(communicator) == {"closed": 4404}
    await communicator.disconnect()


async def test_room_of_invisible_event_closes_4404(live):
    live.event.status = Event.Status.DRAFT
    await database_sync_to_async(live.event.save)()
    communicator = await connect(live.actor("attendee"), live.lobby)
    assert await frame(communicator) == {"closed": 4404}
    await communicator.disconnect()


def _ticket(user, client):
    client.force_login(user)
    response = client.post("/api/v1/chat/tickets/")
    assert response.status_code == 201
    return response.json()


async def test_ticket_admits_once(live, client):
    body = await database_sync_to_async(_ticket)(live.actor("attendee"), client)
    assert set(body) == {"ticket", "expires"}
    first = await connect(None, live.path, query=f"?ticket={body['ticket']}")
    assert (await frame(first))["type"] == "history"
    again = await connect(None, live.path, query=f"?ticket={body['ticket']}")
    assert await frame(again) == {"closed": 4403}
    await first.disconnect()
    await again.disconnect()


async def test_ticket_expired_is_refused(live, client, monkeypatch):
    monkeypatch.setattr(state, "TICKET_SECONDS", 1)
    body = await database_sync_to_async(_ticket)(live.actor("attendee"), client)
    await asyncio.sleep(1.1)
    communicator = await connect(None, live.path, query=f"?ticket={body['ticket']}")
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()


async def test_ticket_unknown_is_refused(live):
    communicator = await connect(None, live.path, query="?ticket=made-up")
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()


async def test_ticket_of_outsider_is_refused(live, client):
    body = await database_sync_to_async(_ticket)(live.actor("user"), client)
    communicator = await connect(None, live.path, query=f"?ticket={body['ticket']}")
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()


def _messages(session, count, **kwargs):
    return [MessageFactory(session=session, **kwargs).pk for _ in range(count)]


async def test_history_last_fifty_oldest_first(live):
    ids = await database_sync_to_async(_messages)(live.session, 52)
    communicator = await connect(live.actor("attendee"), live.path)
    history = await frame(communicator)
    assert [m["id"] for m in history["messages"]] == ids[2:]
    assert history["has_more"] is True
    await communicator.disconnect()


async def test_history_leaves_out_deleted_messages(live):
    ids = await database_sync_to_async(_messages)(live.session, 3)
    await database_sync_to_async(Message.objects.filter(pk=ids[1]).update)(deleted=True)
    communicator = await connect(live.actor("attendee"), live.path)
    history = await frame(communicator)
    assert [m["id"] for m in history["messages"]] == [ids[0], ids[2]]
    assert history["has_more"] is False
    await communicator.disconnect()


async def test_history_after_holds_exactly_the_later_messages(live):
    ids = await database_sync_to_async(_messages)(live.session, 5)
    communicator = await connect(live.actor("attendee"), live.path, query=f"?after={ids[1]}")
    history = await frame(communicator)
    assert [m["id"] for m in history["messages"]] == ids[2:]
    assert history["has_more"] is False
    await communicator.disconnect()


async def test_history_after_says_has_more_past_the_page(live, monkeypatch):
    monkeypatch.setattr("chat.selectors.RESUME_SIZE", 2)
    ids = await database_sync_to_async(_messages)(live.session, 5)
    communicator = await connect(live.actor("attendee"), live.path, query=f"?after={ids[0]}")
    history = await frame(communicator)
    assert [m["id"] for m in history["messages"]] == ids[1:3]
    assert history["has_more"] is True
    await communicator.disconnect()
    communicator = await connect(live.actor("attendee"), live.path, query=f"?after={ids[2]}")
    history = await frame(communicator)
    assert [m["id"] for m in history["messages"]] == ids[3:]
    assert history["has_more"] is False
    await communicator.disconnect()


async def test_message_reaches_everyone_with_its_frame(live):
    sender = await joined(live.actor("attendee"), live.path)
    other = await joined(live.actor("host_staff"), live.path)
    body = "  <b>你好</b> https://example.com/a?b=1&c=2 \n第二行 "
    await sender.send_json_to({"type": "message", "body": body, "client_id": "c-1"})
    mine, theirs = await frame(sender), await frame(other)
    user = live.actor("attendee")
    assert mine == theirs
    assert mine == {
        "type": "message",
        "id": mine["id"],
        "client_id": "c-1",
        "author": {"id": user.pk, "name": user.name, "role": "guest"},
        "body": body,
        "created": mine["created"],
        "votes": 0,
        "pinned": False,
        "answered": False,
    }
    stored = await database_sync_to_async(Message.objects.get)(pk=mine["id"])
    assert stored.body == body
    assert stored.created.strftime("%Y-%m-%dT%H:%M:%SZ") == mine["created"]
    await sender.disconnect()
    await other.disconnect()


@pytest.mark.parametrize(
    ("actor", "role"),
    [("attendee", "guest"), ("expert", "speaker"), ("host_staff", "organizer")],
)
async def test_question_carries_the_author_role(live, actor, role):
    communicator = await joined(live.actor(actor), live.path)
    await communicator.send_json_to({"type": "question", "body": "何时发布？"})
    question = await frame(communicator)
    assert (question["type"], question["author"]["role"], question["client_id"]) == (
        "question",
        role,
        None,
    )
    await communicator.disconnect()


async def test_repeated_client_id_is_stored_once(live):
    sender = await joined(live.actor("attendee"), live.path)
    other = await joined(live.actor("host_staff"), live.path)
    await sender.send_json_to({"type": "message", "body": "一次", "client_id": "same"})
    first = await frame(sender)
    assert (await frame(other))["id"] == first["id"]
    await sender.send_json_to({"type": "message", "body": "一次", "client_id": "same"})
    assert await frame(sender) == first
    assert await quiet(other)
    assert await database_sync_to_async(Message.objects.count)() == 1
    await sender.disconnect()
    await other.disconnect()


async def test_votes_counted_once_per_person(live):
    question_id = await database_sync_to_async(
        lambda: MessageFactory(session=live.session, kind=Message.Kind.QUESTION).pk
    )()
    one = await joined(live.actor("attendee"), live.path)
    two = await joined(live.actor("expert"), live.path)
    await one.send_json_to({"type": "vote", "question_id": question_id})
    assert await frame(one) == {"type": "votes", "question_id": question_id, "votes": 1}
    assert await frame(two) == {"type": "votes", "question_id": question_id, "votes": 1}
    await one.send_json_to({"type": "vote", "question_id": question_id})
    await two.send_json_to({"type": "vote", "question_id": question_id})
    assert await frame(one) == {"type": "votes", "question_id": question_id, "votes": 2}
    assert await frame(two) == {"type": "votes", "question_id": question_id, "votes": 2}
    assert await database_sync_to_async(Vote.objects.count)() == 2
    assert await quiet(one)
    await one.disconnect()
    await two.disconnect()


async def test_vote_on_a_message_is_not_found(live):
    message_id = await database_sync_to_async(lambda: MessageFactory(session=live.session).pk)()
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "vote", "question_id": message_id})
    assert (await frame(communicator))["code"] == "not_found"
    await communicator.disconnect()


def _question(session):
    return MessageFactory(session=session, kind=Message.Kind.QUESTION).pk


@pytest.mark.parametrize(
    ("action", "key", "expected_type", "field"),
    [
        ("delete", "message_id", "deleted", "deleted"),
        ("pin", "message_id", "pinned", "pinned"),
        ("answered", "question_id", "answered", "answered"),
    ],
)
async def test_moderator_actions_reach_everyone(live, action, key, expected_type, field):
    question_id = await database_sync_to_async(_question)(live.session)
    moderator = await joined(live.actor("host_staff"), live.path)
    attendee = await joined(live.actor("attendee"), live.path)
    await moderator.send_json_to({"type": action, key: question_id})
    expected = {"type": expected_type, key: question_id}
    assert await frame(moderator) == expected
    assert await frame(attendee) == expected
    stored = await database_sync_to_async(Message.objects.get)(pk=question_id)
    assert getattr(stored, field) is True
    await moderator.disconnect()
    await attendee.disconnect()


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "delete", "message_id": 1},
        {"type": "pin", "message_id": 1},
        {"type": "answered", "question_id": 1},
        {"type": "mute", "user_id": 1, "minutes": 10},
        {"type": "slow_mode", "seconds": 30},
    ],
)
@pytest.mark.parametrize("actor", ["attendee", "expert"])
async def test_moderator_actions_forbidden_to_others(live, payload, actor):
    communicator = await joined(live.actor(actor), live.path)
    await communicator.send_json_to(payload)
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "forbidden")
    await communicator.disconnect()


async def test_moderator_action_on_unknown_message_is_not_found(live):
    moderator = await joined(live.actor("host_staff"), live.path)
    await moderator.send_json_to({"type": "delete", "message_id": 999999})
    assert (await frame(moderator))["code"] == "not_found"
    await moderator.disconnect()


async def test_mute_tells_the_person_and_refuses_their_messages(live):
    attendee = live.actor("attendee")
    moderator = await joined(live.actor("host_staff"), live.path)
    muted = await joined(attendee, live.path)
    await moderator.send_json_to({"type": "mute", "user_id": attendee.pk, "minutes": 10})
    notice = await frame(muted)
    until = dt.datetime.strptime(notice["until"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert notice["type"] == "muted"
    assert abs((until - timezone.now()).total_seconds() - 600) < 5
    await muted.send_json_to({"type": "message", "body": "我还在吗"})
    assert (await frame(muted))["code"] == "muted"
    assert await quiet(moderator)
    await moderator.send_json_to({"type": "message", "body": "主持人发言"})
    assert (await frame(muted))["body"] == "主持人发言"
    await moderator.disconnect()
    await muted.disconnect()


async def test_slow_mode_announced_and_enforced(live):
    moderator = await joined(live.actor("host_staff"), live.path)
    attendee = await joined(live.actor("attendee"), live.path)
    await moderator.send_json_to({"type": "slow_mode", "seconds": 30})
    assert await frame(attendee) == {"type": "slow_mode", "seconds": 30}
    assert await frame(moderator) == {"type": "slow_mode", "seconds": 30}
    await attendee.send_json_to({"type": "message", "body": "一"})
    assert (await frame(attendee))["body"] == "一"
    await attendee.send_json_to({"type": "message", "body": "二"})
    assert (await frame(attendee))["code"] == "rate_limited"
    await moderator.send_json_to({"type": "slow_mode", "seconds": 0})
    assert await frame(attendee) == {"type": "slow_mode", "seconds": 0}
    await attendee.send_json_to({"type": "message", "body": "三"})
    assert (await frame(attendee))["body"] == "三"
    await moderator.disconnect()
    await attendee.disconnect()


async def test_rate_limit_counts_stored_messages_only(live, settings):
    settings.CHAT_RATE_LIMIT_COUNT = 2
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": ""})
    assert (await frame(communicator))["code"] == "empty"
    for n in range(2):
        await communicator.send_json_to({"type": "message", "body": str(n), "client_id": f"r{n}"})
        assert (await frame(communicator))["body"] == str(n)
    # A repeat gets its message back and does not count; a third new one is refused.
    await communicator.send_json_to({"type": "message", "body": "0", "client_id": "r0"})
    assert (await frame(communicator))["client_id"] == "r0"
    await communicator.send_json_to({"type": "question", "body": "第三条"})
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "rate_limited")
    assert await database_sync_to_async(Message.objects.count)() == 2
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "empty"), ("   \n ", "empty"), ("长" * 2001, "too_long"), (5, "bad_frame")],
)
async def test_bad_bodies_get_an_error(live, body, code):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": body})
    error = await frame(communicator)
    assert (error["type"], error["code"], bool(error["message"])) == ("error", code, True)
    assert await database_sync_to_async(Message.objects.count)() == 0
    await communicator.disconnect()


async def test_longest_body_is_stored(live):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": "长" * 2000})
    assert len((await frame(communicator))["body"]) == 2000
    await communicator.disconnect()


@pytest.mark.parametrize(
    "text",
    ["{not json", "[1, 2]", '"message"', '{"type": "dance"}', '{"body": "x"}', '{"type": 3}'],
)
async def test_malformed_frames_get_an_error_and_the_socket_stays(live, text):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_to(text_data=text)
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "bad_frame")
    await communicator.send_json_to({"type": "message", "body": "还在"})
    assert (await frame(communicator))["body"] == "还在"
    await communicator.disconnect()


async def test_room_is_read_only_outside_its_window(live):
    now = timezone.now()
    live.session.start, live.session.end = now - dt.timedelta(hours=3), now - dt.timedelta(hours=2)
    await database_sync_to_async(live.session.save)()
    question_id = await database_sync_to_async(_question)(live.session)
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": "晚了"})
    assert (await frame(communicator))["code"] == "read_only"
    await communicator.send_json_to({"type": "vote", "question_id": question_id})
    assert (await frame(communicator))["code"] == "read_only"
    await communicator.disconnect()


async def test_room_window_follows_the_event_settings(live):
    now = timezone.now()
    live.session.start, live.session.end = (
        now + dt.timedelta(minutes=50),
        now + dt.timedelta(hours=2),
    )
    await database_sync_to_async(live.session.save)()
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": "早了"})
    assert (await frame(communicator))["code"] == "read_only"
    await communicator.disconnect()
    await database_sync_to_async(ChatSettings.objects.create)(event=live.event, opens_before=60)
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to({"type": "message", "body": "可以了"})
    assert (await frame(communicator))["body"] == "可以了"
    await communicator.disconnect()


async def test_lobby_is_read_only_after_the_event(live):
    now = timezone.now()
    live.event.start, live.event.end = now - dt.timedelta(hours=5), now - dt.timedelta(hours=1)
    await database_sync_to_async(live.event.save)()
    communicator = await joined(live.actor("attendee"), live.lobby)
    await communicator.send_json_to({"type": "message", "body": "散会了"})
    assert (await frame(communicator))["code"] == "read_only"
    await communicator.disconnect()


async def test_lobby_and_session_rooms_are_separate(live):
    lobby = await joined(live.actor("attendee"), live.lobby)
    room = await joined(live.actor("host_staff"), live.path)
    await lobby.send_json_to({"type": "message", "body": "大厅"})
    assert (await frame(lobby))["body"] == "大厅"
    assert await quiet(room)
    stored = await database_sync_to_async(Message.objects.get)()
    assert (stored.event_id, stored.session_id) == (live.event.pk, None)
    await lobby.disconnect()
    await room.disconnect()


async def test_presence_counts_people_online(live):
    one = await joined(live.actor("attendee"), live.path)
    two = await joined(live.actor("host_staff"), live.path)
    assert (await presence_frames(one, timeout=1.5))[-1] == 2
    await two.disconnect()
    assert await presence_frames(one, timeout=1.5) == [1]
    await one.disconnect()


async def test_deleted_author_shows_as_deleted_user(live):
    def make():
        message = MessageFactory(session=live.session)
        message.author.delete()

    await database_sync_to_async(make)()
    communicator = await connect(live.actor("attendee"), live.path)
    history = await frame(communicator)
    assert history["messages"][0]["author"] == {"id": None, "name": "deleted user", "role": "guest"}
    await communicator.disconnect()
