import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def remind() -> str:
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue().strip()


def test_send_event_reminders_once_per_confirmed_registration(
    django_capture_on_commit_callbacks, mailoutbox
):
    soon = EventFactory(start=timezone.now() + dt.timedelta(hours=20), title="明日座谈会")
    later = EventFactory(start=timezone.now() + dt.timedelta(days=3))
    confirmed = RegistrationFactory(event=soon)
    RegistrationFactory(event=soon, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=later)
    with django_capture_on_commit_callbacks(execute=True):
        first = remind()
    with django_capture_on_commit_callbacks(execute=True):
        second = remind()
    confirmed.refresh_from_db()
    assert (first, second) == ("reminders sent: 1", "reminders sent: 0")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([confirmed.user.email], "活动提醒：明日座谈会")
    ]
    assert confirmed.reminded_at is not None


def test_send_event_reminders_skips_cancelled_events():
    event = EventFactory(start=timezone.now() + dt.timedelta(hours=5), status="cancelled")
    RegistrationFactory(event=event)
    assert remind() == "reminders sent: 0"
