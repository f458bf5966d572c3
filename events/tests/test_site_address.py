"""Calendar feeds, .ics files and the API's links all use the one site address (core/sites.py):
DJANGO_SITE_URL when set, else the address the request came to."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.services.calendar import calendar_feed_get
from events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _links(client, event, registration) -> dict:
    """Every absolute link the pages, the API and the calendar files give for one event."""
    client.force_login(registration.user)
    feed = calendar_feed_get(user=registration.user)
    ics = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content)
    api = client.get(reverse("api:event-detail", args=[event.pk])).json()
    mine = client.get(
        reverse(
            "api:event-registration-detail",
            kwargs={"event_pk": event.pk, "pk": registration.pk},
        )
    ).json()
    return {
        "feed page": client.get(reverse("events:calendar_feed")).context["feed_url"],
        "ics url": str(ics.walk("VEVENT")[0]["url"]),
        "api ics_url": api["ics_url"],
        "api ticket_url": mine["ticket_url"],
        "feed": feed.token,
    }


def test_without_a_site_url_links_use_the_address_the_request_came_to(client, settings):
    settings.SITE_URL = ""
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    links = _links(client, event, registration)
    assert links == {
        "feed page": f"http://testserver/calendar/{links['feed']}.ics",
        "ics url": f"http://testserver/events/{event.slug}/",
        "api ics_url": f"http://testserver/events/{event.slug}/calendar.ics",
        "api ticket_url": f"http://testserver/tickets/{registration.ticket_token}/",
        "feed": links["feed"],
    }


def test_a_site_url_is_used_everywhere_whatever_the_request_came_to(client, settings):
    settings.SITE_URL = "https://forum.example.org"
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    links = _links(client, event, registration)
    assert links == {
        "feed page": f"https://forum.example.org/calendar/{links['feed']}.ics",
        "ics url": f"https://forum.example.org/events/{event.slug}/",
        "api ics_url": f"https://forum.example.org/events/{event.slug}/calendar.ics",
        "api ticket_url": f"https://forum.example.org/tickets/{registration.ticket_token}/",
        "feed": links["feed"],
    }
