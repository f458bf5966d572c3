"""Events' part of a person's data (registered in accounts.personal_data by EventsConfig).

Erasing cancels the person's registrations for events that have not ended and blanks the
answers of every registration; the registrations stay (as "deleted user") so that past
attendance figures do not change.
"""

from django.utils import timezone

from events.models import Registration


def export(user) -> dict:
    return {
        "registrations": list(
            Registration.objects.filter(user=user)
            .order_by("created_at", "id")
            .values("event__slug", "event__title", "role", "status", "answers", "created_at")
        )
    }


def erase(user) -> dict:
    registrations = Registration.objects.filter(user=user)
    cancelled = registrations.filter(
        event__end__gt=timezone.now(), status__in=Registration.ACTIVE_STATUSES
    ).update(status=Registration.Status.CANCELLED)
    blanked = registrations.update(answers={})
    return {"registrations_cancelled": cancelled, "registrations_blanked": blanked}
