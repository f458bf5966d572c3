"""Reads of the needs desk: the board, one need with its history, overdue needs, the figures."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
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
    return qs.annotate(urgency_rank=rank).order_by("urgency_rank", "created_at", "id")


def need_detail(*, user, pk: int) -> Need:
    """One visible need with its company, desk and rating; raises Need.DoesNotExist."""
    return visible_needs(user=user).select_related("created_by", "rating").get(pk=pk)


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
        }


def _hours(deltas: list[dt.timedelta]) -> float | None:
    if not deltas:
        return None
    return round(sum(d.total_seconds() for d in deltas) / len(deltas) / 3600, 1)


def desk_figures(
    *, host, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> DeskFigures:
    """Response rate, resolution rate and average satisfaction of `host`'s desk over the needs
    submitted in [since, until) (all time when not given). Two queries.

    Responded: has a first response. In time: responded with no deadline set, or on or before
    the deadline. Resolved: resolved now (a reopened need is not). Rates are shares of all
    needs submitted in the period (None when there were none).
    """
    qs = Need.objects.filter(host=host)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    responded = Q(responded_at__isnull=False)
    in_time = responded & (
        Q(response_deadline__isnull=True) | Q(responded_at__lte=F("response_deadline"))
    )
    figures = qs.aggregate(
        total=Count("id"),
        responded=Count("id", filter=responded),
        responded_in_time=Count("id", filter=in_time),
        resolved=Count("id", filter=Q(status=Need.Status.RESOLVED)),
        rated=Count("rating"),
        average_satisfaction=Avg("rating__score"),
    )
    times = list(qs.filter(responded).values_list("created_at", "responded_at", "resolved_at"))
    average = figures.pop("average_satisfaction")
    return DeskFigures(
        **figures,
        average_satisfaction=round(average, 2) if average is not None else None,
        average_response_hours=_hours([r - c for c, r, _ in times]),
        average_resolution_hours=_hours([s - c for c, _, s in times if s is not None]),
    )
