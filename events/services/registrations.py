"""Registration writes: register, cancel, approve, reject, the waiting list, and emails.

Seats are counted under a row lock on the event (`SELECT … FOR UPDATE`): every write that can
take or free a seat of an event locks that event's row first, so concurrent registrations for one
event queue up and capacity and quotas are never exceeded. Different events do not block each
other. The partial unique constraint on (event, user) stops a second active registration even if
two requests of one person slip past the first check.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.selectors import (
    SEAT_ROLES,
    confirmed_counts,
    registration_window,
    seats_left_from_counts,
)
from events.services.registration_mail import registration_language, registration_mail
from events.services.registration_rules import check_role_allowed, validate_answers

Status = Registration.Status


# --- Helpers ------------------------------------------------------------------------------------


def _lock_event(event: Event) -> Event:
    """The event row, locked until the end of the transaction; the one gate for seats."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _has_seat(event: Event, counts: dict[str, int], role: str) -> bool:
    left = seats_left_from_counts(event, counts)
    return left[role] is None or left[role] > 0


def _promote(event: Event, *, now) -> list[Registration]:
    """Confirm waitlisted registrations, first come first served, while seats allow.

    The caller holds the event's lock. A person whose role has no seat left keeps their place;
    someone behind them with a role that still has seats moves up.
    """
    counts = confirmed_counts(event)
    promoted = []
    waiting = (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .select_related("user", "event", "event__venue")
        .order_by("created_at", "id")
    )
    for registration in waiting:
        left = seats_left_from_counts(event, counts)
        if left["total"] == 0:
            break
        if not _has_seat(event, counts, registration.role):
            continue
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        counts[registration.role] += 1
        counts["total"] += 1
        promoted.append(registration)
        registration_mail(registration, "registration_promoted")
    return promoted


# --- Registering ------------------------------------------------------------------------------


def _already_registered(walk_in: bool) -> ValidationError:
    if walk_in:
        return ValidationError(
            _(
                "This person is already registered: check their ticket in, or find them in the "
                "registrations."
            ),
            code="already_registered",
        )
    return ValidationError(
        _("You are already registered for this event."), code="already_registered"
    )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user,
    role: str,
    answers: dict | None = None,
    by=None,
    walk_in: bool = False,
    language: str = "",
) -> Registration:
    """Register `user` for `event` in `role`, and tell them by email.

    The registration is confirmed when a seat is free for the role, waitlisted when not, and
    pending when the event needs approval. Walk-ins (`by` staff at the door) skip the window,
    approval and the profile check, are confirmed when a seat is free, and checked in at once.
    Raises ValidationError when the event is not open, the role is not allowed, the answers do
    not fit the questions, or the user already has an active registration.
    """
    now = timezone.now()
    event = _lock_event(event)
    if event.status != Event.Status.PUBLISHED or now >= event.end:
        raise ValidationError(_("This event does not take registrations."), code="not_open")
    if not walk_in:
        opens, closes = registration_window(event)
        if now < opens:
            raise ValidationError(_("Registration has not opened yet."), code="not_open")
        if now >= closes:
            raise ValidationError(_("Registration is closed."), code="closed")
        check_role_allowed(user, role)
        answers = validate_answers(event, answers)
    elif role not in SEAT_ROLES:
        raise ValidationError(_("Choose expert, enterprise or guest."), code="role")
    else:
        answers = {}
    if Registration.objects.filter(
        event=event, user=user, status__in=Registration.ACTIVE_STATUSES
    ).exists():
        raise _already_registered(walk_in)

    counts = confirmed_counts(event)
    if event.requires_approval and not walk_in:
        status = Status.PENDING
    elif _has_seat(event, counts, role):
        status = Status.CONFIRMED
    elif walk_in:
        raise ValidationError(_("No seat is left for this role: the event is full."), code="full")
    else:
        status = Status.WAITLISTED
    registration = Registration(
        event=event,
        user=user,
        role=role,
        status=status,
        answers=answers,
        walk_in=walk_in,
        language=registration_language(language),
    )
    if walk_in:
        registration.checked_in_at = now
        registration.checked_in_by = by
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the constraint, should two requests race past the check
        raise _already_registered(walk_in) from exc
    template = {
        Status.CONFIRMED: "registration_confirmed",
        Status.WAITLISTED: "registration_waitlisted",
        Status.PENDING: "registration_pending",
    }[status]
    registration_mail(registration, template)
    return registration


def walk_in_register(*, event: Event, email: str, name: str, role: str, by) -> Registration:
    """Staff register someone at the door: find the person by email or create an account for
    them (they can set a password later through "forgot password"), then register them as a
    checked-in walk-in."""
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, name=name)
        elif not user.name and name:
            user.name = name
            user.save(update_fields=["name"])
        return registration_create(event=event, user=user, role=role, by=by, walk_in=True)


# --- Cancelling, approving, rejecting -------------------------------------------------------


