"""Writes for chat. Each raises ValidationError with a `code` that the consumer sends back as
an `error` frame; the connection stays open."""

import contextlib
import datetime as dt
import re

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from chat import frames, selectors, state
from chat.models import ChatSettings, Message, Mute, SessionWindow, SlowMode, Vote
from chat.rooms import Room
from events.models import Event

MAX_BODY = 2000
MAX_CLIENT_ID = 64


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# Lone surrogates cannot be stored or sent as UTF-8; NUL and other control characters (but tab
# and line breaks) cannot be stored or shown; bidirectional overrides and isolates turn the
# rest of a line around ("RLO" spoofing).
REFUSED_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def _check_characters(value: str, code: str = "bad_text") -> str:
    if REFUSED_CHARACTERS.search(value):
        raise ValidationError(
            _("This text contains characters that cannot be sent; remove them and try again."),
            code=code,
        )
    return value


def _check_body(body) -> str:
    if body is not None and not isinstance(body, str):
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    if body and len(body) <= MAX_BODY:
        _check_characters(body)
    if not body or not body.strip():
        raise ValidationError(_("Write something first."), code="empty")
    if len(body) > MAX_BODY:
        raise ValidationError(
            _("A message can have at most %(max)d characters.") % {"max": MAX_BODY},
            code="too_long",
        )
    return body


def _check_client_id(client_id) -> str:
    if client_id is None:
        return ""
    if not isinstance(client_id, str) or len(client_id) > MAX_CLIENT_ID:
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    return _check_characters(client_id, code="bad_frame")


REFUSALS = {
    "read_only": _lazy("This room is read-only now."),
    "muted": _lazy("A moderator has muted you for a while."),
    "rate_limited": _lazy("You are sending too fast; wait a moment."),
}


def message_post(
    *, room: Room, author, author_role: str, kind: str, body, client_id=None
) -> tuple[Message, bool]:
    """Store a message or question and return (message, created).

    Refuses with read_only, muted or rate_limited. A repeated `client_id` of the same author
    returns the stored message (created False) and does not count against the rate limit.
    Kept to one database statement and two cache round trips: it runs for every message."""
    body = _check_body(body)
    client_id = _check_client_id(client_id)
    refusal, recent = None, []
    if not room.is_open():
        refusal = "read_only"
    else:
        refusal, recent = state.post_refusal(
            event_id=room.event.pk,
            room_key=room.key,
            user_id=author.pk,
            load_mutes=lambda: selectors.event_mutes(event=room.event),
            load_slow=lambda: selectors.room_slow_mode(room=room),
        )
    if refusal is not None:
        existing = _by_client_id(author=author, client_id=client_id, room=room)
        if existing is None:
            raise ValidationError(str(REFUSALS[refusal]), code=refusal)
        return existing, False
    # One INSERT in autocommit is atomic on its own and a duplicate client_id fails alone;
    # inside a caller's transaction a savepoint keeps that transaction usable.
    in_transaction = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if in_transaction else contextlib.nullcontext():
            message = Message.objects.create(
                event=room.event,
                session=room.session,
                kind=kind,
                author=author,
                author_role=author_role,
                body=body,
                client_id=client_id,
            )
    except IntegrityError:  # a repeated client_id: hand back what was stored
        existing = _by_client_id(author=author, client_id=client_id, room=room)
        if existing is None:
            raise
        return existing, False
    state.rate_record(user_id=author.pk, room_key=room.key, recent=recent)
    return message, True


def _by_client_id(*, author, client_id: str, room: Room) -> Message | None:
    if not client_id:
        return None
    message = (
        Message.objects.select_related("author").filter(author=author, client_id=client_id).first()
    )
    if message is None:
        return None
    if message.event_id != room.event.pk or message.session_id != (
        room.session.pk if room.session else None
    ):
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    return message


def question_vote(*, question: Message, user) -> int | None:
    """Count the person's upvote once; returns the new count, or None for a repeat."""
    try:
        with transaction.atomic():
            Vote.objects.create(message=question, user=user)
            Message.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
    except IntegrityError:
        return None
    return Message.objects.values_list("votes", flat=True).get(pk=question.pk)


@transaction.atomic
def message_delete(*, message: Message) -> Message:
    """Mark a message deleted: it stays stored (transcripts mark it) but is no longer shown."""
    message.deleted = True
    message.save(update_fields=["deleted"])
    return message


@transaction.atomic
def message_pin(*, message: Message) -> Message:
    message.pinned = True
    message.save(update_fields=["pinned"])
    return message


