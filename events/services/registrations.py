"""Registration writes: register, cancel, approve, reject, the waiting list, and emails.

Seats are counted in one small row per event (`EventSeats`, events/services/seats.py). A
registration holds a key-share lock on the event row from its first read of the event's state
and limits until it commits: registrations of one event do not wait for each other there, but
an edit of the event (its status, times or seats, which lock the row for update) waits for them
and they for it. The seat itself is taken with one conditional UPDATE of the seat row, and
only from there to the commit (the INSERT of the registration) do registrations of one event
queue. Checks of the window, role and answers come before, the emails after commit.

Writes that decide on existing registrations (cancel, approve, reject, promote) lock the seat
row first and then the registrations they change, so they run one at a time per event and
never overwrite each other. The partial unique constraint on (event, user) stops a second
active registration of one person.
"""

import functools

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Registration, new_short_code
from events.selectors import SEAT_ROLES, registration_window, seats_left_from_counts
from events.services.registration_mail import registration_language, registration_mail
from events.services.registration_rules import check_role_allowed, validate_answers
from events.services.seats import has_room, seat_take, seats_change, seats_lock, seats_recount

Status = Registration.Status
SHORT_CODE_TRIES = 3

# What a registration reads from the event under its lock: state and limits.
_LOCKED_FIELDS = (
    "status",
    "end",
    "requires_approval",
    "capacity",
    "quota_experts",
    "quota_enterprises",
    "quota_guests",
)


# --- Helpers ------------------------------------------------------------------------------------


@functools.cache
def _share_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Event._meta.get_field(name).column) for name in _LOCKED_FIELDS)
    return (
        f"SELECT {columns} FROM {quote(Event._meta.db_table)} "  # noqa: S608 - names only
        f"WHERE {quote('id')} = %s FOR KEY SHARE"
    )


def _share_event(event: Event) -> Event:
    """The event's current state and limits (other fields deferred), its row key-share locked
    until commit. On SQLite, which runs one writer at a time anyway, a plain read. Every
    registration runs this, so on PostgreSQL its SQL is written out once."""
    if connection.vendor != "postgresql":
        current = Event.objects.only(*_LOCKED_FIELDS).filter(pk=event.pk).first()
    else:
        with connection.cursor() as cursor:
            cursor.execute(_share_sql(), [event.pk])
            row = cursor.fetchone()
        current = Event(id=event.pk, **dict(zip(_LOCKED_FIELDS, row, strict=True))) if row else None
    if current is None:
        raise ValidationError(_("This event does not take registrations."), code="not_open")
    return current


def _promote(event: Event, row, *, now) -> list[Registration]:
    """Confirm waitlisted registrations, first come first served, while seats allow.

    The caller holds the event's seat row (`row`) locked. A person whose role has no seat left
    keeps their place; someone behind them with a role that still has seats moves up.
    """
    promoted = []
    waiting = (
        Registration.objects.select_for_update(of=("self",))
        .filter(event=event, status=Status.WAITLISTED)
        .select_related("user", "event", "event__venue")
        .order_by("created_at", "id")
    )
    for registration in waiting:
        counts = row.counts()
        if seats_left_from_counts(event, counts)["total"] == 0:
            break
        if not has_room(event, counts, registration.role):
            continue
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        seats_change(row=row, role=registration.role, by=1)
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
    """Register `user` for `event` in `role`, and tell them by email (after commit).

    The registration is confirmed when a seat is free for the role, waitlisted when not, and
    pending when the event needs approval. Walk-ins (`by` staff at the door) skip the window,
    approval and the profile check, are confirmed when a seat is free, and checked in at once.
    Raises ValidationError when the event is not open, the role is not allowed, the answers do
    not fit the questions, the user already has an active registration, or (walk-ins) no seat
    is left.
    """
    now = timezone.now()
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
    registration = Registration(
        event=event,
        user=user,
        role=role,
        answers=answers,
        walk_in=walk_in,
        language=registration_language(language),
        created_at=now,
    )
    if walk_in:
        registration.checked_in_at = now
        registration.checked_in_by = by
    # A new short code is drawn when the random one is taken at the event already (about once
    # in 10^9 registrations at a 1,000-person event): the attempt is rolled back and repeated.
    for attempt in range(SHORT_CODE_TRIES):
        try:
            with transaction.atomic():
                current = _share_event(event)
                if current.status != Event.Status.PUBLISHED or now >= current.end:
                    raise ValidationError(
                        _("This event does not take registrations."), code="not_open"
                    )
                if current.requires_approval and not walk_in:
                    registration.status = Status.PENDING
                elif seat_take(event=current, role=role):
                    registration.status = Status.CONFIRMED
                elif walk_in:
                    raise ValidationError(
                        _("No seat is left for this role: the event is full."), code="full"
                    )
                else:
                    registration.status = Status.WAITLISTED
                registration.save(force_insert=True)
        except IntegrityError as exc:
            if "short_code" in str(exc) and attempt + 1 < SHORT_CODE_TRIES:
                registration.short_code = new_short_code()
                continue
            # otherwise the partial unique constraint: already registered
            raise _already_registered(walk_in) from exc
        break
    else:  # pragma: no cover - the loop breaks or raises
        raise AssertionError("unreachable")
    # After the seat row's lock is released: the mail (and its calendar file) is built outside
    # the section other registrations of the event wait on. It is queued for after the commit
    # of the caller's transaction, if any, and sent by the task worker.
    registration_mail(registration, _CREATED_MAIL[registration.status])
    return registration


