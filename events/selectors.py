from django.db.models import QuerySet
from django.utils import timezone

from events.models import Event


def event_list(*, host=None) -> QuerySet[Event]:
    """Published and finished public events, with what list pages show already joined."""
    qs = Event.objects.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED],
        visibility=Event.Visibility.PUBLIC,
    ).select_related("host", "venue", "series")
    if host is not None:
        qs = qs.filter(host=host)
    return qs


def events_by_phase(*, host=None, now=None) -> dict[str, list[Event]]:
    """{"live": […], "upcoming": […], "past": […]}.

    Live and upcoming events soonest first; past events latest first (the last 20).
    """
    now = now or timezone.now()
    qs = event_list(host=host)
    return {
        "live": list(qs.filter(start__lte=now, end__gt=now).order_by("start")),
        "upcoming": list(qs.filter(start__gt=now).order_by("start")),
        "past": list(qs.filter(end__lte=now).order_by("-start")[:20]),
    }


def event_detail(*, slug: str) -> Event:
    """A visible event with its agenda; raises Event.DoesNotExist."""
    return event_list().prefetch_related("sessions").get(slug=slug)


def registration_window(event: Event) -> tuple:
    """(opens, closes) of the event's registration; minimal: from creation to the event's end."""
    return event.created_at, event.end