@transaction.atomic
def message_unpin(*, message: Message) -> Message:
    message.pinned = False
    message.save(update_fields=["pinned"])
    return message


@transaction.atomic
def question_mark_answered(*, question: Message) -> Message:
    question.answered = True
    question.save(update_fields=["answered"])
    return question


def room_announce(*, room: Room, frame: dict, user_id=None) -> None:
    """Send `frame` to everyone in the room (or to one person's sockets there) in every
    process, once the current transaction commits."""
    event = {"type": "chat.frame", "text": frames.encode(frame), "id": None, "user_id": user_id}
    transaction.on_commit(
        lambda: async_to_sync(get_channel_layer().group_send)(room.group, event), robust=True
    )


def _mutes_copy(event: Event) -> None:
    transaction.on_commit(
        lambda: state.mutes_store(event_id=event.pk, mutes=selectors.event_mutes(event=event))
    )


@transaction.atomic
def user_mute(*, room: Room, user_id, minutes, by=None) -> Mute:
    """Mute a person in all rooms of the event for `minutes` (1–1440), from now; returns the
    mute. Raises ValidationError (bad_frame) for a bad id or duration."""
    if not _is_int(user_id) or not _is_int(minutes) or not 1 <= minutes <= 1440:
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    until = timezone.now() + dt.timedelta(minutes=minutes)
    mute, _created = Mute.objects.update_or_create(
        event=room.event, user_id=user_id, defaults={"until": until, "muted_by": by}
    )
    _mutes_copy(room.event)
    room_announce(
        room=room, frame={"type": "muted", "until": frames.timestamp(until)}, user_id=user_id
    )
    return mute


@transaction.atomic
def user_unmute(*, room: Room, user_id) -> int:
    """Lift a person's mute in the event's rooms (nothing happens when there is none) and tell
    them in `room`; returns the person's id."""
    if not _is_int(user_id):
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    Mute.objects.filter(event=room.event, user_id=user_id).delete()
    _mutes_copy(room.event)
    room_announce(room=room, frame={"type": "muted", "until": None}, user_id=user_id)
    return user_id


@transaction.atomic
def room_slow_mode_set(*, room: Room, seconds) -> int:
    """Allow each person one message per `seconds` (0–3600) in the room; 0 turns slow mode
    off. Everyone in the room is told. Raises ValidationError (bad_frame) otherwise."""
    if not _is_int(seconds) or not 0 <= seconds <= 3600:
        raise ValidationError(_("This frame is not understood."), code="bad_frame")
    if seconds:
        SlowMode.objects.update_or_create(
            event=room.event, session=room.session, defaults={"seconds": seconds}
        )
    else:
        SlowMode.objects.filter(event=room.event, session=room.session).delete()
    transaction.on_commit(lambda: state.slow_mode_store(room_key=room.key, seconds=seconds))
    room_announce(room=room, frame={"type": "slow_mode", "seconds": seconds})
    return seconds


@transaction.atomic
def chat_settings_update(*, event: Event, opens_before: int, closes_after: int) -> ChatSettings:
    """Set how long before and after each session its room takes messages."""
    conf, _created = ChatSettings.objects.update_or_create(
        event=event, defaults={"opens_before": opens_before, "closes_after": closes_after}
    )
    return conf


@transaction.atomic
def session_window_set(*, session, opens_before: int | None, closes_after: int | None):
    """Give a session its own chat window (minutes before its start and after its end, 0–1440
    each), or, with both None, let it follow its event's again. Returns the window or None.
    Raises ValidationError (bad_window) for one of the two alone or a value out of range."""
    if opens_before is None and closes_after is None:
        SessionWindow.objects.filter(session=session).delete()
        return None
    values = (opens_before, closes_after)
    if any(v is None or not _is_int(v) or not 0 <= v <= 1440 for v in values):
        raise ValidationError(
            _("Give both numbers of minutes, from 0 to 1440, or neither."), code="bad_window"
        )
    window, _created = SessionWindow.objects.update_or_create(
        session=session, defaults={"opens_before": opens_before, "closes_after": closes_after}
    )
    return window


def ticket_issue(*, user) -> tuple[str, dt.datetime]:
    """A single-use ticket for opening one WebSocket, valid for 60 seconds."""
    ticket = state.ticket_store(user_id=user.pk)
    return ticket, timezone.now() + dt.timedelta(seconds=state.TICKET_SECONDS)
