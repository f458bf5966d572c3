"""Who may see and act on events. Every view, API view and consumer asks these."""

from events.models import Event, Registration
from hosts.permissions import is_host_staff


def can_view_event(user, event: Event) -> bool:
    """Published or finished public events are visible to all; drafts and invite-only events
    to the host's staff (invitation links add their own check)."""
    if event.status in (Event.Status.PUBLISHED, Event.Status.FINISHED, Event.Status.CANCELLED):
        if event.visibility == Event.Visibility.PUBLIC:
            return True
        if user and user.is_authenticated and is_registered(user, event):
            return True
    return is_host_staff(user, event.host)


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


# --- Registration, tickets and check-in -------------------------------------------------------


def can_register_for_event(user, event: Event) -> bool:
    """Any signed-in person who can see the event (window, seats and roles are the service's
    business, with their own messages)."""
    return bool(user and user.is_authenticated) and can_view_event(user, event)


def can_manage_registrations(user, event: Event) -> bool:
    """The host's staff see an event's registrations, approve, reject, check in and register
    walk-ins."""
    return is_host_staff(user, event.host)


def can_view_registration(user, registration: Registration) -> bool:
    """The person themself, and the event's host staff."""
    if not user or not user.is_authenticated:
        return False
    return registration.user_id == user.pk or can_manage_registrations(user, registration.event)


def can_cancel_registration(user, registration: Registration) -> bool:
    """The person themself (the service refuses once the event has started) or host staff."""
    return can_view_registration(user, registration)


def can_view_ticket(user, registration: Registration) -> bool:
    return can_view_registration(user, registration)
