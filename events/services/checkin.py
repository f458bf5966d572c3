"""Check-in at the door: a ticket code in, one clear answer out.

A code is either the ticket's long token (in the QR code and the ticket link) or its short code
(8 characters people read aloud, unique per event). Short codes are looked up within the event
only, and each staff member may try `CHECK_IN_SHORT_CODE_COUNT` of them per window
(`short_code_attempt`), so nobody can walk the code space from a phone."""

import datetime
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.formatting import local_iso
from events.models import SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, Event, Registration

# How far back a scan kept offline at the door may date its check-in.
OFFLINE_SCAN_MAX_AGE = datetime.timedelta(hours=24)

_SHORT_CODE_RE = re.compile(f"[{SHORT_CODE_ALPHABET}]{{{SHORT_CODE_LENGTH}}}")


def short_code_from_input(text: str) -> str | None:
    """The short code in what was typed ("k7mq 3hxa", "K7MQ-3HXA"), upper-cased; None when
    the text is not one."""
    text = re.sub(r"[\s\-]", "", (text or "")).upper()
    return text if _SHORT_CODE_RE.fullmatch(text) else None


def short_code_rate() -> tuple[int, int]:
    """(short codes, seconds) one staff member may try; 0 short codes lifts the limit."""
    return settings.CHECK_IN_SHORT_CODE_COUNT, max(settings.CHECK_IN_SHORT_CODE_SECONDS, 1)


def short_code_attempt(*, user_id: int) -> bool:
    """Count one short-code attempt by staff member `user_id`; False when they are over the
    limit for the current window (the attempt is then refused, not looked up). Kept in the
    cache, so it holds across worker processes when the cache is Redis."""
    count, seconds = short_code_rate()
    if count <= 0:
        return True
    key = f"checkin:shortcode:{user_id}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    return used <= count


@dataclass
class CheckInResult:
    """`outcome` is one of "ok", "already", "cancelled", "not_confirmed", "other_event",
    "unknown", "rate_limited"; `registration` is set for every outcome but "unknown" and
    "rate_limited"."""

    outcome: str
    registration: Registration | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def ticket_code_from_input(text: str) -> str:
    """The ticket code out of what was typed, pasted or scanned: the bare code, or a ticket
    link ending in it."""
    text = (text or "").strip()
    if "/" in text:
        text = [part for part in text.split("/") if part][-1] if text.strip("/") else ""
    return text[:64]


def _scan_time(scanned_at: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    """When a scan kept offline happened, within reason: never in the future, never more than
    OFFLINE_SCAN_MAX_AGE ago (a wrong phone clock then counts as now)."""
    if scanned_at is None or scanned_at > now or now - scanned_at > OFFLINE_SCAN_MAX_AGE:
        return now
    return scanned_at


@transaction.atomic
def registration_check_in(
    *, event: Event, code: str, by, scanned_at: datetime.datetime | None = None
) -> CheckInResult:
    """Check in the ticket `code` (long token, ticket link or short code) at `event`, once.

    Idempotent: a second check-in of the same ticket changes nothing and answers "already",
    with when and by whom on the registration. Locks the registration's row so that two phones
    scanning the same ticket give one "ok" and one "already". `scanned_at` is when a scan kept
    offline was made (see _scan_time). A short code counts against `by`'s rate limit and
    answers "rate_limited" past it. Only the staff check-in page and API call this."""
    short = short_code_from_input(code)
    query = Registration.objects.select_for_update(of=("self",)).select_related(
        "user", "event", "checked_in_by"
    )
    if short is not None:
        if not short_code_attempt(user_id=by.pk):
            return CheckInResult("rate_limited")
        registration = query.filter(event=event, short_code=short).first()
    else:
        code = ticket_code_from_input(code)
        if not code:
            return CheckInResult("unknown")
        registration = query.filter(ticket_token=code).first()
    if registration is None:
        return CheckInResult("unknown")
    if registration.event_id != event.pk:
        return CheckInResult("other_event", registration)
    if registration.status in (Registration.Status.CANCELLED, Registration.Status.REJECTED):
        return CheckInResult("cancelled", registration)
    if registration.status != Registration.Status.CONFIRMED:
        return CheckInResult("not_confirmed", registration)
    if registration.checked_in_at is not None:
        return CheckInResult("already", registration)
    registration.checked_in_at = _scan_time(scanned_at, timezone.now())
    registration.checked_in_by = by
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return CheckInResult("ok", registration)


def check_in_message(result: CheckInResult) -> str:
    """What the door staff are told about a check-in, in the active language."""
    registration = result.registration
    if result.outcome == "ok":
        return _("Valid ticket: %(name)s is checked in.") % {"name": registration.user.display_name}
    if result.outcome == "already":
        when = local_iso(registration.checked_in_at, registration.event.timezone)
        by = registration.checked_in_by
        if by is not None:
            return _("Already checked in at %(when)s by %(by)s.") % {
                "when": when,
                "by": by.display_name,
            }
        return _("Already checked in at %(when)s.") % {"when": when}
    return str(CHECK_IN_REFUSALS[result.outcome])


CHECK_IN_REFUSALS = {
    "cancelled": gettext_lazy("Not valid: this registration was cancelled or rejected."),
    "not_confirmed": gettext_lazy("Not valid: this registration is not confirmed."),
    "other_event": gettext_lazy("Not valid here: this ticket is for another event."),
    "unknown": gettext_lazy("Unknown code: no ticket has it."),
    "rate_limited": gettext_lazy(
        "Too many short codes tried in a short time: wait a minute, or scan the QR code."
    ),
}
