"""The figures: exact values for a known host, what each is keyed on, and the same definitions
as the needs desk."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting
from needs.selectors import desk_figures
from outcomes.models import FeedbackRequest, MeetingFeedback
from outcomes.periods import Period, month_period, period_parse
from outcomes.selectors.figures import host_figures, meeting_figures
from outcomes.tests.factories import local, scene, staffed_host

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = local(2026, 6, 30, 12)
JUNE = Period(first=dt.date(2026, 6, 1), last=dt.date(2026, 6, 30), zone=SHANGHAI)


def test_host_figures_count_one_scene_exactly():
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=NOW)
    assert host_figures(host=host, period=JUNE, now=NOW) == {
        "period": {"from": "2026-06-01", "to": "2026-06-30"},
        "events": {"count": 1, "registrations": 2, "checked_in": 2, "check_in_rate": 1.0},
        "matching": {
            "introductions_requested": 2,
            "introductions_accepted": 1,
            "meetings_scheduled": 1,
            "meetings_held": 1,
        },
        "needs": {
            "total": 2,
            "responded": 1,
            "response_rate": 0.5,
            "on_time_response_rate": 0.5,
            "resolved": 1,
            "resolution_rate": 0.5,
            "satisfaction": 4.0,
            "overdue": 1,
        },
        "outcomes": {"surveyed": 1, "answered": 1, "cooperation": 1},
    }


def test_host_figures_of_an_empty_period_divide_by_nothing():
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=NOW)
    may = Period(first=dt.date(2026, 5, 1), last=dt.date(2026, 5, 31), zone=SHANGHAI)
    figures = host_figures(host=host, period=may, now=NOW)
    assert figures["events"] == {
        "count": 0,
        "registrations": 0,
        "checked_in": 0,
        "check_in_rate": None,
    }
    assert (figures["needs"]["response_rate"], figures["needs"]["satisfaction"]) == (None, None)


def test_period_is_inclusive_in_the_host_time_zone():
    host, _staff = staffed_host()
    # 2026-06-30 23:30 in Shanghai is 15:30 UTC the same day; 2026-07-01 00:30 is the next day.
    scene(host, day=local(2026, 6, 30, 23) + dt.timedelta(minutes=30), now=NOW)
    scene(host, day=local(2026, 7, 1, 0) + dt.timedelta(minutes=30), now=NOW)
    figures = host_figures(host=host, period=JUNE, now=local(2026, 7, 2))
    assert (figures["events"]["count"], figures["needs"]["total"]) == (1, 2)


def test_needs_figures_are_the_desks():
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=NOW, copies=3)
    desk = desk_figures(host=host, since=JUNE.since, until=JUNE.until, now=NOW)
    needs = host_figures(host=host, period=JUNE, now=NOW)["needs"]
    assert needs == {
        "total": desk.total,
        "responded": desk.responded,
        "response_rate": desk.response_rate,
        "on_time_response_rate": desk.in_time_rate,
        "resolved": desk.resolved,
        "resolution_rate": desk.resolution_rate,
        "satisfaction": desk.average_satisfaction,
        "overdue": desk.overdue,
    }
    assert (desk.average_response_hours, desk.average_resolution_hours) == (5.0, 29.0)


def test_meeting_not_held_when_someone_says_so():
    host, _staff = staffed_host()
    made = scene(host, day=local(2026, 6, 10), now=NOW)
    meeting = Meeting.objects.get(event=made["events"][0])
    request = FeedbackRequest.objects.create(event=meeting.event, user=meeting.expert)
    MeetingFeedback.objects.create(request=request, meeting=meeting, held=False)
    assert meeting_figures(host=host, period=JUNE, now=NOW) == {
        "scheduled": 1,
        "held": 0,
        "cancelled": 0,
    }


def test_meeting_not_held_before_its_slot_ends():
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=NOW)
    figures = meeting_figures(host=host, period=JUNE, now=local(2026, 6, 10, 10))
    assert (figures["scheduled"], figures["held"]) == (1, 0)


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        ("2026-13-01", None, "invalid_date"),
        ("2026/01/01", None, "invalid_date"),
        ("2026-02-30", "2026-03-01", "invalid_date"),
        ("2026-03-02", "2026-03-01", "invalid_period"),
        ("2000-01-01", "2026-03-01", "invalid_period"),
        ("9999-12-31", None, "invalid_date"),
        (None, "9999-12-31", "invalid_date"),
        ("0001-01-01", "0001-01-02", "invalid_date"),
    ],
)
def test_period_parse_refuses_bad_dates(first, last, code):
    with pytest.raises(ValidationError) as caught:
        period_parse(first=first, last=last, zone=SHANGHAI)
    assert caught.value.code == code


def test_period_defaults_to_the_last_90_days_and_knows_the_one_before():
    period = period_parse(first=None, last=None, zone=SHANGHAI, today=dt.date(2026, 6, 30))
    assert (period.first, period.last, period.days) == (
        dt.date(2026, 4, 2),
        dt.date(2026, 6, 30),
        90,
    )
    before = period.previous()
    assert (before.first, before.last) == (dt.date(2026, 1, 2), dt.date(2026, 4, 1))


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-01", "", "2026-00", "9999-12"])
def test_month_period_refuses_malformed_months(month):
    with pytest.raises(ValidationError) as caught:
        month_period(month, zone=SHANGHAI)
    assert caught.value.code == "invalid_month"


def test_month_period_covers_the_calendar_month():
    period = month_period("2024-02", zone=SHANGHAI)
    assert (period.first, period.last) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
