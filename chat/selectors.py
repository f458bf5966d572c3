"""Reads for chat: rooms, history, people's rights and roles, mutes, slow mode, transcripts."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from chat.models import ChatSettings, Message, Mute, SessionWindow, SlowMode, Vote
from chat.rooms import Room
from events.models import Event, Registration, Session
from events.selectors import registration_window
from hosts.models import Host, HostMembership

HISTORY_SIZE = 50
RESUME_SIZE = 500


def chat_settings_for(event: Event) -> ChatSettings:
    """The event's chat settings, or the defaults (not saved) when it has none."""
    try:
        return event.chat_settings
    except ChatSettings.DoesNotExist:
        return ChatSettings(event=event)


def session_window_for(session: Session) -> SessionWindow | None:
    """The session's own chat window, or None when it follows its event's."""
    try:
        return session.chat_window
    except SessionWindow.DoesNotExist:
        return None


def session_room(*, session_id: int) -> Room:
    """The room of a session with chat on; raises Session.DoesNotExist otherwise."""
    session = Session.objects.select_related(
        "event__host", "event__chat_settings", "chat_window"
    ).get(pk=session_id, chat_enabled=True)
    return room_of(session)


def room_of(session: Session) -> Room:
    """The room of `session` (fetched with `event__host`, `event__chat_settings` and
    `chat_window`): the one place its opening hours are worked out."""
    conf = session_window_for(session) or chat_settings_for(session.event)
    return Room(
        event=session.event,
        session=session,
        opens=session.start - dt.timedelta(minutes=conf.opens_before),
        closes=session.end + dt.timedelta(minutes=conf.closes_after),
    )


# Rooms are looked for among sessions this close to now: a room open longer before or after
# its session than this is not linked from the agenda, "My events" or tickets.
ROOM_LINK_REACH = dt.timedelta(days=7)


def chat_sessions_around(*, event_ids, now) -> list[Session]:
    """The sessions with chat on of the events `event_ids` that start or end within a week of
    `now`, ready for `room_of`, in agenda order."""
    return list(
        Session.objects.filter(
            event_id__in=event_ids,
            chat_enabled=True,
            start__lte=now + ROOM_LINK_REACH,
            end__gte=now - ROOM_LINK_REACH,
        )
        .select_related("event__host", "event__chat_settings", "chat_window")
        .order_by("start", "pk")
    )


def lobby_room(*, event_id: int) -> Room:
    """An event's lobby, open from when registration opens until the event ends; raises
    Event.DoesNotExist."""
    event = Event.objects.select_related("host").get(pk=event_id)
    opens, _closes = registration_window(event)
    return Room(event=event, session=None, opens=opens, closes=event.end)


def event_for_chat(*, slug: str) -> Event:
    """The event `slug` with its host; raises Event.DoesNotExist."""
    return Event.objects.select_related("host").get(slug=slug)


def event_room(*, event: Event, key: str) -> Room | None:
    """The lobby (`key` "lobby") or a chat session's room of `event`, or None."""
    if key == "lobby":
        return lobby_room(event_id=event.pk)
    if key.isascii() and key.isdigit() and len(key) < 19:
        try:
            room = session_room(session_id=int(key))
        except Session.DoesNotExist:
            return None
        return room if room.event.pk == event.pk else None
    return None


def event_rooms(*, event: Event) -> list[dict]:
    """The event's rooms (the lobby, then each session with chat on, in agenda order) with
    their slow mode in seconds and, for sessions, their own window (None: the event's):
    [{"key", "session", "seconds", "window"}]."""
    seconds = dict(SlowMode.objects.filter(event=event).values_list("session_id", "seconds"))
    sessions = (
        Session.objects.filter(event=event, chat_enabled=True)
        .select_related("chat_window")
        .order_by("start", "pk")
    )
    rooms = [{"key": "lobby", "session": None, "seconds": seconds.get(None, 0), "window": None}]
    rooms += [
        {
            "key": str(session.pk),
            "session": session,
            "seconds": seconds.get(session.pk, 0),
            "window": session_window_for(session),
        }
        for session in sessions
    ]
    return rooms


def event_session(*, event: Event, session_id: int) -> Session:
    """A session of `event`; raises Session.DoesNotExist."""
    return Session.objects.select_related("chat_window").get(pk=session_id, event=event)


def voted_question_ids(*, room: Room, user) -> list[int]:
    """Ids of the room's questions `user` has upvoted."""
    return list(
        Vote.objects.filter(
            user=user, message__event=room.event, message__session=room.session
        ).values_list("message_id", flat=True)
    )


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


def active_user(*, user_id):
    """The active account `user_id`, or None."""
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def room_member(*, user_id: int, room: Room):
    """The active account `user_id` as it is now, or None when it is gone or inactive, in one
    query, annotated with what it is in the room's event: `chat_registered` (a confirmed
    registration), `chat_event_speaker`, `chat_session_speaker` (in this room's session) and
    `chat_host_staff` (a member of the event's approved host). The consumer re-checks rights
    with it before every action; permissions.member_can_enter/moderate read it, and a test
    keeps them equal to can_enter_room/can_moderate_room for every actor."""
    event = room.event
    person = OuterRef("pk")
    session_speaker = (
        Exists(Session.objects.filter(pk=room.session.pk, speakers__user=person))
        if room.session is not None
        else Exists(Session.objects.none())
    )
    return (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .annotate(
            chat_registered=Exists(
                Registration.objects.filter(
                    event=event, user=person, status=Registration.Status.CONFIRMED
                )
            ),
            chat_event_speaker=Exists(Session.objects.filter(event=event, speakers__user=person)),
            chat_session_speaker=session_speaker,
            chat_host_staff=Exists(
                HostMembership.objects.filter(
                    host=event.host_id, host__status=Host.Status.APPROVED, user=person
                )
            ),
        )
        .first()
    )


def member_role(member, room: Room) -> str:
    """author_role for an account from room_member, without a query."""
    if member.is_superuser or member.chat_host_staff:
        return Message.Role.ORGANIZER
    speaker = member.chat_session_speaker if room.session is not None else member.chat_event_speaker
    if speaker:
        return Message.Role.SPEAKER
    if member.role in (Message.Role.EXPERT, Message.Role.ENTERPRISE):
        return member.role
    return Message.Role.GUEST


def event_mutes(*, event: Event) -> dict[int, float]:
    """{user id: until (a UNIX timestamp)} of the mutes of the event that have not ended."""
    rows = Mute.objects.filter(event=event, until__gt=timezone.now())
    rows = rows.values_list("user_id", "until")
    return {user_id: until.timestamp() for user_id, until in rows}


def active_mutes(*, event: Event) -> QuerySet[Mute]:
    """The event's mutes that have not ended, with the muted people, soonest end first."""
    return (
        Mute.objects.filter(event=event, until__gt=timezone.now())
        .select_related("user")
        .order_by("until", "pk")
    )


def room_slow_mode(*, room: Room) -> int:
    """The room's slow mode in seconds (0: off)."""
    seconds = (
        SlowMode.objects.filter(event=room.event, session=room.session)
        .values_list("seconds", flat=True)
        .first()
    )
    return seconds or 0


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
