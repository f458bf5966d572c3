"""The outbox: frames go through the server's own ASGI send, and a socket whose send has to
wait holds up no other socket."""

import asyncio

import pytest

from chat import transport
from chat.transport import Outbox

pytestmark = pytest.mark.asyncio


class Server:
    """An ASGI `send` that waits, like a server applying back-pressure, while `writable` is
    cleared."""

    def __init__(self, writable: bool = True):
        self.sent: list[dict] = []
        self.writable = asyncio.Event()
        if writable:
            self.writable.set()

    async def send(self, message):
        await self.writable.wait()
        self.sent.append(message)


def _text(n):
    return {"type": "websocket.send", "text": str(n)}


async def test_outbox_sends_at_once_when_the_server_does_not_wait():
    server = Server()
    outbox = Outbox(server.send)
    for n in range(3):
        outbox.put(_text(n))
    assert server.sent == [_text(0), _text(1), _text(2)]
    assert (outbox.waiting, outbox.task) == (0, None)


async def test_outbox_of_a_slow_socket_holds_up_no_other_socket():
    slow, fast = Server(writable=False), Server()
    slow_box, fast_box = Outbox(slow.send), Outbox(fast.send)
    for n in range(3):
        slow_box.put(_text(n))
        fast_box.put(_text(n))
    assert fast.sent == [_text(0), _text(1), _text(2)]
    assert (slow.sent, slow_box.waiting) == ([], 2)
    slow.writable.set()
    await slow_box.task
    assert slow.sent == [_text(0), _text(1), _text(2)]
    slow_box.put(_text(3))  # straight through again
    assert (slow.sent[-1], slow_box.waiting) == (_text(3), 0)


async def test_outbox_closes_a_socket_that_never_reads(monkeypatch):
    monkeypatch.setattr(transport, "MAX_BACKLOG", 2)
    server = Server(writable=False)
    outbox = Outbox(server.send)
    for n in range(5):
        outbox.put(_text(n))
    server.writable.set()
    await outbox.task
    assert server.sent == [_text(0), {"type": "websocket.close", "code": 1013}]


async def test_outbox_sends_nothing_after_a_close():
    server = Server()
    outbox = Outbox(server.send)
    outbox.put({"type": "websocket.close", "code": 4403})
    outbox.put(_text(1))
    assert server.sent == [{"type": "websocket.close", "code": 4403}]


async def test_outbox_stops_when_the_socket_is_gone():
    async def gone(message):
        raise OSError("connection lost")

    outbox = Outbox(gone)
    outbox.put(_text(1))
    outbox.put(_text(2))
    assert outbox.closed is True
