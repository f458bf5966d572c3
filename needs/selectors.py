"""Reads of the needs desk: the board, one need with its history, overdue needs, the figures."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from hosts.models import Host, HostMembership
from needs.forms import apply_need_filters
from needs.models import Need, NeedTransition
from needs.signals import restricted_need_filter
from profiles.models import CompanyMembership


def visible_needs(*, user) -> QuerySet[Need]:
    """Needs `user` may see (the rule of `needs.permissions.can_view_need`), with what list
    pages show already joined."""
    qs = Need.objects.select_related("company", "host", "assignee")
    if user.is_authenticated and user.is_superuser:
        return qs
    visible = Q(visibility=Need.Visibility.PUBLIC)
    if user.is_authenticated:
        visible |= Q(visibility=Need.Visibility.MEMBERS)
        member = CompanyMembership.objects.filter(company=OuterRef("company"), user=user)
        staff_hosts = HostMembership.objects.filter(
            user=user, host__status=Host.Status.APPROVED
        ).values("host")
        visible |= Q(Exists(member)) | Q(host__in=staff_hosts)
        extra = restricted_need_filter(user)
        if extra is not None:
            visible |= extra
        if HostMembership.objects.filter(user=user, host__status=Host.Status.APPROVED).exists():
            visible |= Q(host__isnull=True)
    return qs.filter(visible)


def company_public_needs(*, company) -> QuerySet[Need]:
    """The company's needs that everyone may see, newest first, with their topics."""
    return company.needs.filter(visibility=Need.Visibility.PUBLIC).prefetch_related("topics")


def need_board(*, user, filters: dict | None = None) -> QuerySet[Need]:
    """The needs board: visible needs, open ones unless `filters["status"]` says otherwise,
    most urgent and oldest first. `filters` are a NeedFilterForm's cleaned data; with
    `mine`, only the needs of the user's companies and those assigned to them."""
    qs = visible_needs(user=user)
    filters = filters or {}
    if not filters.get("status"):
        qs = qs.filter(status__in=Need.OPEN_STATUSES)
    qs = apply_need_filters(qs, filters)
    if filters.get("mine") and not user.is_authenticated:
        qs = qs.none()
    elif filters.get("mine"):
        # A company member's own company's needs; for staff, the needs assigned to them.
        member = CompanyMembership.objects.filter(company=OuterRef("company"), user=user)
        qs = qs.filter(Q(assignee=user) | Q(Exists(member)))
    urgency_order = {"high": 0, "normal": 1, "low": 2}
    rank = Case(
        *(When(urgency=key, then=Value(value)) for key, value in urgency_order.items()),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        qs.annotate(urgency_rank=rank)
        .prefetch_related("topics")
        .order_by("urgency_rank", "created_at", "id")
    )


def need_detail(*, user, pk: int) -> Need:
    """One visible need with its company, desk, rating and topics; raises Need.DoesNotExist."""
    return (
        visible_needs(user=user)
        .select_related("created_by", "rating")
        .prefetch_related("topics")
        .get(pk=pk)
    )


def need_history(*, need: Need) -> list[NeedTransition]:
    """The need's transitions, oldest first, with who made them."""
    return list(need.transitions.select_related("by").order_by("at", "id"))


def overdue_needs(*, host=None, now: dt.datetime | None = None) -> QuerySet[Need]:
    """Needs still waiting for a first response after their deadline, the longest overdue
    first (see Need.is_overdue)."""
    now = now or timezone.now()
    qs = Need.objects.filter(status=Need.Status.SUBMITTED, response_deadline__lt=now)
    if host is not None:
        qs = qs.filter(host=host)
    return qs.select_related("company", "host", "assignee").order_by("response_deadline", "id")


@dataclass
class DeskFigures:
    """What a 12345-style office is judged by, for needs submitted in a period."""

    total: int
    responded: int
    responded_in_time: int
    resolved: int
    rated: int
    average_satisfaction: float | None
    average_response_hours: float | None
    average_resolution_hours: float | None
    overdue: int = 0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def response_rate(self) -> float | None:
        return self._rate(self.responded, self.total)

    @property
    def in_time_rate(self) -> float | None:
        return self._rate(self.responded_in_time, self.total)

    @property
    def resolution_rate(self) -> float | None:
        return self._rate(self.resolved, self.total)

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "responded": self.responded,
            "responded_in_time": self.responded_in_time,
            "resolved": self.resolved,
            "rated": self.rated,
            "response_rate": self.response_rate,
            "in_time_rate": self.in_time_rate,
            "resolution_rate": self.resolution_rate,
            "average_satisfaction": self.average_satisfaction,
            "average_response_hours": self.average_response_hours,
            "average_resolution_hours": self.average_resolution_hours,
            "overdue": self.overdue,
        }


