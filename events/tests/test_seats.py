"""The seat row of an event always equals its confirmed registrations by role, whatever writes
the services make, and it decides who gets a seat."""

import pytest
from django.core.exceptions import ValidationError

from accounts.services import user_delete
from accounts.tests.factories import UserFactory
from events.models import EventSeats, Registration
from events.selectors import confirmed_counts
from events.services.checkin import registration_check_in
from events.services.events import event_cancel, event_update
from events.services.registrations import (
    event_capacity_change,
    registration_approve,
    registration_cancel,
    registration_create,
    registration_reject,
    walk_in_register,
)
from events.services.seats import seat_take, seats_lock, seats_recount
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from profiles.tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


def _row(event) -> dict:
    return EventSeats.objects.get(event=event).counts()


def test_seat_row_follows_every_write():
    event = EventFactory(capacity=4, quota_experts=1)
    staff = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
    experts = [ExpertProfileFactory(user=UserFactory()).user for _ in range(2)]
    steps = []

    def check(label):
        steps.append((label, _row(event) == confirmed_counts(event)))

    first_expert = registration_create(event=event, user=experts[0], role="expert")
    check("expert confirmed")
    second_expert = registration_create(event=event, user=experts[1], role="expert")
    check("expert waitlisted by quota")
    assert second_expert.status == S.WAITLISTED
    guests = [registration_create(event=event, user=UserFactory(), role="guest") for _ in range(4)]
    check("guests confirmed, then one waitlisted")
    registration_cancel(registration=guests[0], by=guests[0].user)
    check("cancel promotes the waiting guest")
    registration_cancel(registration=first_expert, by=staff)
    check("cancel promotes the waiting expert")
    registration_reject(registration=guests[1], by=staff, reason="满")
    check("reject frees a seat")
    walk_in_register(event=event, email="door@example.com", name="门口", role="guest", by=staff)
    check("walk-in takes it")
    registration_check_in(event=event, code=guests[2].ticket_token, by=staff)
    check("check-in changes no seat")
    event_capacity_change(event=event, capacity=6)
    check("more seats")
    event.refresh_from_db()
    event_update(event=event, by=staff, capacity=7)
    check("event edit")
    event.refresh_from_db()
    event.requires_approval = True
    event.save(update_fields=["requires_approval"])
    pending = registration_create(event=event, user=UserFactory(), role="guest")
    check("pending takes no seat")
    registration_approve(registrations=[pending], by=staff)
    check("approval takes one")
    user_delete(user=guests[3].user)
    check("account deletion frees one")
    event_cancel(event=event, reason="暴雨", by=staff)
    check("event cancelled: only the checked-in keep theirs")

    assert steps == [(label, True) for label, _ok in steps]
    assert _row(event) == {"expert": 0, "enterprise": 0, "guest": 2, "total": 2}


def test_seat_row_is_made_from_registrations_written_before_it():
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, role="guest")
    RegistrationFactory(event=event, role="expert")
    RegistrationFactory(event=event, role="guest", status=S.WAITLISTED)

    assert seats_lock(event=event).counts() == {
        "expert": 1,
        "enterprise": 0,
        "guest": 1,
        "total": 2,
    }
    with pytest.raises(ValidationError) as error:
        walk_in_register(event=event, email="x@example.com", name="x", role="guest", by=None)
    assert error.value.code == "full"


def test_seat_take_refuses_past_capacity_and_quota():
    event = EventFactory(capacity=3, quota_guests=1)
    seats_lock(event=event)

    taken = [seat_take(event=event, role=role) for role in ("guest", "guest", "expert", "expert")]

    assert taken == [True, False, True, True]
    assert _row(event) == {"expert": 2, "enterprise": 0, "guest": 1, "total": 3}
    assert seat_take(event=event, role="enterprise") is False


def test_seats_recount_repairs_a_row_written_around():
    event = EventFactory()
    seats_lock(event=event)
    Registration.objects.bulk_create([Registration(event=event, user=UserFactory())])

    assert seats_recount(event=event).counts() == confirmed_counts(event)


def test_admin_shows_seat_fields_read_only(admin_client):
    from django.urls import reverse

    registration = RegistrationFactory()
    html = admin_client.get(
        reverse("admin:events_registration_change", args=[registration.pk])
    ).content.decode()
    add = admin_client.get(reverse("admin:events_registration_add"))
    assert ('name="status"' in html, 'name="event"' in html, add.status_code) == (
        False,
        False,
        403,
    )
