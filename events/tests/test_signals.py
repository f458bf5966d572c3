"""The signals through which the apps above events add to its feeds and pages."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from events.calendar import calendar_for
from events.models import Event
from events.signals import (
    CalendarItem,
    calendar_items,
    calendar_items_wanted,
    event_blocks,
    event_page_blocks_wanted,
)
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def connected():
    """Connect receivers for one test only."""
    made = []

    def connect(signal, receiver):
        signal.connect(receiver, sender=Event, weak=False)
        made.append((signal, receiver))

    yield connect
    for signal, receiver in made:
        signal.disconnect(receiver, sender=Event)


def test_calendar_feed_adds_the_items_of_connected_receivers(connected):
    event, user = EventFactory(), UserFactory()
    start = event.start + dt.timedelta(hours=1)

    def tea(sender, *, user, events, **kwargs):
        return [
            CalendarItem("tea-1", events[0].pk, start, start + dt.timedelta(minutes=30), "茶歇")
        ]

    connected(calendar_items_wanted, tea)
    assert [item.uid for item in calendar_items(user, [event])] == ["tea-1"]
    calendar = Calendar.from_ical(calendar_for([event], user=user))
    uids = sorted(str(item["uid"]).split("@")[0] for item in calendar.walk("VEVENT"))
    assert uids == [f"event-{event.pk}", "tea-1"]
    # Without a person (the event's own document) nobody is asked.
    calendar = Calendar.from_ical(calendar_for([event]))
    assert [str(item["uid"]).split("@")[0] for item in calendar.walk("VEVENT")] == [
        f"event-{event.pk}"
    ]


def test_event_blocks_keep_the_order_and_skip_empty_answers(connected):
    event = EventFactory()
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    connected(event_page_blocks_wanted, lambda sender, **kwargs: "<p>one</p>")
    connected(event_page_blocks_wanted, lambda sender, **kwargs: "")
    connected(event_page_blocks_wanted, lambda sender, **kwargs: "<p>two</p>")
    assert event_blocks(request, event) == ["<p>one</p>", "<p>two</p>"]
