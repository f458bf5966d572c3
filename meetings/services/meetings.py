"""Meetings at events: slots, tables, requests, people's busy slots, the schedule and hand
moves. The scheduler itself is the pure `meetings.engine.scheduling.schedule`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Event, Registration, Session
from matching.models import Introduction
from meetings.engine import scheduling
from meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    MeetingUnavailability,
    SessionAttendance,
)
from profiles.models import CompanyMembership, ExpertProfile

MAX_SLOTS = 96
MAX_TABLES = 500


def _lock_event(event: Event) -> Event:
    """Serialise every write to one event's meetings (two organizers pressing at once)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def is_expert(user) -> bool:
    return ExpertProfile.objects.filter(user=user).exists()


def is_company_side(user) -> bool:
    return CompanyMembership.objects.filter(user=user).exists()


def is_confirmed(user, event: Event) -> bool:
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()


# --- Slots and tables ------------------------------------------------------------------------


@transaction.atomic
def meeting_slots_define(
    *, event: Event, day: dt.date, start: dt.time, end: dt.time, minutes: int
) -> list[MeetingSlot]:
    """Cut `start`–`end` of `day` (in the event's time zone) into slots of `minutes`; slots
    that already exist are kept, overlapping ones refused. Returns the new slots."""
    if not 5 <= minutes <= 240:
        raise ValidationError(
            _("A slot lasts between 5 and 240 minutes."), code="meeting_slot_length"
        )
    tz = event.tzinfo
    begin = dt.datetime.combine(day, start, tzinfo=tz)
    finish = dt.datetime.combine(day, end, tzinfo=tz)
    if finish <= begin:
        raise ValidationError(_("The end must be after the start."), code="meeting_slot_order")
    step = dt.timedelta(minutes=minutes)
    wanted = []
    at = begin
    while at + step <= finish:
        wanted.append((at, at + step))
        at += step
    if not wanted:
        raise ValidationError(
            _("The time range is shorter than one slot."), code="meeting_slot_too_short"
        )
    _lock_event(event)
    existing = list(MeetingSlot.objects.filter(event=event))
    if len(existing) + len(wanted) > MAX_SLOTS:
        raise ValidationError(
            ngettext(
                "An event has at most %(count)s meeting slot.",
                "An event has at most %(count)s meeting slots.",
                MAX_SLOTS,
            )
            % {"count": MAX_SLOTS},
            code="meeting_slot_limit",
        )
    created = []
    for s, e in wanted:
        same = [x for x in existing if x.start == s and x.end == e]
        if same:
            continue
        if any(x.start < e and s < x.end for x in existing):
            raise ValidationError(
                _("A new slot overlaps an existing one; remove that one first."),
                code="meeting_slot_overlap",
            )
        created.append(MeetingSlot.objects.create(event=event, start=s, end=e))
    return created


@transaction.atomic
def meeting_slot_delete(*, slot: MeetingSlot) -> None:
    """Remove a slot with the meetings in it (their requests go back to the queue)."""
    _lock_event(slot.event)
    slot.delete()


@transaction.atomic
def meeting_tables_define(*, event: Event, names: list[str]) -> list[MeetingTable]:
    """Add tables or rooms by name (names already there are skipped)."""
    clean = []
    for name in names:
        name = name.strip()[:60]
        if name and name not in clean:
            clean.append(name)
    if not clean:
        raise ValidationError(_("Give at least one table name."), code="meeting_table_empty")
    _lock_event(event)
    existing = set(MeetingTable.objects.filter(event=event).values_list("name", flat=True))
    position = MeetingTable.objects.filter(event=event).count()
    if position + len(clean) > MAX_TABLES:
        raise ValidationError(
            ngettext(
                "An event has at most %(count)s table.",
                "An event has at most %(count)s tables.",
                MAX_TABLES,
            )
            % {"count": MAX_TABLES},
            code="meeting_table_limit",
        )
    created = []
    for name in clean:
        if name in existing:
            continue
        created.append(MeetingTable.objects.create(event=event, name=name, position=position))
        position += 1
    return created


@transaction.atomic
def meeting_table_delete(*, table: MeetingTable) -> None:
    _lock_event(table.event)
    table.delete()


# --- Requests and people's busy slots ---------------------------------------------------------


@transaction.atomic
def meeting_request_create(
    *,
    event: Event,
    by,
    counterpart,
    priority: int = MeetingRequest.Priority.NORMAL,
    message: str = "",
) -> MeetingRequest:
    """An attendee asks to meet `counterpart` at `event`: one of the two is an expert, the
    other a company member, both confirmed registrants."""
    if counterpart is None or counterpart.pk == getattr(by, "pk", None):
        raise ValidationError(_("Choose someone else to meet."), code="meeting_request_self")
    _lock_event(event)
    if not is_confirmed(by, event):
        raise ValidationError(
            _("Only confirmed registrants can ask for meetings."),
            code="meeting_request_not_registered",
        )
    return _request_add(
        event=event,
        one=by,
        other=counterpart,
        by=by,
        priority=priority,
        message=message,
        source=MeetingRequest.Source.ATTENDEE,
    )


