"""Who may enter, moderate and export a room. The consumer, views and API ask these."""

from django.utils import timezone

from chat.rooms import Room
from events.models import Session
from events.permissions import can_view_event, is_event_participant, participant_event_ids
from hosts.permissions import is_host_staff


def can_see_room(user, room: Room) -> bool:
    """Whether the room exists for this person at all (otherwise: 404 / close 4404)."""
    return can_view_event(user, room.event)


def can_enter_room(user, room: Room) -> bool:
    """Confirmed registrants (check-in not required), speakers and the host's staff."""
    return bool(user and user.is_authenticated) and is_event_participant(user, room.event)


def enterable_event_ids(user, events) -> set[int]:
    """`can_enter_room` for the rooms of many events at once: the ids among `events`."""
    return participant_event_ids(user, events)


def can_moderate_room(user, room: Room) -> bool:
    """The host's staff delete, pin, mark answered, mute and set slow mode."""
    return is_host_staff(user, room.event.host)


def can_manage_chat(user, event) -> bool:
    """The chat settings page of an event (window, slow mode, mutes): the host's staff."""
    return is_host_staff(user, event.host)


def member_can_enter(member) -> bool:
    """can_enter_room for an account fetched with selectors.room_member (no query)."""
    return member is not None and (
        member.is_superuser
        or member.chat_registered
        or member.chat_event_speaker
        or member.chat_host_staff
    )


def member_can_moderate(member) -> bool:
    """can_moderate_room for an account fetched with selectors.room_member (no query)."""
    return member is not None and (member.is_superuser or member.chat_host_staff)


def can_export_transcript(user, session: Session, now=None) -> bool:
    """Organizers, once the session has ended."""
    now = now or timezone.now()
    return is_host_staff(user, session.event.host) and session.end <= now
