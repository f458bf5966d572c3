"""Chat test helpers: a live session in the shared `world`, and WebSocket clients."""

import asyncio
import datetime as dt
import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.routing import get_default_application
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils import timezone

from events.tests.factories import SessionFactory

ORIGIN = (b"origin", b"http://testserver")


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """A new channel layer for every test: each test runs its own event loop, and a Redis layer
    keeps receive state bound to the loop that first used it."""
    channel_layers.backends = {}
    async_to_sync(get_channel_layer().flush)()
    yield
    channel_layers.backends = {}


@pytest.fixture
def live(world):
    """`world` with its event running now, a session in it (the expert speaks there)."""
    now = timezone.now()
    world.event.start, world.event.end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=3)
    world.event.save()
    world.session = SessionFactory(
        event=world.event, start=now - dt.timedelta(minutes=10), end=now + dt.timedelta(hours=1)
    )
    world.session.speakers.add(world.expert_profile)
    world.path = f"/ws/sessions/{world.session.pk}/"
    world.lobby = f"/ws/events/{world.event.pk}/lobby/"
    return world


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def connect(user, path: str, *, query: str = "") -> WebsocketCommunicator:
    """An accepted socket (check the next frame for a refusal); disconnect it in the test."""
    application = get_default_application()  # settings.ASGI_APPLICATION, the real one
    headers = [ORIGIN]
    if user is not None:
        cookie = await database_sync_to_async(session_cookie)(user)
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path + query, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def frame(communicator, timeout: float = 3) -> dict:
    """The next frame, skipping presence counts (they come whenever people join or leave)."""
    while True:
        output = await communicator.receive_output(timeout)
        if output["type"] == "websocket.close":
            return {"closed": output.get("code")}

        data = json.loads(output["text"])
        if data["type"] != "presence":
            return data


async def joined(user, path: str, *, query: str = "") -> WebsocketCommunicator:
    """A connected socket whose history frame was read."""
    communicator = await connect(user, path, query=query)
    history = await frame(communicator)
    assert history["type"] == "history", history
    return communicator


async def quiet(communicator, timeout: float = 0.3) -> bool:
    """No frame but presence counts arrives within `timeout` (without cancelling the app, which
    a timed-out receive_output would do)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (left := deadline - loop.time()) > 0:
        if await communicator.receive_nothing(timeout=left):
            return True
        data = json.loads((await communicator.receive_output())["text"])
        if data["type"] != "presence":
            raise AssertionError(f"unexpected frame {data}")
    return True


async def presence_frames(communicator, timeout: float) -> list[int]:
    """Every presence count that arrives within `timeout` (other frames are dropped)."""
    loop = asyncio.get_running_loop()
    deadline, counts = loop.time() + timeout, []
    while (left := deadline - loop.time()) > 0:
        if await communicator.receive_nothing(timeout=left):
            break
        data = json.loads((await communicator.receive_output())["text"])
        if data["type"] == "presence":
            counts.append(data["online"])
    return counts
