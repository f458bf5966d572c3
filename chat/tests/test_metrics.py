"""Chat's figures for the operators' metrics: open sockets per room, messages stored."""

import json

import pytest
from prometheus_client import REGISTRY

from chat.tests.conftest import connect, frame, joined

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def sockets(room: str) -> float:
    return REGISTRY.get_sample_value("yizhan_chat_sockets", {"room": room}) or 0.0


def messages(kind: str) -> float:
    return REGISTRY.get_sample_value("yizhan_chat_messages_total", {"kind": kind}) or 0.0


async def test_sockets_per_room_rise_and_fall_with_connections(live):
    room = f"session.{live.session.pk}"
    before = sockets(room)
    one = await joined(live.actor("attendee"), live.path)
    two = await joined(live.actor("host_staff"), live.path)
    assert sockets(room) == before + 2
    await one.disconnect()
    assert sockets(room) == before + 1
    await two.disconnect()
    assert sockets(room) == before


async def test_stored_messages_and_questions_are_counted_once(live):
    before = (messages("message"), messages("question"))
    communicator = await joined(live.actor("attendee"), live.path)
    for kind, client_id in (("message", "m1"), ("message", "m1"), ("question", "q1")):
        body = {"type": kind, "body": "你好", "client_id": client_id}
        await communicator.send_to(text_data=json.dumps(body))
        assert (await frame(communicator))["type"] == kind
    await communicator.disconnect()
    # The repeated client_id hands back the stored message: not a second one.
    assert (messages("message"), messages("question")) == (before[0] + 1, before[1] + 1)


async def test_a_refused_socket_counts_no_socket(live):
    room = f"session.{live.session.pk}"
    before = sockets(room)
    refused = await connect(live.actor("anonymous"), live.path)
    assert await frame(refused) == {"closed": 4403}
    await refused.disconnect()
    assert sockets(room) == before
