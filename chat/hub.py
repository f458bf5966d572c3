"""Fan-out inside one process.

Each process subscribes once per room to the room's channel-layer group, whatever the number of
sockets it serves there; a frame arrives once per process, already encoded, and the same text
goes to every local socket. Presence is counted in the cache and pushed at most once a second.
"""

import asyncio
import contextlib
import logging
import time
import weakref

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from chat import frames, state

logger = logging.getLogger(__name__)
PRESENCE_INTERVAL = 1.0

# One registry per event loop: a hub's tasks belong to the loop that started them.
_registries: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, RoomHub]]" = (
    weakref.WeakKeyDictionary()
)


def _registry() -> dict:
    loop = asyncio.get_running_loop()
    return _registries.setdefault(loop, {})


class RoomHub:
    def __init__(self, *, room_key: str, group: str):
        self.room_key = room_key
        self.group = group
        self.layer = get_channel_layer()
        self.sockets: set = set()
        self.channel: str | None = None
        self.started = asyncio.get_running_loop().create_task(self._start())
        self.listener: asyncio.Task | None = None
        self.presence_task: asyncio.Task | None = None
        self.presence_dirty = False
        self.presence_at = 0.0
        self.presence_text: str | None = None
        self.presence_online: int | None = None

    # --- membership -----------------------------------------------------------------------
    @classmethod
    async def join(cls, socket, *, room_key: str, group: str) -> "RoomHub":
        """Add a socket; it gets frames from now on (buffered until it says it is ready)."""
        registry = _registry()
        hub = registry.get(room_key)
        if hub is None:
            hub = registry[room_key] = cls(room_key=room_key, group=group)
        hub.sockets.add(socket)
        await hub.started
        await sync_to_async(state.presence_change, thread_sensitive=False)(room_key, 1)
        await hub.publish_raw({"type": "chat.presence"})
        return hub

    async def leave(self, socket) -> None:
        self.sockets.discard(socket)
        if not self.sockets:
            registry = _registry()
            if registry.get(self.room_key) is self:
                del registry[self.room_key]
            await self._stop()
        await sync_to_async(state.presence_change, thread_sensitive=False)(self.room_key, -1)
        await self.publish_raw({"type": "chat.presence"})

    async def _start(self) -> None:
        self.channel = await self.layer.new_channel(prefix="chat-room.")
        await self.layer.group_add(self.group, self.channel)
        self.listener = asyncio.get_running_loop().create_task(self._listen())

    async def _stop(self) -> None:
        for task in (self.listener, self.presence_task):
            if task is not None:
                task.cancel()
        with contextlib.suppress(Exception):
            await self.layer.group_discard(self.group, self.channel)

    # --- sending --------------------------------------------------------------------------
    async def publish(self, text: str, *, message_id: int | None = None, user_id=None) -> None:
        """Send an encoded frame to every socket of the room in every process (or to one
        person's sockets when user_id is given)."""
        await self.publish_raw(
            {"type": "chat.frame", "text": text, "id": message_id, "user_id": user_id}
        )

    async def publish_raw(self, event: dict) -> None:
        await self.layer.group_send(self.group, event)

    async def _listen(self) -> None:
        receive = self.layer.receive
        channel = self.channel
        while True:
            event = await receive(channel)
            try:
                if event["type"] == "chat.frame":
                    await self._fan_out(event["text"], event.get("id"), event.get("user_id"))
                elif event["type"] == "chat.presence":
                    self._presence_soon()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("chat: could not deliver a frame in %s", self.room_key)

    async def _fan_out(self, text: str, message_id, user_id) -> None:
        # One message dict for every socket (the server only reads it), each handed to the
        # server's own `send` through the socket's outbox, which never waits on a slow socket.
        out = {"type": "websocket.send", "text": text}
        for socket in tuple(self.sockets):
            if user_id is not None and socket.user_id != user_id:
                continue
            if socket.pending is not None:
                socket.pending.append((message_id, text))
                continue
            socket.outbox.put(out)

    # --- presence -------------------------------------------------------------------------
    def _presence_soon(self) -> None:
        self.presence_dirty = True
        if self.presence_task is None or self.presence_task.done():
            self.presence_task = asyncio.get_running_loop().create_task(self._presence())

    async def _presence(self) -> None:
        while self.presence_dirty:
            wait = self.presence_at + PRESENCE_INTERVAL - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.presence_dirty = False
            count = sync_to_async(state.presence_count, thread_sensitive=False)
            online = await count(self.room_key)
            if online == self.presence_online:
                continue
            self.presence_at = time.monotonic()
            self.presence_online = online
            self.presence_text = frames.encode({"type": "presence", "online": online})
            await self._fan_out(self.presence_text, None, None)


# --- People: a change of someone's rights reaches their sockets in every process --------------
def user_group(user_id: int) -> str:
    """The channel-layer group of one person's sockets (chat/signals.py sends to it)."""
    return f"chat.user.{user_id}"


_people: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, PeopleHub]" = (
    weakref.WeakKeyDictionary()
)


class PeopleHub:
    """One channel per process, in the group of every person it has sockets for."""

    def __init__(self):
        self.layer = get_channel_layer()
        self.sockets: dict[int, set] = {}
        self.channel: str | None = None
        self.listener: asyncio.Task | None = None
        self.lock = asyncio.Lock()

    @classmethod
    def get(cls) -> "PeopleHub":
        loop = asyncio.get_running_loop()
        hub = _people.get(loop)
        if hub is None:
            hub = _people[loop] = cls()
        return hub

    async def join(self, socket) -> None:
        async with self.lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel(prefix="chat-people.")
                self.listener = asyncio.get_running_loop().create_task(self._listen())
            mine = self.sockets.setdefault(socket.user_id, set())
            mine.add(socket)
            if len(mine) == 1:
                await self.layer.group_add(user_group(socket.user_id), self.channel)

    async def leave(self, socket) -> None:
        async with self.lock:
            mine = self.sockets.get(socket.user_id)
            if not mine or socket not in mine:
                return
            mine.discard(socket)
            if not mine:
                del self.sockets[socket.user_id]
                with contextlib.suppress(Exception):
                    await self.layer.group_discard(user_group(socket.user_id), self.channel)

    async def _listen(self) -> None:
        while True:
            event = await self.layer.receive(self.channel)
            try:
                if event.get("type") == "chat.rights":
                    for socket in tuple(self.sockets.get(event.get("user_id"), ())):
                        socket.rights_changed(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("chat: could not pass on a change of rights")
