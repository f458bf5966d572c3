"""Tickets: the mails that hand one over carry its link and the event's calendar file; the
ticket page says where the ticket is and for what, time and place."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.services.registrations import (
    registration_approve,
    registration_cancel,
    registration_create,
)
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory, VenueFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def event(settings):
    settings.SITE_URL = "https://forum.example.org"
    event = EventFactory(
        title="金融科创对接日",
        slug="fintech-day",
        venue=VenueFactory(name="会客厅", name_en="Talent Lounge", address="唐岛湾"),
    )
    SessionFactory(event=event, title="开幕")
    return event


def _ics(message) -> tuple[str, list[str]]:
    (filename, content, mimetype), *rest = message.attachments
    assert (rest, mimetype) == ([], "text/calendar")
    calendar = Calendar.from_ical(content)
    return filename, [str(item["summary"]) for item in calendar.walk("VEVENT")]


def test_the_confirmation_mail_carries_the_ticket_link_and_the_calendar_file(
    event, django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event=event, user=user, role="guest")
    (message,) = mailoutbox
    ticket_url = f"https://forum.example.org/tickets/{registration.ticket_token}/"
    assert f"您的电子票（入场时出示）： {ticket_url}" in message.body
    assert "时间：" in message.body
    assert "地点：会客厅\n" in message.body
    assert "附件为本活动的日历文件（.ics），打开即可加入您的日历。" in message.body
    assert _ics(message) == ("fintech-day.ics", ["金融科创对接日", "开幕 · 金融科创对接日"])


def test_an_english_confirmation_names_the_venue_in_english(
    event, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, user=UserFactory(), role="guest", language="en")
    assert "Where: Talent Lounge" in mailoutbox[0].body


def test_approval_carries_the_calendar_file_and_a_pending_mail_does_not(
    event, django_capture_on_commit_callbacks, mailoutbox
):
    event.requires_approval = True
    event.save()
    staff = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event=event, user=UserFactory(), role="guest")
    with django_capture_on_commit_callbacks(execute=True):
        registration_approve(registrations=[registration], by=staff)
    pending, approved = mailoutbox
    assert pending.attachments == []
    assert _ics(approved)[0] == "fintech-day.ics"


def test_a_seat_freed_for_the_waiting_list_mails_its_ticket_with_the_calendar_file(
    event, django_capture_on_commit_callbacks, mailoutbox
):
    event.capacity = 1
    event.save()
    first = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = registration_create(event=event, user=UserFactory(), role="guest")
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, by=first.user)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    waitlisted, *_cancelled, promoted = mailoutbox
    assert waitlisted.attachments == []
    assert promoted.to == [waiting.user.email]
    assert _ics(promoted)[0] == "fintech-day.ics"


def test_the_ticket_page_says_what_when_where_and_where_else_the_ticket_is(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)
    html = client.get(reverse("events:ticket", args=[registration.ticket_token])).content.decode()
    assert '<h1><a href="/events/fintech-day/">金融科创对接日</a></h1>' in html
    assert '<p class="ticket-where">会客厅 · 唐岛湾</p>' in html
    assert '此电子票也在您的报名确认邮件和<a href="/my-events/">我的活动</a>中。' in html
    svg = re.search(r"<figure class=\"ticket-qr\">(<svg[^>]*>)", html).group(1)
    # A viewBox, no fixed size: the code scales to the page and stays centred.
    assert "viewBox=" in svg
    assert "width=" not in svg
    assert 'href="/events/fintech-day/calendar.ics"' in html


def test_a_ticket_in_english_names_the_venue_in_english(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("events:ticket", args=[registration.ticket_token])).content.decode()
    assert '<p class="ticket-where">Talent Lounge · 唐岛湾</p>' in html
    assert "This ticket is also in your confirmation email" in html
