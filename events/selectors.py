import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import Event, Registration
from hosts.permissions import is_host_staff


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


# --- Registration ---------------------------------------------------------------------------

SEAT_ROLES = ("expert", "enterprise", "guest")


def registration_window(event: Event) -> tuple:
    """(opens, closes) of an event's registration.

    Unset fields default to: open from publication (`published_at` when the event has one, else
    its creation) until the event ends, so people can still register on the day.
    """
    opens = event.registration_opens or getattr(event, "published_at", None) or event.created_at
    closes = event.registration_closes or event.end
    return opens, closes


def with_seat_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate confirmed registrations per role (`confirmed_expert`, …, `confirmed_total`), so
    `seats_left` needs no query of its own on list pages."""
    status = Q(registrations__status=Registration.Status.CONFIRMED)
    return qs.annotate(
        confirmed_total=Count("registrations", filter=status),
        **{
            f"confirmed_{role}": Count("registrations", filter=status & Q(registrations__role=role))
            for role in SEAT_ROLES
        },
    )


def confirmed_counts(event: Event) -> dict[str, int]:
    """{"expert": n, "enterprise": n, "guest": n, "total": n} of confirmed registrations,
    from `with_seat_counts` annotations when present, else one query."""
    if hasattr(event, "confirmed_total"):
        counts = {role: getattr(event, f"confirmed_{role}") for role in SEAT_ROLES}
        counts["total"] = event.confirmed_total
        return counts
    rows = (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .values("role")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(SEAT_ROLES, 0)
    for row in rows:
        counts[row["role"]] = row["n"]
    counts["total"] = sum(counts.values())
    return counts


def seats_left_from_counts(event: Event, counts: dict[str, int]) -> dict[str, int | None]:
    total = None if event.capacity is None else max(event.capacity - counts["total"], 0)
    left: dict[str, int | None] = {"total": total}
    for role in SEAT_ROLES:
        quota = event.quota_for(role)
        role_left = None if quota is None else max(quota - counts[role], 0)
        if total is not None:
            role_left = total if role_left is None else min(role_left, total)
        left[role] = role_left
    return left


def seats_left(event: Event) -> dict[str, int | None]:
    """Seats still free: {"total", "expert", "enterprise", "guest"}; None means no limit.

    A role's figure is the smaller of its own quota and the overall capacity left.
    """
    return seats_left_from_counts(event, confirmed_counts(event))


def active_registration(*, event: Event, user) -> Registration | None:
    """The user's pending, confirmed or waitlisted registration for the event, if any."""
    if not user or not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user, status__in=Registration.ACTIVE_STATUSES)
        .order_by("-created_at")
        .first()
    )


def registration_panel(*, event: Event, user, now=None) -> dict:
    """What the register box on the event page shows.

    `state` is one of: "login", "registered", "not_open", "closed", "ended", "cancelled", "draft",
    "open", "full" (the waiting list takes new registrations).
    """
    now = now or timezone.now()
    registration = active_registration(event=event, user=user)
    left = seats_left(event)
    opens, closes = registration_window(event)
    if event.status == Event.Status.CANCELLED:
        state = "cancelled"
    elif event.status == Event.Status.DRAFT:
        state = "draft"
    elif event.status != Event.Status.PUBLISHED or now >= event.end:
        state = "ended"
    elif registration is not None:
        state = "registered"
    elif now < opens:
        state = "not_open"
    elif now >= closes:
        state = "closed"
    elif not user or not user.is_authenticated:
        state = "login"
    elif left["total"] == 0 or all(left[role] == 0 for role in SEAT_ROLES):
        state = "full"
    else:
        state = "open"
    return {
        "state": state,
        "registration": registration,
        "seats_left": left,
        "opens": opens,
        "closes": closes,
        "can_cancel": registration is not None and now < event.start,
        "can_manage": is_host_staff(user, event.host),
    }


def my_registrations(*, user) -> QuerySet[Registration]:
    """A person's registrations, newest event first, with their events joined."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__venue", "event__host")
        .order_by("-event__start", "-created_at")
    )


def event_registrations(
    *, event: Event, role: str = "", status: str = "", search: str = ""
) -> QuerySet[Registration]:
    """An event's registrations for its staff, first come first, filtered by role and status,
    searched by name, email or organization."""
    qs = (
        Registration.objects.filter(event=event)
        .select_related("user", "user__expert_profile", "checked_in_by")
        .prefetch_related("user__companies")
        .order_by("created_at", "id")
    )
    if role:
        qs = qs.filter(role=role)
    if status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(
            Q(user__name__icontains=search)
            | Q(user__email__icontains=search)
            | Q(user__expert_profile__institution__icontains=search)
            | Q(user__companies__name__icontains=search)
        ).distinct()
    return qs


def check_in_counts(event: Event) -> dict[str, int]:
    """{"confirmed", "checked_in", "walk_in"} for the live counter on the organizer pages."""
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).aggregate(
        confirmed=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        walk_in=Count("id", filter=Q(walk_in=True)),
    )


def registrations_to_remind(*, now=None, within=None) -> QuerySet[Registration]:
    """Confirmed registrations of published events starting within `within` (a day by
    default) that have not had their reminder yet."""
    now = now or timezone.now()
    within = within or dt.timedelta(days=1)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + within,
    ).select_related("event", "event__venue", "user")