class HoursBetween(Func):
    """Hours from `start` to `end` (two datetime columns), computed by the database itself:
    SQLite's julianday() and PostgreSQL's epoch, not a Python function called per row."""

    output_field = FloatField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        sql = f"((julianday({end[0]}) - julianday({start[0]})) * 24.0)"
        return sql, (*end[1], *start[1])

    def as_postgresql(self, compiler, connection, **extra):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        sql = f"(EXTRACT(EPOCH FROM ({end[0]} - {start[0]})) / 3600.0)"
        return sql, (*end[1], *start[1])

    def as_sql(self, compiler, connection, **extra):  # other databases: Django's arithmetic
        end, start = self.source_expressions
        expression = ExpressionWrapper(end - start, output_field=DurationField())
        return compiler.compile(expression)


def _hours(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 3600
    return round(value, 1)


def submitted_needs(
    *, host, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> QuerySet[Need]:
    """`host`'s needs submitted in [since, until): the set every desk figure is a share of."""
    qs = Need.objects.filter(host=host)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    return qs


def desk_figures(
    *,
    host,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> DeskFigures:
    """Response rate, resolution rate and average satisfaction of `host`'s desk over the needs
    submitted in [since, until) (all time when not given). One query, whatever the number of
    needs: every figure is an aggregate in the database.

    Responded: has a first response. In time: responded with no deadline set, or on or before
    the deadline. Resolved: resolved now (a reopened need is not). Overdue: still waiting for
    its first response after its deadline (`Need.is_overdue`, as of `now`). Rates are shares
    of all needs submitted in the period (None when there were none). Average times run from
    submission to the first response, and to resolution, over the needs that have them.
    """
    now = now or timezone.now()
    qs = submitted_needs(host=host, since=since, until=until)
    responded = Q(responded_at__isnull=False)
    in_time = responded & (
        Q(response_deadline__isnull=True) | Q(responded_at__lte=F("response_deadline"))
    )
    resolved_after_response = responded & Q(resolved_at__isnull=False)
    figures = qs.aggregate(
        total=Count("id"),
        responded=Count("id", filter=responded),
        responded_in_time=Count("id", filter=in_time),
        resolved=Count("id", filter=Q(status=Need.Status.RESOLVED)),
        rated=Count("rating"),
        overdue=Count("id", filter=Q(status=Need.Status.SUBMITTED, response_deadline__lt=now)),
        average_satisfaction=Avg("rating__score"),
        response_time=Avg(HoursBetween(F("responded_at"), F("created_at")), filter=responded),
        resolution_time=Avg(
            HoursBetween(F("resolved_at"), F("created_at")), filter=resolved_after_response
        ),
    )
    average = figures.pop("average_satisfaction")
    response_time = figures.pop("response_time")
    resolution_time = figures.pop("resolution_time")
    return DeskFigures(
        **figures,
        average_satisfaction=round(average, 2) if average is not None else None,
        average_response_hours=_hours(response_time),
        average_resolution_hours=_hours(resolution_time),
    )


def need_breakdown(
    *, host, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> dict[str, list[tuple[str, int]]]:
    """How the needs of `desk_figures`'s period split by status, category, district and topic:
    {dimension: [(value, count), …]}, largest first (status and category in their order of
    definition). A need with several topics counts once under each. Three queries."""
    qs = submitted_needs(host=host, since=since, until=until)

    def counts(field: str, *, distinct: bool) -> list[tuple[str, int]]:
        rows = qs.order_by().values_list(field).annotate(n=Count("id", distinct=distinct))
        return [(value, n) for value, n in rows if value not in (None, "")]

    fixed = qs.aggregate(
        **{f"status_{s}": Count("id", filter=Q(status=s)) for s in Need.Status.values},
        **{f"category_{c}": Count("id", filter=Q(category=c)) for c in Need.Category.values},
    )
    return {
        "status": [(s, fixed[f"status_{s}"]) for s in Need.Status.values],
        "category": [(c, fixed[f"category_{c}"]) for c in Need.Category.values],
        "district": sorted(
            counts("company__district", distinct=False), key=lambda row: (-row[1], row[0])
        ),
        "topic": sorted(counts("topics__slug", distinct=True), key=lambda row: (-row[1], row[0])),
    }


def staff_of_hosts(*, hosts) -> QuerySet:
    """The people who work for any of `hosts` (owners and staff), by name."""
    return (
        get_user_model()
        .objects.filter(host_memberships__host__in=hosts)
        .distinct()
        .order_by("name", "email")
    )
