"""Reads for meetings and round tables, with their joins done."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from accounts.models import User
from events.models import Event, Registration
from meetings.engine.seating import Guest, Seat
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
from meetings.reasons import seat_reason
from profiles.models import CompanyMembership, ExpertProfile, Topic


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(
        "slot", "table", "expert", "company_member", "need", "event"
    )


def meetings_of_event(*, event: Event, user=None) -> QuerySet[Meeting]:
    """Scheduled meetings of an event in time order; with `user`, only theirs."""
    qs = _meetings().filter(event=event, status=Meeting.Status.SCHEDULED)
    if user is not None:
        qs = qs.filter(Q(expert=user) | Q(company_member=user))
    return qs.order_by("slot__start", "table__position", "table_id", "id")


def meetings_of_user(*, user) -> QuerySet[Meeting]:
    """The person's scheduled meetings at every event, in time order."""
    if not user or not user.is_authenticated:
        return Meeting.objects.none()
    return (
        _meetings()
        .filter(Q(expert=user) | Q(company_member=user), status=Meeting.Status.SCHEDULED)
        .order_by("slot__start", "id")
    )


def meeting_slots(*, event: Event) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(event=event).order_by("start")


def meeting_tables(*, event: Event) -> QuerySet[MeetingTable]:
    return MeetingTable.objects.filter(event=event).order_by("position", "id")


def meeting_requests_of_event(*, event: Event) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(event=event)
        .select_related("expert", "company_member", "need", "requested_by")
        .prefetch_related("meetings__slot", "meetings__table")
        .order_by("status", "-priority", "created_at", "id")
    )


def meeting_requests_of_user(*, event: Event, user) -> QuerySet[MeetingRequest]:
    return meeting_requests_of_event(event=event).filter(
        Q(expert=user) | Q(company_member=user), status=MeetingRequest.Status.OPEN
    )


@dataclass
class GridRow:
    slot: MeetingSlot
    cells: list[Meeting | None]


def meeting_grid(*, event: Event) -> tuple[list[MeetingTable], list[GridRow]]:
    """Tables, and per slot one cell per table (the meeting there, or None)."""
    tables = list(meeting_tables(event=event))
    slots = list(meeting_slots(event=event))
    at = {(m.slot_id, m.table_id): m for m in meetings_of_event(event=event)}
    rows = [GridRow(s, [at.get((s.pk, t.pk)) for t in tables]) for s in slots]
    return tables, rows


def busy_of_user(*, event: Event, user) -> tuple[set[int], set[int]]:
    """(unavailable slot ids, attended session ids) of a person at an event."""
    slots = set(
        MeetingUnavailability.objects.filter(person=user, slot__event=event).values_list(
            "slot_id", flat=True
        )
    )
    sessions = set(
        SessionAttendance.objects.filter(person=user, session__event=event).values_list(
            "session_id", flat=True
        )
    )
    return slots, sessions


def meeting_counterparts(*, event: Event, user) -> QuerySet[User]:
    """Confirmed registrants of the other side: company members for an expert, experts for a
    company member (nobody for others)."""
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).values("user_id")
    if ExpertProfile.objects.filter(user=user).exists():
        other = CompanyMembership.objects.values("user_id")
    elif CompanyMembership.objects.filter(user=user).exists():
        other = ExpertProfile.objects.filter(user__isnull=False).values("user_id")
    else:
        return User.objects.none()
    return (
        User.objects.filter(pk__in=confirmed)
        .filter(pk__in=other)
        .exclude(pk=user.pk)
        .order_by("name", "id")
    )


def event_registrant_choices(*, event: Event, side: str) -> QuerySet[User]:
    """Confirmed registrants who are experts (side "expert") or company members."""
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).values("user_id")
    if side == "expert":
        people = ExpertProfile.objects.filter(user__isnull=False).values("user_id")
    else:
        people = CompanyMembership.objects.values("user_id")
    return User.objects.filter(pk__in=confirmed).filter(pk__in=people).order_by("name", "id")


@dataclass
class SeatView:
    seat: RoundTableSeat
    reason: str


def round_table_plan(*, event: Event) -> RoundTablePlan | None:
    return RoundTablePlan.objects.filter(event=event).first()


def round_table_view(*, plan: RoundTablePlan) -> list[list[SeatView]]:
    """The plan's tables in order, each seat with the reason it sits there (in the active
    language). Three queries whatever the size."""
    seats = list(plan.seats.select_related("person").order_by("table", "kind", "id"))
    topic_ids = {t for s in seats for t in s.shared_topics}
    topics = {t.pk: t.label for t in Topic.objects.filter(pk__in=topic_ids)}
    names = {s.person_id: s.person.display_name for s in seats}
    lang = get_language() or "zh-hans"
    tables: list[list[SeatView]] = []
    for seat in seats:
        while len(tables) <= seat.table:
            tables.append([])
        pure = Seat(
            Guest(seat.person_id, names[seat.person_id], seat.kind),
            seat.table,
            list(seat.shared_topics),
            list(seat.shared_with),
        )
        reason = seat_reason(pure, lang=lang, topic_names=topics, names=names)
        tables[seat.table].append(SeatView(seat, reason))
    return tables
