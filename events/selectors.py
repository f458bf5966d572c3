from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import Event, Registration, Series, Session, SessionMaterial

PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.FINISHED]


def _confirmed_count():
    return Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))


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
    (Chinese or English). Seats are counted in the same query (`confirmed_count`)."""
    now = now or timezone.now()
    qs = event_list().annotate(confirmed_count=_confirmed_count())
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


def event_for_viewing(*, slug: str) -> Event:
    """Any event by short name, drafts and invitation-only ones included, with its agenda and
    materials: the caller checks can_view_event. Raises Event.DoesNotExist."""
    return (
        Event.objects.select_related("host", "venue", "series")
        .prefetch_related(_agenda())
        .get(slug=slug)
    )


def event_api_list() -> QuerySet[Event]:
    """Published public events for the API, with confirmed counts for seats_left."""
    return event_list().annotate(confirmed_count=_confirmed_count()).order_by("start", "id")


def seats_left(event: Event) -> dict[str, int | None]:
    """Seats left per role ({"expert", "enterprise", "guest"}), None when unlimited.

    Minimal version until role quotas exist: every role shares the overall capacity.
    Uses `confirmed_count` when the queryset annotated it, else counts.
    """
    if event.capacity is None:
        left = None
    else:
        confirmed = getattr(event, "confirmed_count", None)
        if confirmed is None:
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        left = max(event.capacity - confirmed, 0)
    return {role: left for role in Registration.Role.values}


def series_detail(*, slug: str) -> Series:
    return Series.objects.select_related("host").get(slug=slug)


def series_events(*, series: Series, now=None) -> dict[str, list[Event]]:
    """A series' public events: {"upcoming": soonest first, "past": latest first}."""
    now = now or timezone.now()
    events = list(event_list().filter(series=series))
    return {
        "upcoming": sorted((e for e in events if e.end > now), key=lambda e: e.start),
        "past": sorted((e for e in events if e.end <= now), key=lambda e: e.start, reverse=True),
    }


def host_event_list(*, host) -> QuerySet[Event]:
    """All of a host's events, drafts included, latest first, with registration counts by
    status and the number of sessions."""

    def by_status(status):
        return Count("registrations", filter=Q(registrations__status=status), distinct=True)

    return (
        Event.objects.filter(host=host)
        .select_related("venue", "series")
        .annotate(
            confirmed_count=by_status(Registration.Status.CONFIRMED),
            pending_count=by_status(Registration.Status.PENDING),
            waitlisted_count=by_status(Registration.Status.WAITLISTED),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("-start", "-id")
    )


def host_event(*, host, slug: str) -> Event:
    """One event of `host` with its agenda and materials; another host's answers DoesNotExist."""
    return (
        Event.objects.select_related("host", "venue", "series")
        .prefetch_related(_agenda(), "sessions__speakers")
        .get(host=host, slug=slug)
    )


def registration_table(
    *, event: Event, role: str = "", status: str = "", q: str = ""
) -> QuerySet[Registration]:
    """An event's registrations for its organizers, with the person, their expert profile
    and companies joined; filtered by role, status and a word in the name, email, institution
    or company."""
    qs = (
        Registration.objects.filter(event=event)
        .select_related("user", "user__expert_profile")
        .prefetch_related("user__company_memberships__company")
        .order_by("created_at", "id")
    )
    if role:
        qs = qs.filter(role=role)
    if status:
        qs = qs.filter(status=status)
    q = q.strip()
    if q:
        qs = qs.filter(
            Q(user__name__icontains=q)
            | Q(user__email__icontains=q)
            | Q(user__expert_profile__name__icontains=q)
            | Q(user__expert_profile__institution__icontains=q)
            | Q(user__company_memberships__company__name__icontains=q)
        ).distinct()
    return qs


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