@transaction.atomic
def meeting_request_add(*, event: Event, expert, company_member, by, priority: int = 1):
    """An organizer pairs two registrants."""
    _lock_event(event)
    return _request_add(
        event=event,
        one=expert,
        other=company_member,
        by=by,
        priority=priority,
        message="",
        source=MeetingRequest.Source.STAFF,
    )


def _sides(one, other):
    """(expert, company member) of two people, or None when they are not one of each."""
    if is_expert(one) and is_company_side(other):
        return one, other
    if is_expert(other) and is_company_side(one):
        return other, one
    return None


def _request_add(*, event, one, other, by, priority, message, source) -> MeetingRequest:
    if priority not in MeetingRequest.Priority.values:
        raise ValidationError(_("Unknown priority."), code="meeting_request_priority")
    if not is_confirmed(other, event) or not is_confirmed(one, event):
        raise ValidationError(
            _("Both people must be confirmed registrants of the event."),
            code="meeting_request_not_registered",
        )
    sides = _sides(one, other)
    if sides is None:
        raise ValidationError(
            _("A meeting is between an expert and a member of a company."),
            code="meeting_request_sides",
        )
    expert, member = sides
    if MeetingRequest.objects.filter(
        event=event, expert=expert, company_member=member, status=MeetingRequest.Status.OPEN
    ).exists():
        raise ValidationError(
            _("These two already have a meeting request at this event."),
            code="meeting_request_duplicate",
        )
    return MeetingRequest.objects.create(
        event=event,
        expert=expert,
        company_member=member,
        source=source,
        requested_by=by,
        priority=priority,
        message=message[:300],
    )


@transaction.atomic
def meeting_requests_from_introductions(*, event: Event) -> int:
    """A request for every accepted introduction whose expert and a member of whose company
    are confirmed registrants (once per introduction, also after a cancellation)."""
    confirmed = set(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).values_list(
            "user_id", flat=True
        )
    )
    done = set(
        MeetingRequest.objects.filter(event=event, introduction__isnull=False).values_list(
            "introduction_id", flat=True
        )
    )
    open_pairs = set(
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.OPEN).values_list(
            "expert_id", "company_member_id"
        )
    )
    intros = (
        Introduction.objects.filter(
            status=Introduction.Status.ACCEPTED, expert__user_id__in=confirmed
        )
        .exclude(pk__in=done)
        .select_related("expert", "need")
        .prefetch_related("need__company__memberships")
        .order_by("id")
    )
    created = 0
    for intro in intros:
        members = sorted(
            m.user_id for m in intro.need.company.memberships.all() if m.user_id in confirmed
        )
        if not members or members[0] == intro.expert.user_id:
            continue
        pair = (intro.expert.user_id, members[0])
        if pair in open_pairs:
            continue
        MeetingRequest.objects.create(
            event=event,
            expert_id=pair[0],
            company_member_id=pair[1],
            need=intro.need,
            introduction=intro,
            source=MeetingRequest.Source.INTRODUCTION,
            priority=MeetingRequest.Priority.HIGH,
        )
        open_pairs.add(pair)
        created += 1
    return created


@transaction.atomic
def meeting_request_cancel(*, request: MeetingRequest) -> MeetingRequest:
    """Withdraw a request; its scheduled meeting is cancelled too."""
    _lock_event(request.event)
    request.status = MeetingRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    request.meetings.filter(status=Meeting.Status.SCHEDULED).update(status=Meeting.Status.CANCELLED)
    return request


@transaction.atomic
def meeting_availability_set(
    *, event: Event, person, unavailable: list[MeetingSlot], sessions: list[Session]
) -> None:
    """Replace the person's unavailable slots and attended sessions at `event` (the next
    scheduling respects them; meetings already scheduled stay until then)."""
    if any(s.event_id != event.pk for s in unavailable) or any(
        s.event_id != event.pk for s in sessions
    ):
        raise ValidationError(_("That is not part of this event."), code="meeting_wrong_event")
    MeetingUnavailability.objects.filter(person=person, slot__event=event).delete()
    MeetingUnavailability.objects.bulk_create(
        [MeetingUnavailability(person=person, slot=slot) for slot in unavailable]
    )
    SessionAttendance.objects.filter(person=person, session__event=event).delete()
    SessionAttendance.objects.bulk_create(
        [SessionAttendance(person=person, session=session) for session in sessions]
    )


# --- The schedule -----------------------------------------------------------------------------


def _busy(event: Event, slots: list[MeetingSlot]) -> dict[int, set[int]]:
    """person id → indexes of the slots they cannot meet in."""
    index = {s.pk: i for i, s in enumerate(slots)}
    busy: dict[int, set[int]] = defaultdict(set)
    for person, slot in MeetingUnavailability.objects.filter(slot__event=event).values_list(
        "person_id", "slot_id"
    ):
        busy[person].add(index[slot])
    attended = SessionAttendance.objects.filter(session__event=event).values_list(
        "person_id", "session__start", "session__end"
    )
    for person, start, end in attended:
        for i, s in enumerate(slots):
            if s.start < end and start < s.end:
                busy[person].add(i)
    return busy


