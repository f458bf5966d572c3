import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.tests.factories import EventFactory, SessionFactory
from matching.models import Introduction
from matching.tests.factories import IntroductionFactory
from meetings.engine import scheduling
from meetings.models import Meeting, MeetingRequest, MeetingSlot, MeetingTable
from meetings.services.meetings import (
    meeting_availability_set,
    meeting_cancel,
    meeting_move,
    meeting_request_add,
    meeting_request_create,
    meeting_slots_define,
    meeting_tables_define,
    meetings_schedule,
)
from meetings.tests.factories import (
    make_meeting,
    make_slots,
    make_tables,
    registered_expert,
    registered_member,
)
from needs.tests.factories import NeedFactory

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def event():
    start = dt.datetime(2030, 5, 20, 14, 0, tzinfo=SHANGHAI)
    return EventFactory(start=start, end=start + dt.timedelta(hours=4), timezone="Asia/Shanghai")


def test_slots_define_cuts_the_range_in_the_event_time_zone(event):
    made = meeting_slots_define(
        event=event, day=dt.date(2030, 5, 20), start=dt.time(15), end=dt.time(16, 40), minutes=20
    )
    assert [s.start.astimezone(SHANGHAI).strftime("%H:%M") for s in made] == [
        "15:00",
        "15:20",
        "15:40",
        "16:00",
        "16:20",
    ]
    assert made[0].start == dt.datetime(2030, 5, 20, 7, 0, tzinfo=dt.UTC)


def test_slots_define_twice_adds_nothing_and_refuses_overlaps(event):
    args = {"event": event, "day": dt.date(2030, 5, 20), "start": dt.time(15), "minutes": 20}
    meeting_slots_define(end=dt.time(16), **args)
    assert meeting_slots_define(end=dt.time(16), **args) == []
    with pytest.raises(ValidationError) as exc:
        meeting_slots_define(**{**args, "start": dt.time(15, 10)}, end=dt.time(15, 50))
    assert exc.value.code == "meeting_slot_overlap"
    assert MeetingSlot.objects.filter(event=event).count() == 3


def test_tables_define_skips_names_already_there(event):
    meeting_tables_define(event=event, names=["A", "B"])
    made = meeting_tables_define(event=event, names=["B", "C", " "])
    assert [t.name for t in made] == ["C"]
    assert list(MeetingTable.objects.filter(event=event).values_list("name", "position")) == [
        ("A", 0),
        ("B", 1),
        ("C", 2),
    ]


def test_request_create_orders_the_two_sides(event):
    expert, member = registered_expert(event), registered_member(event)
    request = meeting_request_create(event=event, by=member, counterpart=expert, priority=2)
    assert (request.expert, request.company_member, request.priority) == (expert, member, 2)
    assert request.source == MeetingRequest.Source.ATTENDEE


def test_request_create_refuses_two_experts_duplicates_and_strangers(event):
    expert, other_expert = registered_expert(event), registered_expert(event)
    member = registered_member(event)
    with pytest.raises(ValidationError) as exc:
        meeting_request_create(event=event, by=expert, counterpart=other_expert)
    assert exc.value.code == "meeting_request_sides"
    meeting_request_create(event=event, by=expert, counterpart=member)
    with pytest.raises(ValidationError) as exc:
        meeting_request_create(event=event, by=member, counterpart=expert)
    assert exc.value.code == "meeting_request_duplicate"
    stranger = registered_member(EventFactory())
    with pytest.raises(ValidationError) as exc:
        meeting_request_create(event=event, by=stranger, counterpart=expert)
    assert exc.value.code == "meeting_request_not_registered"


