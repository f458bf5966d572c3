"""Check-in at the door: a ticket code in, one clear answer out."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.formatting import local_iso
from events.models import Event, Registration


@dataclass
class CheckInResult:
    """`outcome` is one of "ok", "already", "cancelled", "not_confirmed", "other_event",
    "unknown"; `registration` is set for every outcome but "unknown"."""

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


@transaction.atomic
def registration_check_in(*, event: Event, code: str, by) -> CheckInResult:
    """Check in the ticket `code` at `event`, once. Locks the registration's row so that two
    phones scanning the same ticket give one "ok" and one "already"."""
    code = ticket_code_from_input(code)
    if not code:
        return CheckInResult("unknown")
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user", "event", "checked_in_by")
        .filter(ticket_token=code)
        .first()
    )
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
    registration.checked_in_at = timezone.now()
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
        return _("Already checked in at %(when)s.") % {"when": when}
    return str(CHECK_IN_REFUSALS[result.outcome])


CHECK_IN_REFUSALS = {
    "cancelled": gettext_lazy("Not valid: this registration was cancelled or rejected."),
    "not_confirmed": gettext_lazy("Not valid: this registration is not confirmed."),
    "other_event": gettext_lazy("Not valid here: this ticket is for another event."),
    "unknown": gettext_lazy("Unknown code: no ticket has it."),
}