@transaction.atomic
def meetings_schedule(*, event: Event) -> dict:
    """Schedule every open request of `event` again.

    Requests from accepted introductions are added first. Meetings an organizer moved by hand
    stay where they are (their people and table are busy in that slot); every other scheduled
    meeting is replaced by the scheduler's result. Cancelled meetings and requests stay
    cancelled. Returns {"placed", "unplaced", "kept"}.
    """
    _lock_event(event)
    meeting_requests_from_introductions(event=event)
    slots = list(MeetingSlot.objects.filter(event=event).order_by("start"))
    tables = list(MeetingTable.objects.filter(event=event).order_by("position", "id"))
    Meeting.objects.filter(
        event=event, status=Meeting.Status.SCHEDULED, moved_by_hand=False
    ).delete()
    kept = list(Meeting.objects.filter(event=event, status=Meeting.Status.SCHEDULED))
    # Somebody who cancelled their registration is not scheduled (their request stays open,
    # should they register again).
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).values("user_id")
    requests = list(
        MeetingRequest.objects.filter(
            event=event,
            status=MeetingRequest.Status.OPEN,
            expert_id__in=confirmed,
            company_member_id__in=confirmed,
        ).exclude(pk__in=[m.request_id for m in kept if m.request_id])
    )
    if not slots or not tables:
        return {"placed": 0, "unplaced": len(requests), "kept": len(kept)}
    index = {s.pk: i for i, s in enumerate(slots)}
    busy = _busy(event, slots)
    taken_tables: dict[int, set[int]] = defaultdict(set)
    for m in kept:
        busy[m.expert_id].add(index[m.slot_id])
        busy[m.company_member_id].add(index[m.slot_id])
        taken_tables[index[m.slot_id]].add(m.table_id)
    problem = scheduling.ScheduleProblem(
        slots=len(slots),
        tables=len(tables),
        requests=[
            scheduling.MeetingRequest(r.pk, r.expert_id, r.company_member_id, float(r.priority))
            for r in requests
        ],
        busy=dict(busy),
    )
    result = scheduling.schedule(problem)
    by_id = {r.pk: r for r in requests}
    # The pure scheduler numbers tables 0..n-1 per slot; tables held by kept meetings are
    # skipped, and a slot that then runs out of tables leaves its lowest priorities unplaced.
    per_slot = defaultdict(list)
    for m in result.meetings:
        per_slot[m.slot].append(by_id[m.request])
    placed = 0
    rows = []
    for slot_index, reqs in per_slot.items():
        free = [t for t in tables if t.pk not in taken_tables[slot_index]]
        reqs.sort(key=lambda r: (-r.priority, r.pk))
        for request, table in zip(reqs, free, strict=False):
            rows.append(
                Meeting(
                    event=event,
                    slot=slots[slot_index],
                    table=table,
                    request=request,
                    expert_id=request.expert_id,
                    company_member_id=request.company_member_id,
                    need_id=request.need_id,
                )
            )
            placed += 1
    Meeting.objects.bulk_create(rows)
    return {"placed": placed, "unplaced": len(requests) - placed, "kept": len(kept)}


def _clash(meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> str | None:
    others = Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).exclude(
        pk=meeting.pk
    )
    if others.filter(table=table).exists():
        return _("Table %(table)s is already taken in that slot.") % {"table": table.name}
    people = [meeting.expert_id, meeting.company_member_id]
    if others.filter(Q(expert_id__in=people) | Q(company_member_id__in=people)).exists():
        return _("One of the two already has a meeting in that slot.")
    if MeetingUnavailability.objects.filter(slot=slot, person_id__in=people).exists():
        return _("One of the two is not available in that slot.")
    return None


@transaction.atomic
def meeting_move(*, meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> Meeting:
    """An organizer moves a meeting; it then stays put when the schedule is made again."""
    _lock_event(meeting.event)
    if slot.event_id != meeting.event_id or table.event_id != meeting.event_id:
        raise ValidationError(_("That is not part of this event."), code="meeting_wrong_event")
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(_("A cancelled meeting cannot be moved."), code="meeting_cancelled")
    problem = _clash(meeting, slot, table)
    if problem:
        raise ValidationError(problem, code="meeting_conflict")
    meeting.slot, meeting.table, meeting.moved_by_hand = slot, table, True
    meeting.save(update_fields=["slot", "table", "moved_by_hand"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel a meeting and its request (so scheduling again does not bring it back)."""
    _lock_event(meeting.event)
    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    if meeting.request_id:
        MeetingRequest.objects.filter(pk=meeting.request_id).update(
            status=MeetingRequest.Status.CANCELLED
        )
    return meeting
