"""A database made while meetings lived in the matching app migrates to the meetings app with
every row where it was: the move changes the models' state, never the tables."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from accounts.tests.factories import UserFactory
from events.tests.factories import EventFactory, SessionFactory
from meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    MeetingUnavailability,
    RoundTablePlan,
    RoundTableSeat,
    SessionAttendance,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# The schema on main before meetings became an app: matching at 0004, no meetings app.
BEFORE = [("matching", "0004_meetings"), ("meetings", None)]


def _migrate(targets=None):
    """Migrate to `targets` (default: every app's latest) and return the models' state then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


def _old_rows(old, event, session, expert, member):
    """One row of each meetings table, written through the old (matching) models."""
    get = old.get_model
    slot = get("matching", "MeetingSlot").objects.create(
        event_id=event.pk, start=event.start, end=event.start + dt.timedelta(minutes=20)
    )
    table = get("matching", "MeetingTable").objects.create(event_id=event.pk, name="A1")
    request = get("matching", "MeetingRequest").objects.create(
        event_id=event.pk,
        expert_id=expert.pk,
        company_member_id=member.pk,
        source="staff",
        priority=2,
        message="水下声学",
    )
    meeting = get("matching", "Meeting").objects.create(
        event_id=event.pk,
        slot=slot,
        table=table,
        request=request,
        expert_id=expert.pk,
        company_member_id=member.pk,
        moved_by_hand=True,
    )
    get("matching", "MeetingUnavailability").objects.create(person_id=expert.pk, slot=slot)
    get("matching", "SessionAttendance").objects.create(person_id=member.pk, session_id=session.pk)
    plan = get("matching", "RoundTablePlan").objects.create(event_id=event.pk, table_size=6)
    seat = get("matching", "RoundTableSeat").objects.create(
        plan=plan,
        table=1,
        person_id=expert.pk,
        kind="expert",
        organisation="中国海洋大学",
        shared_topics=[3, 5],
        shared_with=[member.pk],
    )
    return {"slot": slot, "table": table, "request": request, "meeting": meeting, "seat": seat}


def test_rows_of_the_matching_tables_are_found_by_the_meetings_models():
    event = EventFactory()
    session = SessionFactory(event=event)
    expert, member = UserFactory(), UserFactory()
    try:
        old = _migrate(BEFORE)
        with pytest.raises(LookupError):
            old.get_model("meetings", "Meeting")
        made = _old_rows(old, event, session, expert, member)
        assert ContentType.objects.filter(app_label="matching", model="meeting").exists()
    finally:
        new = _migrate()

    with pytest.raises(LookupError):
        new.get_model("matching", "Meeting")
    assert new.get_model("meetings", "Meeting")._meta.db_table == "matching_meeting"
    meeting = Meeting.objects.select_related("slot", "table", "request").get()
    assert (meeting.pk, meeting.event_id, meeting.expert_id, meeting.company_member_id) == (
        made["meeting"].pk,
        event.pk,
        expert.pk,
        member.pk,
    )
    assert (meeting.slot.pk, meeting.slot.start) == (made["slot"].pk, event.start)
    assert (meeting.table.pk, meeting.table.name) == (made["table"].pk, "A1")
    assert (meeting.request.pk, meeting.request.priority, meeting.request.message) == (
        made["request"].pk,
        2,
        "水下声学",
    )
    assert (meeting.status, meeting.moved_by_hand) == ("scheduled", True)
    assert list(MeetingUnavailability.objects.values_list("person", "slot")) == [
        (expert.pk, made["slot"].pk)
    ]
    assert list(SessionAttendance.objects.values_list("person", "session")) == [
        (member.pk, session.pk)
    ]
    plan = RoundTablePlan.objects.get()
    assert (plan.event_id, plan.table_size) == (event.pk, 6)
    seat = RoundTableSeat.objects.get()
    assert (seat.pk, seat.plan_id, seat.table, seat.person_id, seat.kind) == (
        made["seat"].pk,
        plan.pk,
        1,
        expert.pk,
        "expert",
    )
    assert (seat.organisation, seat.shared_topics, seat.shared_with) == (
        "中国海洋大学",
        [3, 5],
        [member.pk],
    )
    assert (MeetingSlot.objects.count(), MeetingTable.objects.count()) == (1, 1)
    assert MeetingRequest.objects.count() == 1
    # The content types followed the models; the database's constraints are still there.
    assert ContentType.objects.get_for_model(Meeting).app_label == "meetings"
    assert not ContentType.objects.filter(app_label="matching", model="meeting").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSlot.objects.create(event=event, start=event.start, end=event.end)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundTablePlan.objects.create(event=event, table_size=6)
