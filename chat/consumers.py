"""The chat socket: one per browser tab or app connection, in a session room or a lobby.

Kept thin: parse the frame, check the permission decided at connect, call a service in a
thread (database_sync_to_async), publish the encoded result through the process's room hub.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from channels.consumer import AsyncConsumer, get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from websockets.protocol import State

from chat import frames, metrics, permissions, selectors, services, state
from chat.hub import RoomHub
from chat.models import Message
from events.models import Event, Session

# Threads that store messages, shared by the process's sockets and kept for its lifetime (so
# is the database connection each one holds between posts).
POSTING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="chat-post")
NOT_ALLOWED = 4403
NOT_FOUND = 4404
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class Refused(Exception):
    def __init__(self, code: int):
        self.code = code


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class ChatConsumer(AsyncConsumer):
    # No channel per socket: the room hub receives for the whole process.
    channel_layer_alias = "chat-sockets-use-the-room-hub"

    user = None
    user_id = None
    room = None
    hub = None
    pending: list | None = None
    server_send = None

    async def dispatch(self, message):
        # Each service call already closes stale connections in its own thread; skipping
        # channels' per-frame close_old_connections saves a thread hop on every frame.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        language = self.scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME)
        if language not in LANGUAGES:
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            await handler(message)

    # --- connecting -------------------------------------------------------------------------
    async def websocket_connect(self, message):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        after = query.get("after", [""])[0]
        after = int(after) if after.isdigit() else None
        await self.base_send({"type": "websocket.accept"})
        try:
            entry = await database_sync_to_async(self._enter)(query.get("ticket", [""])[0])
        except Refused as refused:
            await self.base_send({"type": "websocket.close", "code": refused.code})
            return
        self.user, self.room, self.role, self.moderator = entry
        self.user_id = self.user.pk
        self.server_send = self.scope.get("chat.send", self.base_send)
        self.pending = []  # frames arriving before the history went out
        self.hub = await RoomHub.join(self, room_key=self.room.key, group=self.room.group)
        metrics.socket_opened(self.room.key)
        text, last_id = await database_sync_to_async(self._history)(after)
        await self.send_text(text)
        pending, self.pending = self.pending, None
        for message_id, frame in pending:
            if message_id is None or message_id > last_id:
                await self.send_text(frame)
        if self.hub.presence_text:
            await self.send_text(self.hub.presence_text)

    def _enter(self, ticket: str):
        """(user, room, role, moderator) or Refused(4403/4404)."""
        user = self.scope.get("user")
        if ticket:
            user_id = state.ticket_take(ticket)
            user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
            if user is None:
                raise Refused(NOT_ALLOWED)
        kwargs = self.scope["url_route"]["kwargs"]
        try:
            if "session_id" in kwargs:
                room = selectors.session_room(session_id=kwargs["session_id"])
            else:
                room = selectors.lobby_room(event_id=kwargs["event_id"])
        except (Session.DoesNotExist, Event.DoesNotExist) as exc:
            raise Refused(NOT_FOUND) from exc
        if not permissions.can_see_room(user, room):
            raise Refused(NOT_FOUND)
        if not permissions.can_enter_room(user, room):
            raise Refused(NOT_ALLOWED)
        role = selectors.author_role(user, room)
        return user, room, role, permissions.can_moderate_room(user, room)

    def _history(self, after):
        messages, has_more = selectors.room_history(room=self.room, after=after)
        last_id = messages[-1].pk if messages else (after or 0)
        return frames.encode(frames.history_frame(messages, has_more)), last_id

    async def websocket_disconnect(self, message):
        if self.hub is not None:
            metrics.socket_closed(self.room.key)
            await self.hub.leave(self)
        raise StopConsumer

    # --- frames from the client -------------------------------------------------------------
    async def websocket_receive(self, message):
        if self.hub is None:
            return
        try:
            frame = json.loads(message.get("text") or "")
        except ValueError:
            frame = None
        kind = frame.get("type") if isinstance(frame, dict) else None
        handler = self.HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            await self.send_error("bad_frame", _("This frame is not understood."))
            return
        if handler in self.MODERATOR_HANDLERS and not self.moderator:
            await self.send_error("forbidden", _("Only the organizers can do this."))
            return
        try:
            await handler(self, frame)
        except ValidationError as error:
            await self.send_error(error.code or "bad_frame", error.messages[0])
        except Message.DoesNotExist:
            await self.send_error("not_found", _("There is no such message here."))

    async def on_post(self, frame):
        # Posts of different sockets run side by side (one socket's frames stay in order).
        post = database_sync_to_async(self._post, thread_sensitive=False, executor=POSTING)
        text, message_id, created = await post(frame)
        if created:
            metrics.message_stored(frame["type"])
            await self.hub.publish(text, message_id=message_id)
        else:  # a repeat: only the sender gets the stored message back
            await self.send_text(text)

    def _post(self, frame):
        message, created = services.message_post(
            room=self.room,
            author=self.user,
            author_role=self.role,
            kind=frame["type"],
            body=frame.get("body"),
            client_id=frame.get("client_id"),
        )
        return frames.encode(frames.message_frame(message)), message.pk, created

    async def on_vote(self, frame):
        votes = await database_sync_to_async(self._vote)(_int(frame.get("question_id")))
        if votes is not None:
            question_id, count = votes
            await self.hub.publish(
                frames.encode({"type": "votes", "question_id": question_id, "votes": count})
            )

    def _vote(self, question_id):
        if not self.room.is_open():
            raise ValidationError(_("This room is read-only now."), code="read_only")
        question = selectors.room_message(
            room=self.room, message_id=question_id, kind=Message.Kind.QUESTION
        )
        count = services.question_vote(question=question, user=self.user)
        return None if count is None else (question.pk, count)

    async def on_delete(self, frame):
        message_id = await self._moderate(services.message_delete, frame.get("message_id"), None)
        await self.hub.publish(frames.encode({"type": "deleted", "message_id": message_id}))

    async def on_pin(self, frame):
        message_id = await self._moderate(services.message_pin, frame.get("message_id"), None)
        await self.hub.publish(frames.encode({"type": "pinned", "message_id": message_id}))

    async def on_answered(self, frame):
        question_id = await self._moderate(
            services.question_mark_answered, frame.get("question_id"), Message.Kind.QUESTION
        )
        await self.hub.publish(frames.encode({"type": "answered", "question_id": question_id}))

    async def _moderate(self, service, message_id, kind):
        def run():
            message = selectors.room_message(room=self.room, message_id=_int(message_id), kind=kind)
            key = "question" if kind else "message"
            return service(**{key: message}).pk

        return await database_sync_to_async(run)()

    async def on_mute(self, frame):
        until = await database_sync_to_async(services.user_mute)(
            room=self.room, user_id=_int(frame.get("user_id")), minutes=_int(frame.get("minutes"))
        )
        text = frames.encode({"type": "muted", "until": frames.timestamp(until)})
        await self.hub.publish(text, user_id=frame["user_id"])

    async def on_slow_mode(self, frame):
        seconds = await database_sync_to_async(services.room_slow_mode_set)(
            room=self.room, seconds=_int(frame.get("seconds"))
        )
        await self.hub.publish(frames.encode({"type": "slow_mode", "seconds": seconds}))

    HANDLERS = {
        "message": on_post,
        "question": on_post,
        "vote": on_vote,
        "delete": on_delete,
        "pin": on_pin,
        "answered": on_answered,
        "mute": on_mute,
        "slow_mode": on_slow_mode,
    }
    MODERATOR_HANDLERS = {on_delete, on_pin, on_answered, on_mute, on_slow_mode}

    def wire_transport(self):
        """The socket's transport when the hub may write ready-made frames to it, else None.

        Only under uvicorn's sans-I/O websockets protocol, with the connection open and no
        extension (per-message deflate would make frames differ per socket); everything else
        (tests, daphne, other servers) goes through ASGI `send`. Writing a complete frame in
        one `transport.write` keeps the stream in order with the protocol's own writes."""
        protocol = getattr(self.server_send, "__self__", None)
        conn = getattr(protocol, "conn", None)
        transport = getattr(protocol, "transport", None)
        if conn is None or transport is None or transport.is_closing():
            return None
        if getattr(conn, "state", None) is not State.OPEN or conn.extensions:
            return None
        if getattr(protocol, "close_sent", True):
            return None
        return transport

    # --- frames to the client ---------------------------------------------------------------
    async def send_text(self, text: str) -> None:
        await self.base_send({"type": "websocket.send", "text": text})

    async def send_error(self, code: str, message: str) -> None:
        await self.send_text(frames.encode(frames.error_frame(code, str(message))))
