import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.services.calendar import calendar_feed_get
from events.tests.factories import EventFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from meetings.models import Meeting, MeetingRequest, MeetingUnavailability, SessionAttendance
from meetings.services.round_tables import round_tables_seat
from meetings.tests.factories import (
    make_meeting,
    make_slots,
    make_tables,
    registered_expert,
    registered_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(title="对接日", timezone="Asia/Shanghai")


@pytest.fixture
def organizer(event, client):
    user = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
    client.force_login(user)
    return user


def _meetings(event, count):
    slots, tables = make_slots(event, count), make_tables(event, 2)
    return [make_meeting(event, slots[i], tables[i % 2]) for i in range(count)]


@pytest.mark.parametrize("count", [1, 3])
def test_grid_queries_are_constant(event, organizer, client, django_assert_num_queries, count):
    made = _meetings(event, count)
    with django_assert_num_queries(8):
        response = client.get(reverse("meetings:meeting_grid", args=[event.slug]))
    cells = [m for row in response.context["rows"] for m in row.cells if m]
    assert [m.pk for m in cells] == [m.pk for m in made]
    assert made[0].expert.display_name in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_requests_page_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    _meetings(event, count)
    with django_assert_num_queries(11):
        response = client.get(reverse("meetings:meeting_requests", args=[event.slug]))
    assert len(response.context["requests"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_print_page_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    made = _meetings(event, count)
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:meeting_print", args=[event.slug]))
    assert sum(len(ms) for _t, ms in response.context["tables"]) == len(made)


@pytest.mark.parametrize("count", [1, 3])
def test_seating_page_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    for _ in range(count):
        registered_expert(event)
        for _ in range(3):
            registered_member(event)
    round_tables_seat(event=event, table_size=4, by=None)
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:roundtable_seating", args=[event.slug]))
    assert len(response.context["tables"]) == count
    reasons = [row.reason for table in response.context["tables"] for row in table]
    assert len(reasons) == 4 * count


@pytest.mark.parametrize("count", [1, 3])
def test_seating_print_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    for _ in range(count):
        registered_expert(event)
        for _ in range(3):
            registered_member(event)
    plan = round_tables_seat(event=event, table_size=4, by=None)
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:roundtable_print", args=[event.slug]))
    assert response.context["plan"] == plan
    seated = [row.seat.person_id for table in response.context["tables"] for row in table]
    assert sorted(seated) == sorted(plan.seats.values_list("person_id", flat=True))
    assert len(response.context["tables"]) == count
    html = response.content.decode()
    assert html.count("<li><strong>") == 4 * count


@pytest.mark.parametrize("count", [1, 3])
def test_event_meetings_api_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    _meetings(event, count)
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/matching/events/{event.pk}/meetings/")
    body = response.json()
    assert body["count"] == count
    assert set(body["results"][0]) == {
        "id",
        "event",
        "start",
        "end",
        "table",
        "expert",
        "company_member",
        "need",
        "status",
        "moved_by_hand",
    }


@pytest.mark.parametrize("count", [1, 3])
def test_my_meetings_api_queries_are_constant(event, client, django_assert_num_queries, count):
    expert = registered_expert(event)
    slots, tables = make_slots(event, count), make_tables(event, 1)
    for slot in slots:
        make_meeting(event, slot, tables[0], expert=expert)
    client.force_login(expert)
    with django_assert_num_queries(4):
        response = client.get("/api/v1/matching/meetings/mine/")
    assert [m["expert"]["id"] for m in response.json()["results"]] == [expert.pk] * count


def test_move_view_shows_the_conflict(event, organizer, client):
    first, second = _meetings(event, 2)
    response = client.post(
        reverse("meetings:meeting_move", args=[event.slug, second.pk]),
        {"slot": first.slot_id, "table": first.table_id},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Table T1 is already taken in that slot."
    ]
    second.refresh_from_db()
    assert second.slot_id != first.slot_id


def test_schedule_now_places_requests(event, organizer, client):
    make_slots(event, 2), make_tables(event, 1)
    expert, member = registered_expert(event), registered_member(event)
    MeetingRequest.objects.create(event=event, expert=expert, company_member=member, source="staff")
    client.post(reverse("meetings:meeting_schedule_run", args=[event.slug]))
    assert Meeting.objects.filter(event=event, expert=expert, company_member=member).count() == 1


def test_attendee_asks_and_marks_busy_slots_and_sessions(event, client):
    expert, member = registered_expert(event), registered_member(event)
    slot = make_slots(event, 2)[1]
    session = SessionFactory(event=event)
    client.force_login(member)
    url = reverse("meetings:meeting_mine", args=[event.slug])
    client.post(url, {"form": "request", "counterpart": expert.pk, "priority": 2})
    client.post(url, {"form": "availability", "unavailable": [slot.pk], "sessions": [session.pk]})
    request = MeetingRequest.objects.get(event=event)
    assert (request.expert, request.company_member, request.priority) == (expert, member, 2)
    assert list(MeetingUnavailability.objects.values_list("person", "slot")) == [
        (member.pk, slot.pk)
    ]
    assert list(SessionAttendance.objects.values_list("person", "session")) == [
        (member.pk, session.pk)
    ]


def test_event_page_shows_my_meetings(event, client):
    meeting = _meetings(event, 1)[0]
    client.force_login(meeting.company_member)
    with translation.override("en"):
        response = client.get(
            reverse("events:detail", args=[event.slug]), HTTP_ACCEPT_LANGUAGE="en"
        )
    html = response.content.decode()
    assert 'id="my-meetings"' in html
    assert meeting.expert.display_name in html
    assert meeting.table.name in html


def test_event_page_has_no_meetings_block_for_strangers(event, client):
    _meetings(event, 1)
    response = client.get(reverse("events:detail", args=[event.slug]))
    assert 'id="my-meetings"' not in response.content.decode()


def test_calendar_feed_lists_my_meetings(event, client):
    meeting = _meetings(event, 1)[0]
    token = calendar_feed_get(user=meeting.expert).token
    response = client.get(reverse("events:calendar_feed_ics", args=[token]))
    calendar = Calendar.from_ical(response.content)
    items = {str(i["uid"]).split("@")[0]: i for i in calendar.walk("VEVENT")}
    assert set(items) == {f"event-{event.pk}", f"meeting-{meeting.pk}"}
    item = items[f"meeting-{meeting.pk}"]
    assert meeting.company_member.display_name in str(item["summary"])
    assert str(item["location"]) == meeting.table.name
    assert item.decoded("dtstart") == meeting.slot.start.replace(microsecond=0)
    assert item.decoded("dtend") - item.decoded("dtstart") == dt.timedelta(minutes=20)


@pytest.mark.parametrize("count", [1, 3])
def test_setup_page_queries_are_constant(
    event, organizer, client, django_assert_num_queries, count
):
    make_slots(event, count), make_tables(event, count)
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:meeting_setup", args=[event.slug]))
    assert (len(response.context["slots"]), len(response.context["tables"])) == (count, count)


@pytest.mark.parametrize("count", [1, 3])
def test_my_meetings_page_queries_are_constant(event, client, django_assert_num_queries, count):
    expert = registered_expert(event)
    slots, tables = make_slots(event, count), make_tables(event, 1)
    for slot in slots:
        make_meeting(event, slot, tables[0], expert=expert)
    client.force_login(expert)
    with django_assert_num_queries(17):
        response = client.get(reverse("meetings:meeting_mine", args=[event.slug]))
    assert len(response.context["meetings"]) == count


def test_setup_adds_slots_and_tables_and_removes_a_slot(event, organizer, client):
    url = reverse("meetings:meeting_setup", args=[event.slug])
    day = event.start.astimezone(event.tzinfo).date().isoformat()
    client.post(url, {"form": "slots", "day": day, "start": "15:00", "end": "16:00", "minutes": 20})
    client.post(url, {"form": "tables", "names": "A1\nA2"})
    slots = list(event.meeting_slots.order_by("start"))
    assert len(slots) == 3
    assert list(event.meeting_tables.values_list("name", flat=True)) == ["A1", "A2"]
    make_meeting(event, slots[0], event.meeting_tables.first())
    client.post(url, {"form": "delete_slot", "pk": slots[0].pk})
    assert event.meeting_slots.count() == 2
    assert Meeting.objects.filter(event=event).count() == 0
