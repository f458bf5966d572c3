import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import Event, Registration
from events.services.calendar import calendar_feed_get
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_event_ics_has_the_event_and_its_sessions(client):
    event = EventFactory(title="座谈会", venue=VenueFactory(name="会客厅", address="唐岛湾"))
    session = SessionFactory(event=event, title="开幕", room="主会场")
    calendar = _parse(client.get(reverse("events:ics", args=[event.slug])))
    items = calendar.walk("VEVENT")
    assert [str(i["summary"]) for i in items] == ["座谈会", "开幕 · 座谈会"]
    assert [str(i["uid"]).split("@")[0] for i in items] == [
        f"event-{event.pk}",
        f"session-{session.pk}",
    ]
    assert items[0].decoded("dtstart") == event.start.replace(microsecond=0)
    assert items[0]["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert str(items[1]["location"]) == "主会场, 会客厅, 唐岛湾"
    assert "DTSTAMP" in items[0]
    assert [str(t["tzid"]) for t in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_event_ics_of_a_cancelled_event_says_cancelled(client):
    event = EventFactory(status=Event.Status.CANCELLED)
    calendar = _parse(client.get(reverse("events:ics", args=[event.slug])))
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_event_ics_of_a_draft_is_404(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(reverse("events:ics", args=[event.slug])).status_code == 404


def test_feed_has_only_confirmed_events(client):
    registration = RegistrationFactory(event__title="已确认")
    RegistrationFactory(
        user=registration.user, event__title="候补", status=Registration.Status.WAITLISTED
    )
    token = calendar_feed_get(user=registration.user).token
    calendar = _parse(client.get(reverse("events:calendar_feed_ics", args=[token])))
    assert [str(i["summary"]) for i in calendar.walk("VEVENT")] == ["已确认"]


def test_feed_reset_kills_the_old_link(client):
    registration = RegistrationFactory()
    old = calendar_feed_get(user=registration.user).token
    client.force_login(registration.user)
    client.post(reverse("events:calendar_feed_reset"))
    new = calendar_feed_get(user=registration.user).token
    assert new != old
    assert client.get(reverse("events:calendar_feed_ics", args=[old])).status_code == 404
    assert client.get(reverse("events:calendar_feed_ics", args=[new])).status_code == 200


def test_feed_page_shows_the_absolute_link(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    response = client.get(reverse("events:calendar_feed"))
    token = calendar_feed_get(user=registration.user).token
    assert response.context["feed_url"] == f"http://testserver/calendar/{token}.ics"


def test_feed_unknown_token_is_404(client):
    EventFactory()
    assert client.get(reverse("events:calendar_feed_ics", args=["nope"])).status_code == 404
