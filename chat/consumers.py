"""The chat socket: one per browser tab or app connection, in a session room or a lobby.

Kept thin: parse the frame, re-check the person's rights, call a service in a thread
(database_sync_to_async), publish the encoded result through the process's room hub. Every
frame to the client goes through the socket's outbox (chat/transport.py), that is through the
server's own ASGI `send`.
"""

import asyncio
import json
import logging
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from channels.consumer import AsyncConsumer, get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from chat import frames, metrics, permissions, selectors, services, state
from chat.hub import PeopleHub, RoomHub
from chat.models import Message
from chat.transport import Outbox
from events.models import Event, Session

logger = logging.getLogger(__name__)

# Threads that store messages, shared by the process's sockets and kept for its lifetime (so
# is the database connection each one holds between posts).
POSTING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="chat-post")


def _new_posting_threads() -> None:
    # A forked child (a test's live server) inherits the pool but not its threads: the pool
    # would count them as idle and never run a post.
    global POSTING
    POSTING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="chat-post")


os.register_at_fork(after_in_child=_new_posting_threads)
NOT_ALLOWED = 4403
NOT_FOUND = 4404
INTERNAL_ERROR = 1011  # the page reconnects (with ?after=) and catches up
LANGUAGES = {code for code, _name in settings.LANGUAGES}
MAX_ID = 2**63 - 1
# Votes and moderation check the person's rights in the database every time. Posts, the hot
# path, check them when a revocation reached this socket (chat/signals.py, through the
# person's group) and otherwise about this long after the last check (spread by ±50 %), so that
# a change that sent no signal (a bulk update) also takes effect.
RECHECK_SECONDS = 60


class Refused(Exception):
    def __init__(self, code: int):
        self.code = code


