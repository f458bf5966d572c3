"""Events' part of a person's data (registered in accounts.personal_data by EventsConfig).

Erasing cancels the person's registrations for events that have not ended (their seats go to
the waiting list) and blanks the answers of every registration. The registrations stay (as
"deleted user") so that attendance figures do not change; checked-in registrations are the
record of attendance and stay confirmed (docs/registrations.md). The calendar feed goes; the
sessions they spoke at lose them as a speaker with their expert profile (the profiles part).
"""

from events.models import CalendarFeed, Registration, Session
from events.services.registrations import registrations_erase

MODELS = ["events.Registration", "events.CalendarFeed", "events.Session"]


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
        ),
        # Sessions the person speaks at, through their expert profile (Session.speakers).
        "sessions_spoken_at": list(
            Session.objects.filter(speakers__user=user)
            .order_by("start", "id")
            .values("event__slug", "title", "start", "end")
        ),
        "calendar_feed": CalendarFeed.objects.filter(user=user).values("created_at").first(),
    }


def erase(user) -> dict:
    erased = registrations_erase(user=user)
    # Its token is a key to the person's calendar: no feed outlives the account.
    erased["calendar_feed"] = CalendarFeed.objects.filter(user=user).delete()[0]
    return erased
