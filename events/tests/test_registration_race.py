"""Many people registering at once must never overbook an event (PostgreSQL only: SQLite
serialises writers itself and has no row locks to test)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.services.registrations import registration_cancel, registration_create
from events.tests.factories import EventFactory
from profiles.tests.factories import ExpertProfileFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and threads"
    ),
]
THREADS = 8


def run_in_threads(function, items):
    def call(item):
        try:
            return function(item)
        except ValidationError as error:
            return error.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(call, items))


def test_registration_race_never_exceeds_capacity_or_quota():
    event = EventFactory(capacity=10, quota_experts=3, quota_guests=8)
    guests = [UserFactory() for _ in range(30)]
    experts = [ExpertProfileFactory(user=UserFactory()).user for _ in range(10)]
    people = [(user, "guest") for user in guests] + [(user, "expert") for user in experts]

    statuses = run_in_threads(
        lambda person: registration_create(event=event, user=person[0], role=person[1]).status,
        people,
    )

    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 10
    assert confirmed.filter(role="expert").count() <= 3
    assert confirmed.filter(role="guest").count() <= 8
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 30


def test_registration_race_same_person_gets_one_registration():
    event = EventFactory(capacity=5)
    user = UserFactory()
    outcomes = run_in_threads(
        lambda _: registration_create(event=event, user=user, role="guest").status, range(6)
    )
    assert sorted(outcomes) == ["already_registered"] * 5 + ["confirmed"]
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_registration_race_cancellations_promote_each_seat_once():
    event = EventFactory(capacity=4)
    holders = [registration_create(event=event, user=UserFactory(), role="guest") for _ in range(4)]
    waiting = [registration_create(event=event, user=UserFactory(), role="guest") for _ in range(6)]
    run_in_threads(lambda r: registration_cancel(registration=r, by=r.user).status, holders)
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert sorted(confirmed.values_list("pk", flat=True)) == [r.pk for r in waiting[:4]]
