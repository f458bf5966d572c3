"""The emails of registration, written in the language the person registered in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from core.mail import mail_queue
from core.sites import absolute_url
from events.calendar import calendar_for
from events.formatting import local_interval
from events.models import Registration


def registration_language(language: str = "") -> str:
    """One of settings.LANGUAGES for `language` (default: the active one), e.g. "en-us" → "en";
    the site's language when nothing fits."""
    try:
        return translation.get_supported_language_variant(
            language or get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


# The mails that hand over a valid ticket carry the event's calendar file too.
TICKET_MAILS = ("registration_confirmed", "registration_approved", "registration_promoted")


def calendar_attachment(event) -> dict:
    """The event's .ics (the same file as its "Add to calendar" link) as a mail attachment."""
    return {
        "filename": f"{event.slug}.ics",
        "content": calendar_for([event], name=event.title).decode(),
        "mimetype": "text/calendar",
    }


def registration_mail(registration: Registration, template: str, **extra) -> None:
    """Queue one of the registration emails to its person, in the language they registered in;
    those handing over a ticket (TICKET_MAILS) attach the event's calendar file."""
    event = registration.event
    language = registration_language(registration.language)
    with translation.override(language):
        context = {
            "name": registration.user.display_name,
            "event_title": event.localized("title"),
            "event_when": local_interval(event.start, event.end, event.timezone),
            "event_timezone": event.timezone,
            "venue": event.venue.localized("name") if event.venue_id else "",
            "event_url": absolute_url(reverse("events:detail", args=[event.slug])),
            "ticket_url": absolute_url(reverse("events:ticket", args=[registration.ticket_token])),
            "role": str(Registration.Role(registration.role).label),
            "status": registration.status,
            **extra,
        }
    mail_queue(
        to=registration.user.email,
        template=f"events/email/{template}",
        context=context,
        language=language,
        attachments=[calendar_attachment(event)] if template in TICKET_MAILS else [],
    )
