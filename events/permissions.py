"""Who may see and act on events. Every view, API view and consumer asks these."""

import secrets

from events.models import Event, Registration
from hosts.permissions import is_host_staff


def invitation_code_matches(event: Event, code: str | None) -> bool:
    """The code of an invitation link, compared in constant time."""
    return bool(
        code and event.invitation_code and secrets.compare_digest(code, event.invitation_code)
    )


def can_view_event(user, event: Event, *, code: str | None = None) -> bool:
    """Published, finished or cancelled public events are visible to all; invitation-only ones
    to those with the invitation code and to registrants; drafts only to the host's staff."""
    if event.status in (Event.Status.PUBLISHED, Event.Status.FINISHED, Event.Status.CANCELLED):
        if event.visibility == Event.Visibility.PUBLIC:
            return True
        if invitation_code_matches(event, code):
            return True
        if user and user.is_authenticated and has_registration(user, event):
            return True
    return is_host_staff(user, event.host)


def can_manage_event(user, event: Event) -> bool:
    """Edit, publish, cancel, duplicate, agenda, materials, registration table and exports:
    the owners and staff of the event's host (and superusers)."""
    return is_host_staff(user, event.host)


def can_view_materials(user, event: Event) -> bool:
    """Session materials: confirmed registrants, speakers and the host's staff."""
    return is_event_participant(user, event)


def has_registration(user, event: Event) -> bool:
    """Any active registration (pending, confirmed or waitlisted)."""
    if not user or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event, user=user, status__in=Registration.ACTIVE_STATUSES
    ).exists()


def is_registered(user, event: Event) -> bool:
    """Has a confirmed registration (check-in not required)."""
    if not user or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()


def is_speaker(user, event: Event) -> bool:
    if not user or not user.is_authenticated:
        return False
    return event.sessions.filter(speakers__user=user).exists()


def is_event_participant(user, event: Event) -> bool:
    """Confirmed registrants, speakers and the host's staff: who may enter the event's rooms."""
    return is_registered(user, event) or is_speaker(user, event) or is_host_staff(user, event.host)