_CREATED_MAIL = {
    Status.CONFIRMED: "registration_confirmed",
    Status.WAITLISTED: "registration_waitlisted",
    Status.PENDING: "registration_pending",
}


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


def _locked(registration: Registration):
    """(event, seat row, registration): the seat row locked, then the registration re-read
    and locked, so that its status is the current one."""
    event = registration.event
    row = seats_lock(event=event)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user", "event", "event__venue")
        .get(pk=registration.pk)
    )
    return registration.event, row, registration


def _refuse_checked_in(registration: Registration, message: str) -> None:
    if registration.checked_in_at is not None:
        raise ValidationError(message, code="checked_in")


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel an active registration and give its seat to the waiting list.

    The person themself may cancel until the event starts; the host's staff at any time (the
    person is then told by email). A checked-in registration is a record of attendance and is
    never cancelled. Raises ValidationError (not_active, checked_in, started).
    """
    now = timezone.now()
    event, row, registration = _locked(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."), code="not_active")
    _refuse_checked_in(
        registration,
        _(
            "This registration is checked in: it is kept as a record of attendance and can "
            "no longer be cancelled."
        ),
    )
    by_self = by is not None and by.pk == registration.user_id
    if by_self and now >= event.start:
        raise ValidationError(
            _("The event has started: registrations can no longer be cancelled."),
            code="started",
        )
    _cancel_one(event, row, registration, now=now, notify=not by_self)
    return registration


def _cancel_one(event, row, registration: Registration, *, now, notify: bool) -> None:
    held_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if notify:
        registration_mail(registration, "registration_cancelled")
    if held_seat:
        seats_change(row=row, role=registration.role, by=-1)
        _promote(event, row, now=now)


@transaction.atomic
def registration_approve(*, registrations, by) -> list[Registration]:
    """Approve pending registrations (one or many, of one event), first come first served:
    each is confirmed while its role has seats, else put on the waiting list. Registrations
    that are not pending are skipped. Returns the ones that changed."""
    registrations = list(registrations)
    if not registrations:
        return []
    event = registrations[0].event
    row = seats_lock(event=event)
    pending = (
        Registration.objects.select_for_update(of=("self",))
        .filter(event=event, pk__in=[r.pk for r in registrations], status=Status.PENDING)
        .select_related("user", "event", "event__venue")
        .order_by("created_at", "id")
    )
    changed = []
    for registration in pending:
        if has_room(registration.event, row.counts(), registration.role):
            registration.status = Status.CONFIRMED
            seats_change(row=row, role=registration.role, by=1)
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
    held goes to the waiting list. A checked-in registration cannot be rejected. Raises
    ValidationError (not_active, checked_in)."""
    now = timezone.now()
    event, row, registration = _locked(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."), code="not_active")
    _refuse_checked_in(
        registration,
        _(
            "This registration is checked in: it is kept as a record of attendance and can "
            "no longer be rejected."
        ),
    )
    held_seat = registration.status == Status.CONFIRMED
    registration.status = Status.REJECTED
    registration.rejection_reason = (reason or "").strip()
    registration.save(update_fields=["status", "rejection_reason", "updated_at"])
    registration_mail(registration, "registration_rejected", reason=registration.rejection_reason)
    if held_seat:
        seats_change(row=row, role=registration.role, by=-1)
        _promote(event, row, now=now)
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
    event = Event.objects.select_for_update().get(pk=event.pk)
    counts = seats_lock(event=event).counts()
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
    """Fill free seats from the waiting list (e.g. after an edit of the event's seats). The
    caller has saved the event's new limits, or locks nothing and reads them here."""
    return _promote(event, seats_lock(event=event), now=timezone.now())


@transaction.atomic
def event_cancel_registrations(*, event: Event) -> int:
    """Cancel every active registration of a cancelled event (called by `event_cancel` in the
    same transaction, which also tells the registrants, with the reason). No promotion: the
    event has no seats any more. Checked-in registrations stay confirmed, as the record of who
    attended. Returns how many were cancelled."""
    seats_lock(event=event)
    now = timezone.now()
    cancelled = Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE_STATUSES, checked_in_at__isnull=True
    ).update(status=Status.CANCELLED, cancelled_at=now, updated_at=now)
    seats_recount(event=event)
    return cancelled


@transaction.atomic
def registrations_erase(*, user) -> dict[str, int]:
    """A person's part in events when their account is deleted: their registrations for
    events that have not ended are cancelled (seats go to the waiting list, nobody is
    emailed), except checked-in ones, which stay as the record of attendance; the answers of
    every registration are blanked. The rows stay, attributed to the anonymised account."""
    now = timezone.now()
    cancelled = 0
    upcoming = (
        Registration.objects.filter(
            user=user,
            status__in=Registration.ACTIVE_STATUSES,
            checked_in_at__isnull=True,
            event__end__gt=now,
        )
        .select_related("event")
        .order_by("event_id")
    )
    for registration in upcoming:
        event, row, registration = _locked(registration)
        if registration.is_active and registration.checked_in_at is None:
            _cancel_one(event, row, registration, now=now, notify=False)
            cancelled += 1
    blanked = Registration.objects.filter(user=user).update(answers={})
    return {"registrations_cancelled": cancelled, "registrations_blanked": blanked}


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
