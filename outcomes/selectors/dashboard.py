"""What the organizer's dashboard shows: the figures of a period and of the one before it, the
details behind them, and the series over time. A fixed number of queries (pinned by the
tests): nothing here loops over rows in Python beyond the handful of buckets and categories
the database already grouped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
from django.utils import timezone

from events.models import Event, Registration
from needs.models import Need
from needs.selectors import need_breakdown, submitted_needs
from outcomes.periods import Period
from outcomes.selectors.figures import (
    chat_figures,
    event_figures,
    feedback_figures,
    followup_figures,
    introduction_figures,
    meeting_figures,
    need_figures,
)
from profiles.models import Topic


@dataclass
class Dashboard:
    host: object
    period: Period
    previous: Period
    event: Event | None
    bucket: str  # "day", "week" or "month"
    buckets: list[dt.date]
    current: dict = field(default_factory=dict)
    before: dict = field(default_factory=dict)
    registrations_over_time: dict = field(default_factory=dict)  # role -> [count per bucket]
    needs_over_time: dict = field(default_factory=dict)  # "received"/"resolved" -> [counts]
    breakdown: dict = field(default_factory=dict)
    topic_names: dict = field(default_factory=dict)


def bucket_for(period: Period) -> str:
    if period.days <= 62:
        return "day"
    if period.days <= 190:
        return "week"
    return "month"


def _bucket_starts(period: Period, bucket: str) -> list[dt.date]:
    if bucket == "day":
        return [period.first + dt.timedelta(days=n) for n in range(period.days)]
    if bucket == "week":
        start = period.first - dt.timedelta(days=period.first.weekday())
        return [start + dt.timedelta(weeks=n) for n in range((period.last - start).days // 7 + 1)]
    starts, day = [], period.first.replace(day=1)
    while day <= period.last:
        starts.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return starts


def bucket_of(field: str, buckets: list[dt.date], zone) -> Case:
    """The index of the bucket a datetime column falls in: comparisons with the buckets' first
    moments (local midnights), which every database evaluates natively — no function called
    per row, and right across daylight-saving changes."""
    edges = [dt.datetime.combine(day, dt.time(), tzinfo=zone) for day in buckets[1:]]
    return Case(
        *(When(**{f"{field}__lt": edge}, then=Value(n)) for n, edge in enumerate(edges)),
        default=Value(len(buckets) - 1),
        output_field=IntegerField(),
    )


def _series(rows, key: str, size: int) -> dict[str, list[int]]:
    series: dict[str, list[int]] = {}
    for row in rows:
        series.setdefault(row[key], [0] * size)[row["bucket"]] += row["n"]
    return series


def _figures(host, period: Period, event: Event | None, now: dt.datetime) -> dict:
    figures = {
        "events": event_figures(host=host, period=period, event=event),
        "meetings": meeting_figures(host=host, period=period, event=event, now=now),
        "chat": chat_figures(host=host, period=period, event=event),
        "feedback": feedback_figures(host=host, period=period, event=event),
    }
    if event is None:
        figures["introductions"] = introduction_figures(host=host, period=period)
        figures["needs"] = need_figures(host=host, period=period, now=now)
        figures["follow_ups"] = followup_figures(host=host, period=period)
    return figures


def dashboard(
    *,
    host,
    period: Period,
    event: Event | None = None,
    previous: Period | None = None,
    now: dt.datetime | None = None,
) -> Dashboard:
    """Everything the dashboard of `host` (or of one of its events) shows for `period`, with
    the previous period of the same length (or `previous`) for comparison. For one event, the needs,
    introductions and follow-ups (which belong to no event) are left out, and registrations
    over time run over the event's own registrations whatever their date."""
    now = now or timezone.now()
    bucket = bucket_for(period)
    board = Dashboard(
        host=host,
        period=period,
        previous=previous or period.previous(),
        event=event,
        bucket=bucket,
        buckets=_bucket_starts(period, bucket),
    )
    board.current = _figures(host, period, event, now)
    board.before = _figures(host, board.previous, event, now)
    size = len(board.buckets)
    bucketed = bucket_of("created_at", board.buckets, period.zone)
    registrations = Registration.objects.filter(event__host=host).exclude(
        status=Registration.Status.CANCELLED
    )
    registrations = (
        registrations.filter(event=event)
        if event is not None
        else registrations.filter(created_at__gte=period.since, created_at__lt=period.until)
    )
    if event is not None:
        # An event's own registrations, from the first one to the end of the period.
        first = registrations.aggregate(first=Min("created_at"))["first"] or now
        span = Period(
            first=min(timezone.localdate(first, period.zone), period.first),
            last=max(timezone.localdate(event.end, period.zone), period.last),
            zone=period.zone,
        )
        board.bucket = bucket_for(span)
        board.buckets = _bucket_starts(span, board.bucket)
        size = len(board.buckets)
        bucketed = bucket_of("created_at", board.buckets, period.zone)
    rows = registrations.annotate(bucket=bucketed).values("bucket", "role").annotate(n=Count("id"))
    board.registrations_over_time = _series(rows.order_by(), "role", size)
    if event is None:
        needs = submitted_needs(host=host, since=period.since, until=period.until)
        rows = (
            needs.annotate(bucket=bucketed)
            .values("bucket")
            .annotate(
                n=Count("id"),
                resolved=Count("id", filter=Q(status=Need.Status.RESOLVED)),
            )
            .order_by()
        )
        received = [{**row, "kind": "received"} for row in rows]
        resolved = [{**row, "kind": "resolved", "n": row["resolved"]} for row in received]
        board.needs_over_time = _series(received + resolved, "kind", size)
        board.breakdown = need_breakdown(host=host, since=period.since, until=period.until)
        slugs = [slug for slug, _count in board.breakdown["topic"][:TOP_TOPICS]]
        board.topic_names = {
            topic.slug: topic.label for topic in Topic.objects.filter(slug__in=slugs)
        }
    return board


TOP_TOPICS = 12
