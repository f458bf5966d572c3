"""Signals for the apps above events (matching, meetings, chat), which events must not import.

An app connects its receivers in its `AppConfig.ready()`; the sender is always `Event`:
- `calendar_items_wanted(sender, user, events)`: a receiver returns an iterable of
  `CalendarItem`s added to that person's private calendar feed (their meetings, say);
- `event_page_blocks_wanted(sender, request, event)`: a receiver returns HTML (already
  escaped, e.g. from `render_to_string`) shown on the event page, or "";
- `open_rooms_wanted(sender, user, events, now)`: a receiver returns the `RoomLink`s of the
  rooms among `events` that are open at `now` and that `user` may enter (the chat's), shown
  on the agenda, on "My events" and on tickets.

Receivers run in the order they were connected (INSTALLED_APPS order), and an exception in
one propagates, as any error in the page would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.dispatch import Signal
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from events.models import Event


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # unique and stable, e.g. "meeting-12"
    event_id: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    cancelled: bool = False


@dataclass(frozen=True)
class RoomLink:
    event_id: int
    session_id: int | None  # None: the event's own room
    url: str
    title: str  # the session's title in the active language


calendar_items_wanted = Signal()
event_page_blocks_wanted = Signal()
open_rooms_wanted = Signal()


def calendar_items(user, events) -> list[CalendarItem]:
    """Every item the connected apps add to `user`'s feed for `events`."""
    items: list[CalendarItem] = []
    for _receiver, response in calendar_items_wanted.send(sender=Event, user=user, events=events):
        items.extend(response)
    return items


def event_blocks(request, event) -> list[SafeString]:
    """The non-empty HTML blocks the connected apps add to `event`'s page."""
    responses = event_page_blocks_wanted.send(sender=Event, request=request, event=event)
    return [mark_safe(html) for _receiver, html in responses if html]  # noqa: S308 - receivers escape


def open_rooms(user, events, now: dt.datetime | None = None) -> list[RoomLink]:
    """The rooms of `events` open at `now` (default: now) that `user` may enter."""
    events = list(events)
    if not events or not user or not user.is_authenticated:
        return []
    now = now or timezone.now()
    links: list[RoomLink] = []
    for _receiver, response in open_rooms_wanted.send(
        sender=Event, user=user, events=events, now=now
    ):
        links.extend(response)
    return links
