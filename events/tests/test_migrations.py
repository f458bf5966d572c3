"""Registrations made before short codes get one each when the database is migrated."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.services.checkin import short_code_from_input
from events.tests.factories import EventFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


def test_existing_registrations_get_a_short_code_unique_per_event():
    events = [EventFactory(), EventFactory()]
    users = [UserFactory() for _ in range(3)]
    old = _migrate([("events", "0006_session_room_en")])
    OldRegistration = old.get_model("events", "Registration")
    for event in events:
        for user in users:
            OldRegistration.objects.create(
                event_id=event.pk, user_id=user.pk, ticket_token=f"t-{event.pk}-{user.pk}"
            )
    _migrate()
    codes = list(Registration.objects.values_list("event_id", "short_code"))
    assert len(codes) == 6
    assert all(short_code_from_input(code) == code for _event, code in codes)
    assert len(set(codes)) == 6
