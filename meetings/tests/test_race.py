"""Organizers moving meetings at once never double-book a table or a person (PostgreSQL only:
SQLite serialises writers itself)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.tests.factories import EventFactory
from meetings.models import Meeting
from meetings.services.meetings import meeting_move
from meetings.tests.factories import make_meeting, make_slots, make_tables

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and threads"
    ),
]


def test_moves_into_one_free_table_at_once_only_one_wins():
    event = EventFactory()
    slots, tables = make_slots(event, 2), make_tables(event, 6)
    meetings = [make_meeting(event, slots[0], table) for table in tables]
    target = (slots[1], tables[0])

    def move(meeting):
        try:
            meeting_move(meeting=meeting, slot=target[0], table=target[1])
            return "moved"
        except ValidationError as error:
            return error.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(move, meetings))

    assert sorted(outcomes) == ["meeting_conflict"] * 5 + ["moved"]
    assert Meeting.objects.filter(slot=target[0], status="scheduled").count() == 1