def _schedule_setup(event, pairs=6, slots=3, tables=2):
    experts = [registered_expert(event) for _ in range(3)]
    members = [registered_member(event) for _ in range(3)]
    slot_rows, table_rows = make_slots(event, slots), make_tables(event, tables)
    for i in range(pairs):
        meeting_request_add(
            event=event, expert=experts[i % 3], company_member=members[(i + i // 3) % 3], by=None
        )
    return experts, members, slot_rows, table_rows


def _as_problem(event):
    slots = list(MeetingSlot.objects.filter(event=event).order_by("start"))
    index = {s.pk: i for i, s in enumerate(slots)}
    tables = {t.pk: i for i, t in enumerate(MeetingTable.objects.filter(event=event))}
    meetings = Meeting.objects.filter(event=event, status="scheduled")
    problem = scheduling.ScheduleProblem(
        slots=len(slots),
        tables=len(tables),
        requests=[
            scheduling.MeetingRequest(m.pk, m.expert_id, m.company_member_id) for m in meetings
        ],
    )
    placed = [scheduling.Meeting(m.pk, index[m.slot_id], tables[m.table_id]) for m in meetings]
    return problem, placed


def test_schedule_places_every_request_without_conflicts(event):
    _schedule_setup(event)
    result = meetings_schedule(event=event)
    assert result == {"placed": 6, "unplaced": 0, "kept": 0}
    problem, placed = _as_problem(event)
    assert scheduling.conflicts(problem, placed) == []


def test_schedule_respects_unavailable_slots_and_attended_sessions(event):
    experts, members, slots, _tables = _schedule_setup(event, pairs=3, slots=3, tables=3)
    session = SessionFactory(
        event=event, start=slots[1].start, end=slots[1].start + dt.timedelta(minutes=10)
    )
    meeting_availability_set(event=event, person=experts[0], unavailable=[slots[0]], sessions=[])
    meeting_availability_set(
        event=event, person=experts[0], unavailable=[slots[0]], sessions=[session]
    )
    meetings_schedule(event=event)
    assert list(
        Meeting.objects.filter(expert=experts[0], status="scheduled").values_list(
            "slot_id", flat=True
        )
    ) == [slots[2].pk]


def test_schedule_again_keeps_meetings_moved_by_hand(event):
    _experts, _members, slots, tables = _schedule_setup(event, pairs=3, slots=3, tables=2)
    meetings_schedule(event=event)
    moved = Meeting.objects.filter(event=event).order_by("id").first()
    free = next(
        (s, t)
        for s in slots
        for t in tables
        if not Meeting.objects.filter(slot=s, table=t, status="scheduled").exists()
        and not Meeting.objects.filter(slot=s, expert=moved.expert, status="scheduled").exists()
        and not Meeting.objects.filter(
            slot=s, company_member=moved.company_member, status="scheduled"
        ).exists()
    )
    meeting_move(meeting=moved, slot=free[0], table=free[1])
    result = meetings_schedule(event=event)
    assert result == {"placed": 2, "unplaced": 0, "kept": 1}
    moved.refresh_from_db()
    assert (moved.slot, moved.table, moved.moved_by_hand) == (free[0], free[1], True)
    problem, placed = _as_problem(event)
    assert scheduling.conflicts(problem, placed) == []


@translation.override("en")
def test_move_to_a_taken_table_or_a_busy_person_is_refused(event):
    slot_a, slot_b = make_slots(event, 2)
    table_1, table_2 = make_tables(event, 2)
    first = make_meeting(event, slot_a, table_1)
    second = make_meeting(event, slot_b, table_1, expert=first.expert)
    with pytest.raises(ValidationError) as exc:
        meeting_move(meeting=second, slot=slot_a, table=table_1)
    assert exc.value.messages == ["Table T1 is already taken in that slot."]
    with pytest.raises(ValidationError) as exc:
        meeting_move(meeting=second, slot=slot_a, table=table_2)
    assert exc.value.messages == ["One of the two already has a meeting in that slot."]
    second.refresh_from_db()
    assert (second.slot, second.moved_by_hand) == (slot_b, False)


def test_database_refuses_a_person_twice_in_a_slot(event):
    slot = make_slots(event, 1)[0]
    table_1, table_2 = make_tables(event, 2)
    first = make_meeting(event, slot, table_1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            event=event,
            slot=slot,
            table=table_2,
            expert=first.expert,
            company_member=registered_member(event),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(event, slot, table_1)


def test_cancelled_meeting_is_not_scheduled_again(event):
    _schedule_setup(event, pairs=2, slots=2, tables=1)
    meetings_schedule(event=event)
    meeting = Meeting.objects.filter(event=event).first()
    meeting_cancel(meeting=meeting)
    result = meetings_schedule(event=event)
    assert result == {"placed": 1, "unplaced": 0, "kept": 0}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.request.status == MeetingRequest.Status.CANCELLED


def test_accepted_introductions_between_registrants_become_requests(event):
    expert_user, member = registered_expert(event), registered_member(event)
    need = NeedFactory(company=member.company_memberships.get().company)
    intro = IntroductionFactory(
        need=need, expert=expert_user.expert_profile, status=Introduction.Status.ACCEPTED
    )
    IntroductionFactory(need=need, status=Introduction.Status.ACCEPTED)  # expert not registered
    make_slots(event, 1), make_tables(event, 1)
    result = meetings_schedule(event=event)
    assert result == {"placed": 1, "unplaced": 0, "kept": 0}
    request = MeetingRequest.objects.get(event=event)
    assert (request.introduction, request.need, request.expert, request.company_member) == (
        intro,
        need,
        expert_user,
        member,
    )
    meetings_schedule(event=event)
    assert MeetingRequest.objects.filter(event=event).count() == 1


def test_schedule_leaves_out_people_who_cancelled_their_registration(event):
    experts, members, _slots, _tables = _schedule_setup(event, pairs=3, slots=3, tables=3)
    event.registrations.filter(user=members[0]).update(status="cancelled")
    result = meetings_schedule(event=event)
    assert result == {"placed": 2, "unplaced": 0, "kept": 0}
    assert not Meeting.objects.filter(company_member=members[0]).exists()