def _locked_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _lock_event(registration.event)
    registration = Registration.objects.select_related("user", "event", "event__venue").get(
        pk=registration.pk
    )
    return event, registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel an active registration and give its seat to the waiting list.

    The person themself may cancel until the event starts; the host's staff at any time (the
    person is then told by email). Raises ValidationError otherwise.
    """
    now = timezone.now()
    event, registration = _locked_registration(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."), code="not_active")
    by_self = by is not None and by.pk == registration.user_id
    if by_self and now >= event.start:
        raise ValidationError(
            _("The event has started: registrations can no longer be cancelled."),
            code="started",
        )
    held_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if not by_self:
        registration_mail(registration, "registration_cancelled")
    if held_seat:
        _promote(event, now=now)
    return registration


@transaction.atomic
def registration_approve(*, registrations, by) -> list[Registration]:
    """Approve pending registrations (one or many, of one event), first come first served:
    each is confirmed while its role has seats, else put on the waiting list. Registrations
    that are not pending are skipped. Returns the ones that changed."""
    registrations = list(registrations)
    if not registrations:
        return []
    event = _lock_event(registrations[0].event)
    pending = (
        Registration.objects.filter(
            event=event, pk__in=[r.pk for r in registrations], status=Status.PENDING
        )
        .select_related("user", "event", "event__venue")
        .order_by("created_at", "id")
    )
    counts = confirmed_counts(event)
    changed = []
    for registration in pending:
        if _has_seat(event, counts, registration.role):
            registration.status = Status.CONFIRMED
            counts[registration.role] += 1
            counts["total"] += 1
            template = "registration_approved"
        else:
            registration.status = Status.WAITLISTED
            template = "registration_waitlisted"
        registration.save(update_fields=["status", "updated_at"])
        registration_mail(registration, template)
        changed.append(registration)
    return changed


@transaction.atomic
def registration_reject(*, registration: Registration, by, reason: str = "") -> Registration:
    """Reject an active registration with an optional reason the person is told; a seat it
    held goes to the waiting list."""
    now = timezone.now()
    event, registration = _locked_registration(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."), code="not_active")
    held_seat = registration.status == Status.CONFIRMED
    registration.status = Status.REJECTED
    registration.rejection_reason = (reason or "").strip()
    registration.save(update_fields=["status", "rejection_reason", "updated_at"])
    registration_mail(registration, "registration_rejected", reason=registration.rejection_reason)
    if held_seat:
        _promote(event, now=now)
    return registration


@transaction.atomic
def event_capacity_change(
    *, event: Event, by=None, **seats: int | None
) -> tuple[Event, list[Registration]]:
    """Change `capacity` and/or `quota_experts`, `quota_enterprises`, `quota_guests` (None for
    no limit) and promote from the waiting list into any seats that opened.

    Lowering below the seats already taken is refused: confirmed people keep their seats.
    Returns the event and the promoted registrations.
    """
    allowed = {"capacity", "quota_experts", "quota_enterprises", "quota_guests"}
    if unknown := set(seats) - allowed:
        raise ValueError(f"unknown seat fields: {sorted(unknown)}")
    event = _lock_event(event)
    counts = confirmed_counts(event)
    taken = {
        "capacity": counts["total"],
        "quota_experts": counts["expert"],
        "quota_enterprises": counts["enterprise"],
        "quota_guests": counts["guest"],
    }
    for field, value in seats.items():
        if value is not None and value < taken[field]:
            raise ValidationError(
                _("%(taken)s seats are already taken: the limit cannot be lower."),
                code="below_taken",
                params={"taken": taken[field]},
            )
        setattr(event, field, value)
    event.save(update_fields=[*seats, "updated_at"])
    return event, waitlist_promote(event=event)


@transaction.atomic
def waitlist_promote(*, event: Event) -> list[Registration]:
    """Fill free seats from the waiting list (e.g. after an edit of the event's seats)."""
    return _promote(_lock_event(event), now=timezone.now())


@transaction.atomic
def event_cancel_registrations(*, event: Event) -> int:
    """Cancel every active registration of a cancelled event (called by `event_cancel` in the
    same transaction, which also tells the registrants, with the reason). No promotion: the
    event has no seats any more."""
    return Registration.objects.filter(event=event, status__in=Registration.ACTIVE_STATUSES).update(
        status=Status.CANCELLED, cancelled_at=timezone.now(), updated_at=timezone.now()
    )


def registration_remind(*, registration: Registration, now=None) -> bool:
    """Send the day-before reminder once; False when it was already sent (idempotent)."""
    now = now or timezone.now()
    with transaction.atomic():
        sent = Registration.objects.filter(
            pk=registration.pk, reminded_at__isnull=True, status=Status.CONFIRMED
        ).update(reminded_at=now)
        if sent:
            registration_mail(registration, "event_reminder")
    return bool(sent)
