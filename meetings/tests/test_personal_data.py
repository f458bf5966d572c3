import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from accounts.services import user_data_export, user_delete
from events.tests.factories import EventFactory
from meetings.models import Meeting, MeetingRequest, MeetingUnavailability
from meetings.tests.factories import make_meeting, make_slots, make_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    event = EventFactory()
    slots = make_slots(event, 2)
    meeting = make_meeting(event, slots[0], make_tables(event, 1)[0])
    MeetingRequest.objects.filter(pk=meeting.request_id).update(message="带上样品")
    MeetingUnavailability.objects.create(person=meeting.expert, slot=slots[1])
    return meeting


def test_export_holds_requests_meetings_and_unavailable_slots(meeting):
    data = json.loads(json.dumps(user_data_export(user=meeting.expert), cls=DjangoJSONEncoder))[
        "meetings"
    ]

    assert [(r["id"], r["message"]) for r in data["meeting_requests"]] == [
        (meeting.request_id, "带上样品")
    ]
    assert [(m["id"], m["table__name"], m["status"]) for m in data["meetings"]] == [
        (meeting.pk, "T1", "scheduled")
    ]
    assert len(data["unavailable_slots"]) == 1


def test_erase_cancels_upcoming_meetings_and_blanks_request_messages(meeting):
    deletion = user_delete(user=meeting.company_member)

    meeting.refresh_from_db()
    request = MeetingRequest.objects.get(pk=meeting.request_id)
    assert (meeting.status, request.status, request.message) == ("cancelled", "cancelled", "")
    assert deletion.erased["meetings"] == {
        "meetings_cancelled": 1,
        "meeting_requests_cancelled": 1,
        "meeting_messages_blanked": 1,
        "unavailable_slots": 0,
        "session_attendance": 0,
        "round_table_seats": 0,
    }
    assert Meeting.objects.filter(status="scheduled").count() == 0
