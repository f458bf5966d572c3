import pytest

from events.services.checkin import registration_check_in, ticket_code_from_input
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
