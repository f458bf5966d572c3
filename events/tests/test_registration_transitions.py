"""Every registration write from every status (docs/registrations.md, "What each status allows"):
the outcome is a new status or a clear refusal, never a failed database constraint, and the
event's seat row still equals its confirmed registrations afterwards."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import user_delete
from accounts.tests.factories import UserFactory
from events.models import EventSeats, Registration
from events.selectors import confirmed_counts
from events.services.checkin import registration_check_in
from events.services.events import event_cancel
from events.services.registrations import (
    registration_approve,
    registration_cancel,
    registration_reject,
)
from events.services.seats import seats_lock
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db
S = Registration.Status
STARTS = ["pending", "confirmed", "checked_in", "waitlisted", "cancelled", "rejected"]


def _make(start: str):
    event = EventFactory(capacity=5)
    staff = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
    status = S.CONFIRMED if start == "checked_in" else start
    registration = RegistrationFactory(
        event=event,
        status=status,
        answers={"phone": "13800000000"},
        checked_in_at=timezone.now() if start == "checked_in" else None,
        rejection_reason="满" if start == "rejected" else "",
    )
    seats_lock(event=event)  # the seat row, counted from the registrations
    return event, staff, registration


def _attendee_cancel(registration, staff):
    registration_cancel(registration=registration, by=registration.user)


def _staff_cancel(registration, staff):
    registration_cancel(registration=registration, by=staff)


def _approve(registration, staff):
    registration_approve(registrations=[registration], by=staff)


def _reject(registration, staff):
    registration_reject(registration=registration, by=staff, reason="满")


def _check_in(registration, staff):
    return registration_check_in(
        event=registration.event, code=registration.ticket_token, by=staff
    ).outcome


def _event_cancel(registration, staff):
    event_cancel(event=registration.event, reason="暴雨", by=staff)


def _delete_account(registration, staff):
    user_delete(user=registration.user)


ACTIONS = {
    "attendee_cancel": _attendee_cancel,
    "staff_cancel": _staff_cancel,
    "approve": _approve,
    "reject": _reject,
    "check_in": _check_in,
    "event_cancel": _event_cancel,
    "delete_account": _delete_account,
}
# (start, action) → (status afterwards, checked in afterwards, refusal code or check-in outcome)
EXPECTED = {
    ("pending", "attendee_cancel"): ("cancelled", False, None),
    ("pending", "staff_cancel"): ("cancelled", False, None),
    ("pending", "approve"): ("confirmed", False, None),
    ("pending", "reject"): ("rejected", False, None),
    ("pending", "check_in"): ("pending", False, "not_confirmed"),
    ("pending", "event_cancel"): ("cancelled", False, None),
    ("pending", "delete_account"): ("cancelled", False, None),
    ("confirmed", "attendee_cancel"): ("cancelled", False, None),
    ("confirmed", "staff_cancel"): ("cancelled", False, None),
    ("confirmed", "approve"): ("confirmed", False, None),
    ("confirmed", "reject"): ("rejected", False, None),
    ("confirmed", "check_in"): ("confirmed", True, "ok"),
    ("confirmed", "event_cancel"): ("cancelled", False, None),
    ("confirmed", "delete_account"): ("cancelled", False, None),
    ("checked_in", "attendee_cancel"): ("confirmed", True, "checked_in"),
    ("checked_in", "staff_cancel"): ("confirmed", True, "checked_in"),
    ("checked_in", "approve"): ("confirmed", True, None),
    ("checked_in", "reject"): ("confirmed", True, "checked_in"),
    ("checked_in", "check_in"): ("confirmed", True, "already"),
    ("checked_in", "event_cancel"): ("confirmed", True, None),
    ("checked_in", "delete_account"): ("confirmed", True, None),
    ("waitlisted", "attendee_cancel"): ("cancelled", False, None),
    ("waitlisted", "staff_cancel"): ("cancelled", False, None),
    ("waitlisted", "approve"): ("waitlisted", False, None),
    ("waitlisted", "reject"): ("rejected", False, None),
    ("waitlisted", "check_in"): ("waitlisted", False, "not_confirmed"),
    ("waitlisted", "event_cancel"): ("cancelled", False, None),
    ("waitlisted", "delete_account"): ("cancelled", False, None),
    ("cancelled", "attendee_cancel"): ("cancelled", False, "not_active"),
    ("cancelled", "staff_cancel"): ("cancelled", False, "not_active"),
    ("cancelled", "approve"): ("cancelled", False, None),
    ("cancelled", "reject"): ("cancelled", False, "not_active"),
    ("cancelled", "check_in"): ("cancelled", False, "cancelled"),
    ("cancelled", "event_cancel"): ("cancelled", False, None),
    ("cancelled", "delete_account"): ("cancelled", False, None),
    ("rejected", "attendee_cancel"): ("rejected", False, "not_active"),
    ("rejected", "staff_cancel"): ("rejected", False, "not_active"),
    ("rejected", "approve"): ("rejected", False, None),
    ("rejected", "reject"): ("rejected", False, "not_active"),
    ("rejected", "check_in"): ("rejected", False, "cancelled"),
    ("rejected", "event_cancel"): ("rejected", False, None),
    ("rejected", "delete_account"): ("rejected", False, None),
}


def test_matrix_covers_every_status_and_action():
    assert set(EXPECTED) == {(start, action) for start in STARTS for action in ACTIONS}


@pytest.mark.parametrize(("start", "action"), sorted(EXPECTED))
def test_registration_transition(start, action):
    event, staff, registration = _make(start)
    try:
        outcome = ACTIONS[action](registration, staff)
    except ValidationError as error:
        outcome = error.code
    registration.refresh_from_db()
    status, checked_in, expected_outcome = EXPECTED[(start, action)]
    assert (registration.status, registration.checked_in_at is not None, outcome) == (
        status,
        checked_in,
        expected_outcome,
    )
    assert EventSeats.objects.get(event=event).counts() == confirmed_counts(event)
    if action == "delete_account":
        assert (registration.answers, registration.user.email) == (
            {},
            f"deleted-{registration.user_id}@deleted.invalid",
        )


def test_deleting_a_checked_in_account_gives_other_seats_to_the_waiting_list():
    event = EventFactory(capacity=2)
    person = UserFactory()
    attended = RegistrationFactory(
        event=EventFactory(host=event.host), user=person, checked_in_at=timezone.now()
    )
    upcoming = RegistrationFactory(event=event, user=person)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED)

    deletion = user_delete(user=person)

    statuses = {
        r.pk: r.status for r in Registration.objects.filter(pk__in=[attended.pk, upcoming.pk])
    }
    waiting.refresh_from_db()
    assert statuses == {attended.pk: S.CONFIRMED, upcoming.pk: S.CANCELLED}
    assert waiting.status == S.CONFIRMED
    assert deletion.erased["events"]["registrations_cancelled"] == 1


def test_event_page_offers_no_cancel_button_after_check_in(client):
    from django.urls import reverse

    registration = RegistrationFactory(checked_in_at=timezone.now())
    client.force_login(registration.user)
    cancel = reverse("events:registration_cancel", args=[registration.event.slug, registration.pk])
    html = client.get(reverse("events:detail", args=[registration.event.slug])).content.decode()
    assert cancel not in html
