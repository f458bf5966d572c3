"""Bad input and failures on a chat socket: an error frame, never a dead socket; a Redis error
closes cleanly so the page reconnects; mutes and slow mode outlive the cache."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from redis.exceptions import ConnectionError as RedisConnectionError

from chat import state
from chat.models import Message
from chat.tests.conftest import connect, frame, joined
from chat.tests.factories import MessageFactory

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def _still_works(communicator):
    await communicator.send_json_to({"type": "message", "body": "还在"})
    assert (await frame(communicator))["body"] == "还在"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ('{"type": "message", "body": "a\\ud800b"}', "bad_text"),
        ('{"type": "message", "body": "nul\\u0000"}', "bad_text"),
        ('{"type": "message", "body": "\\u202egnp.exe"}', "bad_text"),
        ('{"type": "question", "body": "\\udfff"}', "bad_text"),
        ('{"type": "message", "body": "x", "client_id": "\\ud800"}', "bad_frame"),
        ('{"type": "\\ud800"}', "bad_frame"),
        ('{"type": "vote", "question_id": "\\ud800"}', "not_found"),
        ('{"type": "vote", "question_id": 99999999999999999999999}', "not_found"),
        ('{"type": "message", "body": "' + "长" * 20_000 + '"}', "too_long"),
        ('{"type": "message", "body": "' + "长" * 100_000 + '"}', "too_large"),
    ],
)
async def test_hostile_fields_get_an_error_frame_and_the_socket_stays(live, payload, code):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_to(text_data=payload)
    error = await frame(communicator)
    assert (error["type"], error["code"], bool(error["message"])) == ("error", code, True)
    await _still_works(communicator)
    assert await database_sync_to_async(Message.objects.count)() == 1
    await communicator.disconnect()


async def test_frame_over_64_kib_is_refused_by_the_consumer(live):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_to(text_data='{"type": "message", "body": "' + "x" * 65536 + '"}')
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "too_large")
    await _still_works(communicator)
    await communicator.disconnect()


async def test_odd_resume_point_gives_the_whole_history(live):
    communicator = await connect(live.actor("attendee"), live.path, query="?after=²")
    assert await frame(communicator) == {"type": "history", "messages": [], "has_more": False}
    await communicator.disconnect()


async def test_redis_error_sends_an_error_frame_then_closes_cleanly(live, monkeypatch):
    communicator = await joined(live.actor("attendee"), live.path)

    async def redis_down(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(get_channel_layer(), "group_send", redis_down)
    await communicator.send_json_to({"type": "message", "body": "存下了", "client_id": "k1"})
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "unavailable")
    assert await frame(communicator) == {"closed": 1011}
    await communicator.disconnect()
    # Stored before the failure: the page gets it back when it reconnects with ?after=.
    stored = await database_sync_to_async(Message.objects.get)()
    assert (stored.body, stored.client_id) == ("存下了", "k1")


async def test_mute_outlives_a_cache_restart(live):
    attendee = live.actor("attendee")
    moderator = await joined(live.actor("host_staff"), live.path)
    muted = await joined(attendee, live.path)
    await moderator.send_json_to({"type": "mute", "user_id": attendee.pk, "minutes": 10})
    assert (await frame(muted))["type"] == "muted"
    await database_sync_to_async(state.shared_cache().clear)()  # Redis restarted, empty
    await muted.send_json_to({"type": "message", "body": "我还在吗"})
    assert (await frame(muted))["code"] == "muted"
    await moderator.send_json_to({"type": "unmute", "user_id": attendee.pk})
    assert await frame(muted) == {"type": "muted", "until": None}
    await _still_works(muted)
    await moderator.disconnect()
    await muted.disconnect()


async def test_slow_mode_outlives_a_cache_restart(live):
    moderator = await joined(live.actor("host_staff"), live.path)
    attendee = await joined(live.actor("attendee"), live.path)
    await moderator.send_json_to({"type": "slow_mode", "seconds": 60})
    assert await frame(attendee) == {"type": "slow_mode", "seconds": 60}
    await attendee.send_json_to({"type": "message", "body": "一"})
    assert (await frame(attendee))["body"] == "一"
    last = state._last_key(f"session.{live.session.pk}", live.actor("attendee").pk)

    def restart():
        cache = state.shared_cache()
        sent_at = cache.get(last)
        cache.clear()
        cache.set(last, sent_at)  # only the slow-mode copy is lost

    await database_sync_to_async(restart)()
    await attendee.send_json_to({"type": "message", "body": "二"})
    assert (await frame(attendee))["code"] == "rate_limited"
    await moderator.disconnect()
    await attendee.disconnect()


async def test_unpin_reaches_everyone(live):
    message_id = await database_sync_to_async(
        lambda: MessageFactory(session=live.session, pinned=True).pk
    )()
    moderator = await joined(live.actor("host_staff"), live.path)
    attendee = await joined(live.actor("attendee"), live.path)
    await moderator.send_json_to({"type": "unpin", "message_id": message_id})
    assert await frame(attendee) == {"type": "unpinned", "message_id": message_id}
    assert await frame(moderator) == {"type": "unpinned", "message_id": message_id}
    assert await database_sync_to_async(Message.objects.get)(pk=message_id) is not None
    pinned = await database_sync_to_async(
        lambda: Message.objects.values_list("pinned", flat=True).get(pk=message_id)
    )()
    assert pinned is False
    await moderator.disconnect()
    await attendee.disconnect()


@pytest.mark.parametrize(
    "payload", [{"type": "unpin", "message_id": 1}, {"type": "unmute", "user_id": 1}]
)
async def test_unpin_and_unmute_forbidden_to_attendees(live, payload):
    communicator = await joined(live.actor("attendee"), live.path)
    await communicator.send_json_to(payload)
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "forbidden")
    await communicator.disconnect()
