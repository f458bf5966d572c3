"""Meetings' part of a person's data (registered in accounts.personal_data by MeetingsConfig).

Erasing withdraws the person's open meeting requests and scheduled meetings of events that have
not ended (the other side is free again), blanks the message of every request they are part of,
and removes their unavailable slots, session attendance and round-table seats. Past meetings stay
(as "deleted user") so that the figures of past forums do not change.
"""

from django.db.models import Q
from django.utils import timezone

from meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingUnavailability,
    RoundTableSeat,
    SessionAttendance,
)

MODELS = [
    "meetings.MeetingRequest",
    "meetings.Meeting",
    "meetings.MeetingUnavailability",
    "meetings.SessionAttendance",
    "meetings.RoundTableSeat",
]


def _side(user) -> Q:
    return Q(expert=user) | Q(company_member=user)


def export(user) -> dict:
    return {
        "meeting_requests": list(
            MeetingRequest.objects.filter(_side(user) | Q(requested_by=user))
            .order_by("created_at", "id")
            .values(
                "id",
                "event__slug",
                "event__title",
                "expert__name",
                "company_member__name",
                "need__title",
                "source",
                "priority",
                "message",
                "status",
                "created_at",
            )
        ),
        "meetings": list(
            Meeting.objects.filter(_side(user))
            .order_by("slot__start", "id")
            .values(
                "id",
                "event__slug",
                "event__title",
                "slot__start",
                "slot__end",
                "table__name",
                "expert__name",
                "company_member__name",
                "need__title",
                "status",
                "created_at",
            )
        ),
        "unavailable_slots": list(
            MeetingUnavailability.objects.filter(person=user)
            .order_by("slot__start")
            .values("slot__event__slug", "slot__start", "slot__end")
        ),
        "session_attendance": list(
            SessionAttendance.objects.filter(person=user)
            .order_by("session__start")
            .values("session__event__slug", "session__title", "session__start")
        ),
        "round_table_seats": list(
            RoundTableSeat.objects.filter(person=user)
            .order_by("plan__event_id")
            .values("plan__event__slug", "table", "kind", "organisation", "shared_topics")
        ),
    }


def erase(user) -> dict:
    now = timezone.now()
    meetings_cancelled = Meeting.objects.filter(
        _side(user), status=Meeting.Status.SCHEDULED, event__end__gt=now
    ).update(status=Meeting.Status.CANCELLED)
    requests_cancelled = MeetingRequest.objects.filter(
        _side(user), status=MeetingRequest.Status.OPEN, event__end__gt=now
    ).update(status=MeetingRequest.Status.CANCELLED)
    messages_blanked = (
        MeetingRequest.objects.filter(_side(user) | Q(requested_by=user))
        .exclude(message="")
        .update(message="")
    )
    return {
        "meetings_cancelled": meetings_cancelled,
        "meeting_requests_cancelled": requests_cancelled,
        "meeting_messages_blanked": messages_blanked,
        "unavailable_slots": MeetingUnavailability.objects.filter(person=user).delete()[0],
        "session_attendance": SessionAttendance.objects.filter(person=user).delete()[0],
        "round_table_seats": RoundTableSeat.objects.filter(person=user).delete()[0],
    }