def _int(value) -> int | None:
    """A database id from a frame, or None (ids beyond 64 bits are no ids of ours)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    return None


def _after(query) -> int | None:
    after = query.get("after", [""])[0]
    if after.isascii() and after.isdigit() and len(after) < 20:
        return int(after)
    return None


class ChatConsumer(AsyncConsumer):
    # No channel per socket: the room hub receives for the whole process.
    channel_layer_alias = "chat-sockets-use-the-room-hub"

    user = None
    user_id = None
    room = None
    hub = None
    people = None
    outbox = None
    pending: list | None = None
    rechecking: asyncio.Task | None = None
    stale = False  # a revocation arrived: check the rights before the next action
    recheck_at = 0.0

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
        await self.base_send({"type": "websocket.accept"})
        self.outbox = Outbox(self.scope.get("chat.send", self.base_send))
        try:
            entry = await database_sync_to_async(self._enter)(query.get("ticket", [""])[0])
        except Refused as refused:
            self.outbox.put({"type": "websocket.close", "code": refused.code})
            return
        except Exception:
            await self._fail("chat: could not open a socket")
            return
        self.user, self.room = entry
        self.user_id = self.user.pk
        self.pending = []  # frames arriving before the history went out
        try:
            self.hub = await RoomHub.join(self, room_key=self.room.key, group=self.room.group)
            metrics.socket_opened(self.room.key)
            self.people = PeopleHub.get()
            await self.people.join(self)
            text, last_id = await database_sync_to_async(self._history)(_after(query))
        except Exception:
            await self._fail("chat: could not open a socket")
            return
        self.send_text(text)
        pending, self.pending = self.pending, None
        for message_id, frame in pending:
            if message_id is None or message_id > last_id:
                self.send_text(frame)
        if self.hub.presence_text:
            self.send_text(self.hub.presence_text)

    def _enter(self, ticket: str):
        """(user, room) or Refused(4403/4404)."""
        user = self.scope.get("user")
        if ticket:
            user_id = state.ticket_take(ticket)
            user = selectors.active_user(user_id=user_id)
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
        self.room = room
        self.user_id = user.pk
        return self._refresh(), room

    def _refresh(self):
        """The person as they are now, with their rights checked in the database: raises
        Refused(4403) when they may no longer be in the room."""
        self.stale = False
        member = selectors.room_member(user_id=self.user_id, room=self.room)
        if not permissions.member_can_enter(member):
            raise Refused(NOT_ALLOWED)
        self.user = member
        self.role = selectors.member_role(member, self.room)
        self.moderator = permissions.member_can_moderate(member)
        # Spread over ±50 %: sockets that joined together must not all re-check at once.
        jitter = random.uniform(0.5, 1.5)  # noqa: S311 -- spreading load, not a secret
        self.recheck_at = time.monotonic() + RECHECK_SECONDS * jitter
        return member

    def _history(self, after):
        messages, has_more = selectors.room_history(room=self.room, after=after)
        last_id = messages[-1].pk if messages else (after or 0)
        return frames.encode(frames.history_frame(messages, has_more)), last_id

    async def websocket_disconnect(self, message):
        await self._detach()
        raise StopConsumer

    async def _detach(self) -> None:
        hub, people, self.hub, self.people = self.hub, self.people, None, None
        if hub is not None:
            metrics.socket_closed(self.room.key)
            await hub.leave(self)
        if people is not None:
            await people.leave(self)

    async def _close(self, code: int) -> None:
        self.outbox.put({"type": "websocket.close", "code": code})
        try:
            await self._detach()
        except Exception:
            logger.exception("chat: could not leave the room cleanly")

    async def _fail(self, what: str) -> None:
        """An error frame, then a clean close: the page reconnects and catches up."""
        logger.exception(what)
        self.send_error("unavailable", _("The chat is unavailable for a moment; reconnecting…"))
        await self._close(INTERNAL_ERROR)

    # --- rights revoked elsewhere (chat/signals.py, through the PeopleHub) ------------------
    def rights_changed(self, event: dict) -> None:
        if event.get("event_id") not in (None, self.room.event.pk):
            return
        if event.get("host_id") not in (None, self.room.event.host_id):
            return
        self.stale = True
        self.rechecking = asyncio.get_running_loop().create_task(self._recheck())

    async def _recheck(self) -> None:
        try:
            await database_sync_to_async(self._refresh)()
        except Refused as refused:
            await self._close(refused.code)
        except Exception:
            logger.exception("chat: could not re-check a person's rights")

    # --- frames from the client -------------------------------------------------------------
    async def websocket_receive(self, message):
        if self.hub is None:
            return
        text = message.get("text")
        if (
            text is not None
            and len(text) > frames.MAX_FRAME // 4
            and len(text.encode("utf-8", "surrogatepass")) > frames.MAX_FRAME
        ):
            self.send_error("too_large", _("This frame is too large."))
            return
        try:
            frame = json.loads(text or "")
        except ValueError:
            frame = None
        kind = frame.get("type") if isinstance(frame, dict) else None
        handler = self.HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            self.send_error("bad_frame", _("This frame is not understood."))
            return
        try:
            await handler(self, frame)
        except ValidationError as error:
            self.send_error(error.code or "bad_frame", error.messages[0])
        except Message.DoesNotExist:
            self.send_error("not_found", _("There is no such message here."))
        except Refused as refused:
            await self._close(refused.code)
        except Exception:
            await self._fail("chat: could not handle a frame")

    def _checked(self, moderator: bool = False, always: bool = False):
        """Re-check the person's rights before an action (in the action's thread), in the
        database: for votes and moderation every time, for posts when a revocation arrived or
        about RECHECK_SECONDS passed."""
        if moderator or always or self.stale or time.monotonic() > self.recheck_at:
            self._refresh()
        if moderator and not self.moderator:
            raise ValidationError(_("Only the organizers can do this."), code="forbidden")

    async def on_post(self, frame):
        # Posts of different sockets run side by side (one socket's frames stay in order).
        post = database_sync_to_async(self._post, thread_sensitive=False, executor=POSTING)
        text, message_id, created = await post(frame)
        if created:
            metrics.message_stored(frame["type"])
            await self.hub.publish(text, message_id=message_id)
        else:  # a repeat: only the sender gets the stored message back
            self.send_text(text)

    def _post(self, frame):
        self._checked()
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
        self._checked(always=True)
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

    async def on_unpin(self, frame):
        message_id = await self._moderate(services.message_unpin, frame.get("message_id"), None)
        await self.hub.publish(frames.encode({"type": "unpinned", "message_id": message_id}))

    async def on_answered(self, frame):
        question_id = await self._moderate(
            services.question_mark_answered, frame.get("question_id"), Message.Kind.QUESTION
        )
        await self.hub.publish(frames.encode({"type": "answered", "question_id": question_id}))

    async def _moderate(self, service, message_id, kind):
        def run():
            self._checked(moderator=True)
            message = selectors.room_message(room=self.room, message_id=_int(message_id), kind=kind)
            key = "question" if kind else "message"
            return service(**{key: message}).pk

        return await database_sync_to_async(run)()

    async def on_mute(self, frame):
        def run():
            self._checked(moderator=True)
            return services.user_mute(
                room=self.room,
                user_id=_int(frame.get("user_id")),
                minutes=_int(frame.get("minutes")),
                by=self.user,
            )

        await database_sync_to_async(run)()  # the service tells the person

    async def on_unmute(self, frame):
        def run():
            self._checked(moderator=True)
            return services.user_unmute(room=self.room, user_id=_int(frame.get("user_id")))

        await database_sync_to_async(run)()  # the service tells the person

    async def on_slow_mode(self, frame):
        def run():
            self._checked(moderator=True)
            return services.room_slow_mode_set(room=self.room, seconds=_int0(frame.get("seconds")))

        await database_sync_to_async(run)()  # the service tells the room

    HANDLERS = {
        "message": on_post,
        "question": on_post,
        "vote": on_vote,
        "delete": on_delete,
        "pin": on_pin,
        "unpin": on_unpin,
        "answered": on_answered,
        "mute": on_mute,
        "unmute": on_unmute,
        "slow_mode": on_slow_mode,
    }

    # --- frames to the client ---------------------------------------------------------------
    def send_text(self, text: str) -> None:
        self.outbox.put({"type": "websocket.send", "text": text})

    def send_error(self, code: str, message: str) -> None:
        self.send_text(frames.encode(frames.error_frame(code, str(message))))


def _int0(value) -> int | None:
    """A count of seconds from a frame (0 allowed), or None."""
    return 0 if value == 0 and not isinstance(value, bool) else _int(value)
