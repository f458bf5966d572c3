import datetime as dt

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Event, Registration, Series, Session, SessionMaterial
from hosts.permissions import is_host_staff
from profiles.models import CompanyMembership, ExpertProfile, Visibility

PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.FINISHED]


def count_of(rows: QuerySet, field: str = "event") -> Coalesce:
    """The number of `rows` per object, as an annotation: `rows` is filtered by
    `OuterRef("pk")` on `field`. A correlated subquery, computed only for the rows a page
    shows — unlike `Count` over a join, which groups every joined row before the page is cut,
    so its cost grows with all the data."""
    counted = rows.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _registrations(**filters) -> QuerySet[Registration]:
    return Registration.objects.filter(event=OuterRef("pk"), **filters)


def event_list(*, host=None) -> QuerySet[Event]:
    """Published and finished public events, with what list pages show already joined."""
    qs = Event.objects.filter(
        status__in=PUBLIC_STATUSES,
        visibility=Event.Visibility.PUBLIC,
    ).select_related("host", "venue", "series")
    if host is not None:
        qs = qs.filter(host=host)
    return qs


def event_search(
    *,
    series: str = "",
    theme: str = "",
    host: str = "",
    q: str = "",
    phase: str = "upcoming",
    now=None,
) -> QuerySet[Event]:
    """The public event list: upcoming (and live) soonest first, or past latest first,
    filtered by series or host short name, theme, and words in the title or description
    (Chinese or English)."""
    now = now or timezone.now()
    qs = event_list()
    if series:
        qs = qs.filter(series__slug=series)
    if host:
        qs = qs.filter(host__slug=host)
    if theme:
        qs = qs.filter(theme=theme)
    for word in q.split()[:5]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(title_en__icontains=word)
            | Q(description__icontains=word)
            | Q(description_en__icontains=word)
        )
    if phase == "past":
        return qs.filter(end__lte=now).order_by("-start", "-id")
    return qs.filter(end__gt=now).order_by("start", "id")


def event_themes() -> list[str]:
    """The themes of public events, for the list's filter."""
    return list(
        event_list().exclude(theme="").order_by("theme").values_list("theme", flat=True).distinct()
    )


# How many events a phase of the home and series pages shows: the rest are on the paginated
# events list, so these pages cost the same however many events there are.
PHASE_LIMIT = 12


def events_by_phase(*, host=None, now=None) -> dict[str, list[Event]]:
    """{"live": […], "upcoming": […], "past": […]}, at most `PHASE_LIMIT` each.

    Live and upcoming events soonest first; past events latest first.
    """
    now = now or timezone.now()
    qs = event_list(host=host)
    return {
        "live": list(qs.filter(start__lte=now, end__gt=now).order_by("start")[:PHASE_LIMIT]),
        "upcoming": list(qs.filter(start__gt=now).order_by("start")[:PHASE_LIMIT]),
        "past": list(qs.filter(end__lte=now).order_by("-start")[:PHASE_LIMIT]),
    }


def _agenda():
    return Prefetch(
        "sessions",
        queryset=Session.objects.prefetch_related(
            Prefetch("materials", queryset=SessionMaterial.objects.order_by("created_at", "id"))
        ),
    )


def event_detail(*, slug: str) -> Event:
    """A published or finished public event with its agenda; raises Event.DoesNotExist."""
    return event_list().prefetch_related("sessions").get(slug=slug)


def event_for_viewing() -> QuerySet[Event]:
    """Events with what their pages show joined: host, venue, series, the agenda with its
    materials. The caller fetches through events.permissions.access_event."""
    return Event.objects.select_related("host", "venue", "series").prefetch_related(_agenda())


def event_api_list() -> QuerySet[Event]:
    """Published public events for the API, with confirmed counts per role for seats_left."""
    return with_seat_counts(event_list()).order_by("start", "id")


def series_detail(*, slug: str) -> Series | None:
    return Series.objects.select_related("host").filter(slug=slug).first()


def series_events(*, series: Series, now=None) -> dict[str, list[Event]]:
    """A series' public events: {"upcoming": soonest first, "past": latest first}, at most
    `PHASE_LIMIT` each (the events list, filtered by the series, has them all)."""
    now = now or timezone.now()
    qs = event_list().filter(series=series)
    return {
        "upcoming": list(qs.filter(end__gt=now).order_by("start", "id")[:PHASE_LIMIT]),
        "past": list(qs.filter(end__lte=now).order_by("-start", "-id")[:PHASE_LIMIT]),
    }


