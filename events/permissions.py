"""Who may see and act on events. Every view, API view and consumer asks these.

Predicates `can_<verb>_<noun>(user, obj)` answer yes or no; the `access_<noun>` helpers fetch
an object by its key and check a predicate, raising Http404 both when it does not exist and
when the user may not, so that nobody learns what exists by asking.
"""

import secrets

from django.db.models import QuerySet
from django.http import Http404

from events.models import Event, Registration, Session, SessionMaterial
from hosts.permissions import is_host_staff, staff_host_ids


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


def participant_event_ids(user, events) -> set[int]:
    """`is_event_participant` for many events in three queries (none for nobody or no
    events): the ids of those among `events` whose rooms `user` may enter."""
    events = list(events)
    if not user or not user.is_authenticated or not events:
        return set()
    ids = {event.pk for event in events}
    staff = staff_host_ids(user, {event.host_id for event in events})
    registered = Registration.objects.filter(
        event_id__in=ids, user=user, status=Registration.Status.CONFIRMED
    ).values_list("event_id", flat=True)
    speaking = Session.objects.filter(event_id__in=ids, speakers__user=user).values_list(
        "event_id", flat=True
    )
    return (
        {event.pk for event in events if event.host_id in staff} | set(registered) | set(speaking)
    )


# --- Registration, tickets and check-in -------------------------------------------------------


def can_register_for_event(user, event: Event, *, code: str | None = None) -> bool:
    """Any signed-in person who can see the event, with its invitation code when it is
    invitation-only (window, seats and roles are the service's business, with their own
    messages)."""
    return bool(user and user.is_authenticated) and can_view_event(user, event, code=code)


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


# --- Fetch and check ------------------------------------------------------------------------------


def _access(user, event: Event | None, *, manage: bool, code: str | None) -> Event:
    if event is None:
        raise Http404
    allowed = can_manage_event(user, event) if manage else can_view_event(user, event, code=code)
    if not allowed:
        raise Http404
    return event


def access_event(
    user,
    slug: str,
    *,
    manage: bool = False,
    code: str | None = None,
    host_slug: str | None = None,
    queryset: QuerySet[Event] | None = None,
) -> Event:
    """The event with short name `slug` when `user` may see it (`can_view_event`, with the
    invitation `code`), or with `manage=True` manage it (`can_manage_event`); only among the
    events of the host `host_slug` when given. `queryset` chooses what is joined and
    prefetched. Raises Http404 when the event does not exist and when the user may not, alike.
    """
    qs = queryset if queryset is not None else Event.objects.select_related("host", "venue")
    if host_slug is not None:
        qs = qs.filter(host__slug=host_slug)
    return _access(user, qs.filter(slug=slug).first(), manage=manage, code=code)


def access_event_by_id(user, pk: int, *, manage: bool = False, code: str | None = None) -> Event:
    """`access_event` by id, for the API."""
    event = Event.objects.select_related("host", "venue").filter(pk=pk).first()
    return _access(user, event, manage=manage, code=code)


def access_registration(user, *, slug: str, pk: int) -> Registration:
    """Registration `pk` of the event `slug` when `user` may cancel it
    (`can_cancel_registration`); Http404 otherwise, alike."""
    registration = (
        Registration.objects.select_related("event", "event__host", "user")
        .filter(pk=pk, event__slug=slug)
        .first()
    )
    if registration is None or not can_cancel_registration(user, registration):
        raise Http404
    return registration


def access_material(user, *, slug: str, pk: int) -> SessionMaterial:
    """Material `pk` of the event `slug` when `user` may open it (`can_view_materials`);
    Http404 otherwise, alike."""
    material = (
        SessionMaterial.objects.select_related("session__event__host")
        .filter(pk=pk, session__event__slug=slug)
        .first()
    )
    if material is None or not can_view_materials(user, material.session.event):
        raise Http404
    return material


def access_ticket(user, token: str) -> Registration:
    """The registration whose ticket code is `token` when `user` may see the ticket
    (`can_view_ticket`); Http404 otherwise, alike."""
    registration = (
        Registration.objects.select_related("event", "event__host", "event__venue", "user")
        .filter(ticket_token=token)
        .first()
    )
    if registration is None or not can_view_ticket(user, registration):
        raise Http404
    return registration
