"""Events' part of a person's data (registered in accounts.personal_data by EventsConfig).

Erasing cancels the person's registrations for events that have not ended (their seats go to
the waiting list) and blanks the answers of every registration. The registrations stay (as
"deleted user") so that attendance figures do not change; checked-in registrations are the
record of attendance and stay confirmed (docs/registrations.md).
"""

from events.models import Registration
from events.services.registrations import registrations_erase


def export(user) -> dict:
    return {
        "registrations": list(
            Registration.objects.filter(user=user)
            .order_by("created_at", "id")
            .values(
                "event__slug",
                "event__title",
                "role",
                "status",
                "answers",
                "created_at",
                "checked_in_at",
            )
        )
    }


def erase(user) -> dict:
    return registrations_erase(user=user)
