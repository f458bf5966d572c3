from io import StringIO

import pytest
from django.core.management import call_command

from events.demo import LIVE_SLUG, UPCOMING_SLUG
from meetings.engine import scheduling
from meetings.models import Meeting, MeetingRequest, RoundTableSeat

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seed_demo builds the whole demo forum


def test_demo_has_a_schedule_and_a_seating_and_a_second_run_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    meetings = list(Meeting.objects.filter(event__slug=UPCOMING_SLUG, status="scheduled"))
    requests = MeetingRequest.objects.filter(event__slug=UPCOMING_SLUG, status="open")
    # 12 requests of the meetings demo, and the accepted introduction 思普润 ↔ 林海声
    assert len(meetings) == requests.count() == 13
    problem = scheduling.ScheduleProblem(
        slots=100,
        tables=100,
        requests=[
            scheduling.MeetingRequest(m.pk, m.expert_id, m.company_member_id) for m in meetings
        ],
    )
    placed = [scheduling.Meeting(m.pk, m.slot_id % 100, m.table_id % 100) for m in meetings]
    assert scheduling.conflicts(problem, placed) == []
    seats = RoundTableSeat.objects.filter(plan__event__slug=LIVE_SLUG)
    sizes = sorted(
        seats.filter(table=t).count() for t in set(seats.values_list("table", flat=True))
    )
    assert sizes == [5, 5, 6]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo forum is up to date; nothing changed." in out.getvalue()