def host_event_list(*, host) -> QuerySet[Event]:
    """All of a host's events, drafts included, latest first, with registration counts by
    status and the number of sessions."""

    def by_status(status):
        return count_of(_registrations(status=status))

    return (
        Event.objects.filter(host=host)
        .select_related("venue", "series")
        .annotate(
            confirmed_count=by_status(Registration.Status.CONFIRMED),
            pending_count=by_status(Registration.Status.PENDING),
            waitlisted_count=by_status(Registration.Status.WAITLISTED),
            session_count=count_of(Session.objects.filter(event=OuterRef("pk"))),
        )
        .order_by("-start", "-id")
    )


def registration_table(*, event: Event) -> QuerySet[Registration]:
    """An event's registrations for its organizers (the registrations page, its exports, the
    API's list), first come first: the person, their expert profile, who checked them in and
    their companies joined. `events.filters.RegistrationFilter` narrows it."""
    return (
        Registration.objects.filter(event=event)
        .select_related("event", "user", "user__expert_profile", "checked_in_by")
        .prefetch_related(
            Prefetch(
                "user__company_memberships",
                queryset=CompanyMembership.objects.select_related("company").order_by("pk"),
            )
        )
        .order_by("created_at", "id")
    )


def registration_search_q(text: str) -> Q:
    """Registrations whose person matches `text`: name, email, phone (their account's, their
    expert profile's, or an answer to the organizer's questions), expert name or institution,
    or company name."""
    text = text.strip()
    companies = CompanyMembership.objects.filter(company__name__icontains=text).values("user_id")
    return (
        Q(user__name__icontains=text)
        | Q(user__email__icontains=text)
        | Q(user__phone__icontains=text)
        | Q(user__expert_profile__name__icontains=text)
        | Q(user__expert_profile__institution__icontains=text)
        | Q(user__expert_profile__phone__icontains=text)
        | Q(answers__icontains=text)
        | Q(user_id__in=companies)
    )


def check_in_search(*, event: Event, q: str, limit: int = 20) -> list[Registration]:
    """At most `limit` of `event`'s registrations whose person matches `q` (name, phone,
    email, company or institution, as `registration_search_q`), for the door staff; confirmed
    ones first. Nothing for a blank `q`."""
    q = q.strip()
    if not q:
        return []
    confirmed_first = Case(
        When(status=Registration.Status.CONFIRMED, then=Value(0)), default=Value(1)
    )
    return list(
        registration_table(event=event)
        .filter(registration_search_q(q))
        .order_by(confirmed_first, "created_at", "id")[:limit]
    )


def _speakers_of_host_q(host) -> Q:
    return Q(
        claimed_at__isnull=False,
        visibility__in=[Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.ORGANIZERS],
    ) | Q(imported_by=host)


def speaker_candidates(*, host, q: str, limit: int = 20) -> QuerySet[ExpertProfile]:
    """Experts an organizer of `host` may put on an agenda, whose name or institution holds
    `q`: claimed profiles visible to organizers, and the host's own imported ones (never
    another host's unclaimed imports). At most `limit`, by name."""
    q = q.strip()
    if not q:
        return ExpertProfile.objects.none()
    visible = _speakers_of_host_q(host)
    return (
        ExpertProfile.objects.filter(visible)
        .filter(Q(name__icontains=q) | Q(institution__icontains=q))
        .order_by("name", "pk")[:limit]
    )


def speaker_choices(*, host, session=None) -> QuerySet[ExpertProfile]:
    """The experts the session form accepts as speakers: those `speaker_candidates` may find
    for `host`, and the session's current speakers."""
    visible = _speakers_of_host_q(host)
    if session is not None and session.pk:
        visible |= Q(sessions=session)
    return ExpertProfile.objects.filter(visible).distinct()


def organization_of(registration: Registration) -> str:
    """The institution (experts) or company names of a registrant, from prefetched data."""
    user = registration.user
    names = [m.company.name for m in user.company_memberships.all()]
    profile = getattr(user, "expert_profile", None)
    if profile is not None and profile.institution:
        names.insert(0, profile.institution)
    return "、".join(names)


def calendar_events_of(*, user) -> QuerySet[Event]:
    """Events where `user` has a confirmed registration, with their agendas."""
    return (
        Event.objects.filter(
            registrations__user=user,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .exclude(status=Event.Status.DRAFT)
        .select_related("venue", "host")
        .prefetch_related("sessions")
        .distinct()
        .order_by("start")
    )


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
    confirmed = Registration.Status.CONFIRMED
    return qs.annotate(
        confirmed_total=count_of(_registrations(status=confirmed)),
        **{
            f"confirmed_{role}": count_of(_registrations(status=confirmed, role=role))
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
        # a checked-in registration is the record of attendance (docs/registrations.md)
        "can_cancel": registration is not None
        and now < event.start
        and registration.checked_in_at is None,
        "can_manage": is_host_staff(user, event.host),
    }


def my_registrations(*, user) -> QuerySet[Registration]:
    """A person's registrations, newest event first, with their events joined."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__venue", "event__host")
        .order_by("-event__start", "-created_at")
    )


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
