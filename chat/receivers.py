"""Chat's answers to the events app's signals (events/signals.py), connected in
ChatConfig.ready()."""

from django.urls import reverse

from chat.permissions import enterable_event_ids
from chat.selectors import ROOM_LINK_REACH, chat_sessions_around, room_of
from events.signals import RoomLink


def open_room_links(sender, *, user, events, now, **kwargs) -> list[RoomLink]:
    """The session rooms of `events` open at `now` that `user` may enter (`can_enter_room`
    for each: confirmed registrants, speakers, the host's staff), in agenda order. No query
    when no event is within a week of `now`, four otherwise."""
    # Sessions lie within their event: events far from now have no room to look for.
    near = [e for e in events if e.start - ROOM_LINK_REACH <= now <= e.end + ROOM_LINK_REACH]
    allowed = enterable_event_ids(user, near)
    if not allowed:
        return []
    return [
        RoomLink(
            event_id=session.event_id,
            session_id=session.pk,
            url=reverse("chat:session", args=[session.event.slug, session.pk]),
            title=session.localized("title"),
        )
        for session in chat_sessions_around(event_ids=allowed, now=now)
        if room_of(session).is_open(now)
    ]
