"""Who may organise meetings and round tables, and who may see or ask for their own."""

from events.models import Event
from events.permissions import can_manage_event, is_registered
from matching.models import Meeting


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
