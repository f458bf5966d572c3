"""Reads for chat: rooms, history, the author's role, transcripts."""

import datetime as dt

from django.db.models import QuerySet

from chat.models import ChatSettings, Message
from chat.rooms import Room
from events.models import Event, Session
from events.permissions import is_speaker
from events.selectors import registration_window
from hosts.permissions import is_host_staff

HISTORY_SIZE = 50
RESUME_SIZE = 500


def chat_settings_for(event: Event) -> ChatSettings:
    """The event's chat settings, or the defaults (not saved) when it has none."""
    try:
        return event.chat_settings
    except ChatSettings.DoesNotExist:
        return ChatSettings(event=event)


def session_room(*, session_id: int) -> Room:
    """The room of a session with chat on; raises Session.DoesNotExist otherwise."""
    session = Session.objects.select_related("event__host", "event__chat_settings").get(
        pk=session_id, chat_enabled=True
    )
    conf = chat_settings_for(session.event)
    return Room(
        event=session.event,
        session=session,
        opens=session.start - dt.timedelta(minutes=conf.opens_before),
        closes=session.end + dt.timedelta(minutes=conf.closes_after),
    )


def lobby_room(*, event_id: int) -> Room:
    """An event's lobby, open from when registration opens until the event ends; raises
    Event.DoesNotExist."""
    event = Event.objects.select_related("host").get(pk=event_id)
    opens, _closes = registration_window(event)
    return Room(event=event, session=None, opens=opens, closes=event.end)


def room_messages(room: Room) -> QuerySet[Message]:
    """The room's messages that are not deleted, with their authors."""
    return Message.objects.filter(
        event=room.event, session=room.session, deleted=False
    ).select_related("author")


def room_history(*, room: Room, after: int | None = None) -> tuple[list[Message], bool]:
    """(messages oldest first, has_more): the last 50, or up to 500 after the id `after`."""
    qs = room_messages(room)
    if after is not None:
        rows = list(qs.filter(pk__gt=after).order_by("pk")[: RESUME_SIZE + 1])
        return rows[:RESUME_SIZE], len(rows) > RESUME_SIZE
    rows = list(qs.order_by("-pk")[: HISTORY_SIZE + 1])
    has_more = len(rows) > HISTORY_SIZE
    return rows[:HISTORY_SIZE][::-1], has_more


def room_message(*, room: Room, message_id: int, kind: str | None = None) -> Message:
    """One message of the room that is not deleted; raises Message.DoesNotExist."""
    qs = room_messages(room)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.get(pk=message_id)


def author_role(user, room: Room) -> str:
    """The role shown beside a person's messages, as it is now (stored with each message)."""
    if is_host_staff(user, room.event.host):
        return Message.Role.ORGANIZER
    if room.session is not None:
        if room.session.speakers.filter(user=user).exists():
            return Message.Role.SPEAKER
    elif is_speaker(user, room.event):
        return Message.Role.SPEAKER
    if user.role in (Message.Role.EXPERT, Message.Role.ENTERPRISE):
        return user.role
    return Message.Role.GUEST


def transcript(*, session: Session) -> QuerySet[Message]:
    """Every message of a session's room, deleted ones included (exports mark them)."""
    return (
        Message.objects.filter(event=session.event_id, session=session)
        .select_related("author")
        .order_by("pk")
    )


def session_for_page(*, slug: str, session_id: int) -> Session:
    """A session of the event `slug`, with its event, host and speakers; raises
    Session.DoesNotExist."""
    return (
        Session.objects.select_related("event__host", "event__venue")
        .prefetch_related("speakers__user")
        .get(pk=session_id, event__slug=slug)
    )
