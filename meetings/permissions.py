"""Who may organise meetings and round tables, and who may see or ask for their own.

Predicates `can_<verb>_<noun>(user, obj)` decide; the `access_<noun>` helpers fetch by key
and check, answering 404 for a missing and a forbidden object alike, so a page never tells a
stranger what exists. Every view and API view goes through one of them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from events.models import Event
from events.permissions import can_manage_event, is_registered
from meetings.models import Meeting, RoundTableSeat


def can_manage_meetings(user, event: Event) -> bool:
    """Slots, tables, requests, the schedule, round tables and their printouts: the host's
    staff (and superusers)."""
    return can_manage_event(user, event)


def can_plan_own_meetings(user, event: Event) -> bool:
    """Confirmed registrants see their meetings, mark busy slots and ask for meetings."""
    return is_registered(user, event)


def can_view_meeting(user, meeting: Meeting) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.pk in (meeting.expert_id, meeting.company_member_id) or can_manage_meetings(
        user, meeting.event
    )


def access_meetings_event(user, slug: str, predicate=can_manage_meetings) -> Event:
    """The event by slug (with its host) when `predicate(user, event)` holds (by default: they
    organise its meetings); 404 otherwise."""
    event = Event.objects.select_related("host").filter(slug=slug).first()
    if event is None or not predicate(user, event):
        raise Http404
    return event


def access_meetings_event_by_id(user, event_id: int) -> tuple[Event, bool]:
    """The event by id and whether `user` organises its meetings; 404 unless they organise
    them or plan their own there (the API's rule)."""
    event = get_object_or_404(Event.objects.select_related("host"), pk=event_id)
    manage = can_manage_meetings(user, event)
    if not manage and not can_plan_own_meetings(user, event):
        raise Http404
    return event, manage


def access_meeting(user, slug: str, pk: int) -> Meeting:
    """A meeting of the event `slug` (with its event), for the event's organizers; 404
    otherwise."""
    event = access_meetings_event(user, slug)
    return get_object_or_404(Meeting.objects.select_related("event"), pk=pk, event=event)


def access_round_table_seat(user, slug: str, pk: int) -> RoundTableSeat:
    """A seat of the event `slug`'s round-table plan, for the event's organizers; 404
    otherwise."""
    event = access_meetings_event(user, slug)
    return get_object_or_404(RoundTableSeat, pk=pk, plan__event=event)
