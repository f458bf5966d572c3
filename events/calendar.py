"""iCalendar (RFC 5545) documents: one per event with its sessions, and a person's feed."""

import datetime as dt
import functools
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from core.sites import absolute_url, site_domain
from events.models import Event
from events.signals import CalendarItem, calendar_items

PRODID = "-//Yizhan//Yizhan events//ZH"


def _domain() -> str:
    return site_domain()


def _location(event: Event) -> str:
    if event.venue is None:
        return ""
    venue = event.venue
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def _local(value: dt.datetime, event: Event) -> dt.datetime:
    return value.astimezone(event.tzinfo).replace(microsecond=0)


def _vevents(event: Event, stamp: dt.datetime) -> Iterable[VEvent]:
    url = absolute_url(reverse("events:detail", args=[event.slug]))
    status = "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"
    main = VEvent()
    main.add("uid", f"event-{event.pk}@{_domain()}")
    main.add("dtstamp", stamp)
    main.add("dtstart", _local(event.start, event))
    main.add("dtend", _local(event.end, event))
    main.add("summary", event.title)
    main.add("description", event.description)
    main.add("url", url)
    main.add("status", status)
    main.add("last-modified", event.updated_at.astimezone(dt.UTC).replace(microsecond=0))
    if location := _location(event):
        main.add("location", location)
    yield main
    for session in event.sessions.all():
        item = VEvent()
        item.add("uid", f"session-{session.pk}@{_domain()}")
        item.add("dtstamp", stamp)
        item.add("dtstart", _local(session.start, event))
        item.add("dtend", _local(session.end, event))
        item.add("summary", f"{session.title} · {event.title}")
        if session.description:
            item.add("description", session.description)
        item.add("url", url)
        item.add("status", status)
        item.add("related-to", f"event-{event.pk}@{_domain()}")
        location = ", ".join(part for part in (session.room, _location(event)) if part)
        if location:
            item.add("location", location)
        yield item


def _extra(item: CalendarItem, event: Event, stamp: dt.datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{item.uid}@{_domain()}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _local(item.start, event))
    vevent.add("dtend", _local(item.end, event))
    vevent.add("summary", item.summary)
    if item.description:
        vevent.add("description", item.description)
    if item.location:
        vevent.add("location", item.location)
    vevent.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    vevent.add("related-to", f"event-{event.pk}@{_domain()}")
    return vevent


@functools.cache
def _vtimezone(tzid: str) -> Timezone | None:
    """The VTIMEZONE of a zone, built once per process: icalendar searches every transition
    from 1970 to 2038 for it (milliseconds of CPU), the same answer every time. Shared by the
    documents that include it, which only read it."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know goes without one, as before
        return None


def _add_timezones(calendar: Calendar) -> None:
    """Calendar.add_missing_timezones, with each zone's component built once per process."""
    for tzid in sorted(calendar.get_missing_tzids()):
        if (component := _vtimezone(tzid)) is not None:
            calendar.subcomponents.insert(len(calendar.timezones), component)


def calendar_for(events: Iterable[Event], *, name: str = "", user=None) -> bytes:
    """An iCalendar document with each event and its sessions (prefetch `sessions`), times in
    each event's zone with the matching VTIMEZONE components. With `user` (their private
    feed), the items other apps add for them (events.signals) are added."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    events = list(events)
    for event in events:
        for item in _vevents(event, stamp):
            calendar.add_component(item)
    if user is not None:
        by_id = {event.pk: event for event in events}
        for extra in calendar_items(user, events):
            if extra.event_id in by_id:
                calendar.add_component(_extra(extra, by_id[extra.event_id], stamp))
    _add_timezones(calendar)
    return calendar.to_ical()
