import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from events.formatting import local_iso
from events.models import SHORT_CODE_ALPHABET, new_short_code
from events.services import checkin
from events.services.checkin import (
    check_in_message,
    registration_check_in,
    short_code_attempt,
    short_code_from_input,
    ticket_code_from_input,
)
from events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "abc"),
        ("  abc \n", "abc"),
        ("https://yizhan.example/tickets/abc/", "abc"),
        ("/", ""),
        ("", ""),
    ],
)
def test_ticket_code_from_input(text, code):
    assert ticket_code_from_input(text) == code


def test_registration_check_in_pending_is_not_confirmed():
    registration = RegistrationFactory(status="pending")
    result = registration_check_in(
        event=registration.event, code=registration.ticket_token, by=None
    )
    assert (result.outcome, result.ok) == ("not_confirmed", False)


def test_registration_check_in_records_who_and_when():
    registration = RegistrationFactory()
    staff = RegistrationFactory().user
    result = registration_check_in(
        event=registration.event, code=registration.ticket_token, by=staff
    )
    registration.refresh_from_db()
    assert result.ok
    assert registration.checked_in_by == staff
    assert registration.checked_in_at is not None


def test_registration_check_in_another_event():
    registration = RegistrationFactory()
    result = registration_check_in(event=EventFactory(), code=registration.ticket_token, by=None)
    assert (result.outcome, result.registration) == ("other_event", registration)


# --- Short codes -------------------------------------------------------------------------------
def test_new_short_code_is_eight_characters_people_can_read_aloud():
    codes = {new_short_code() for _ in range(200)}
    assert {len(code) for code in codes} == {8}
    assert set("".join(codes)) <= set(SHORT_CODE_ALPHABET)
    assert set("0O1lI") & set(SHORT_CODE_ALPHABET) == set()
    assert len(codes) == 200


def test_every_registration_gets_a_short_code():
    registration = RegistrationFactory()
    assert len(registration.short_code) == 8


def test_short_code_is_unique_per_event_in_the_database():
    first = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=first.event, short_code=first.short_code)


def test_the_same_short_code_may_serve_two_events():
    first = RegistrationFactory()
    other = RegistrationFactory(short_code=first.short_code)
    assert (other.short_code, other.event_id != first.event_id) == (first.short_code, True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("K7MQ3HXA", "K7MQ3HXA"),
        (" k7mq 3hxa ", "K7MQ3HXA"),
        ("K7MQ-3HXA", "K7MQ3HXA"),
        ("K7MQ3HX", None),  # too short
        ("K7MQ3HX0", None),  # 0 is not in the alphabet
        ("K7MQ3HXA9", None),
        ("", None),
    ],
)
def test_short_code_from_input(text, code):
    assert short_code_from_input(text) == code


def test_check_in_by_short_code_typed_in_lower_case():
    registration = RegistrationFactory()
    staff = UserFactory()
    result = registration_check_in(
        event=registration.event, code=registration.short_code.lower(), by=staff
    )
    registration.refresh_from_db()
    assert (result.outcome, result.registration) == ("ok", registration)
    assert registration.checked_in_by == staff


def test_short_code_of_another_event_is_unknown_here():
    registration = RegistrationFactory()
    result = registration_check_in(
        event=EventFactory(), code=registration.short_code, by=UserFactory()
    )
    assert (result.outcome, result.registration) == ("unknown", None)


def test_check_in_twice_is_already_with_when_and_by_whom():
    registration = RegistrationFactory()
    first_staff, second_staff = UserFactory(), UserFactory()
    registration_check_in(event=registration.event, code=registration.ticket_token, by=first_staff)
    registration.refresh_from_db()
    when = registration.checked_in_at
    result = registration_check_in(
        event=registration.event, code=registration.short_code, by=second_staff
    )
    registration.refresh_from_db()
    assert result.outcome == "already"
    assert (registration.checked_in_at, registration.checked_in_by) == (when, first_staff)
    with translation.override("en"):
        assert check_in_message(result) == (
            f"Already checked in at {local_iso(when, registration.event.timezone)} "
            f"by {first_staff.display_name}."
        )


def test_short_codes_are_rate_limited_per_staff_member(settings):
    settings.CHECK_IN_SHORT_CODE_COUNT, settings.CHECK_IN_SHORT_CODE_SECONDS = 2, 60
    event = EventFactory()
    staff, colleague = UserFactory(), UserFactory()
    outcomes = [
        registration_check_in(event=event, code="ABCDEFGH", by=staff).outcome for _ in range(3)
    ]
    registration = RegistrationFactory(event=event)
    assert outcomes == ["unknown", "unknown", "rate_limited"]
    assert registration_check_in(event=event, code=registration.short_code, by=staff).outcome == (
        "rate_limited"
    )
    # The long token is not limited, nor is a colleague.
    assert registration_check_in(event=event, code=registration.ticket_token, by=staff).ok
    assert registration_check_in(event=event, code="ABCDEFGH", by=colleague).outcome == "unknown"


def test_short_code_attempt_window_starts_over(settings, monkeypatch):
    settings.CHECK_IN_SHORT_CODE_COUNT, settings.CHECK_IN_SHORT_CODE_SECONDS = 1, 60
    clock = SimpleNamespace(now=1_800_000_001.0)
    monkeypatch.setattr(checkin, "time", SimpleNamespace(time=lambda: clock.now))
    assert [short_code_attempt(user_id=7), short_code_attempt(user_id=7)] == [True, False]
    clock.now += 60
    assert short_code_attempt(user_id=7) is True


def test_offline_scan_keeps_its_time_within_a_day():
    registration = RegistrationFactory()
    scanned = timezone.now() - dt.timedelta(minutes=20)
    registration_check_in(
        event=registration.event, code=registration.ticket_token, by=None, scanned_at=scanned
    )
    registration.refresh_from_db()
    assert registration.checked_in_at == scanned


@pytest.mark.parametrize(
    "offset", [dt.timedelta(minutes=5), -dt.timedelta(hours=25)], ids=["future", "too-old"]
)
def test_offline_scan_time_out_of_reason_counts_as_now(offset):
    registration = RegistrationFactory()
    before = timezone.now()
    registration_check_in(
        event=registration.event,
        code=registration.ticket_token,
        by=None,
        scanned_at=before + offset,
    )
    registration.refresh_from_db()
    assert before <= registration.checked_in_at <= timezone.now()


def test_short_code_limit_of_zero_lifts_it(settings):
    settings.CHECK_IN_SHORT_CODE_COUNT = 0
    assert all(short_code_attempt(user_id=7) for _ in range(50))
