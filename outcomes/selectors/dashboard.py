"""What the organizer's dashboard shows: the figures of a period and of the one before it, the
details behind them, and the series over time. A fixed number of queries (pinned by the
tests): nothing here loops over rows in Python beyond the handful of buckets and categories
the database already grouped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Trunc
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


def _series(rows, key: str, buckets: list[dt.date], zone) -> dict[str, list[int]]:
    index = {day: n for n, day in enumerate(buckets)}
    series: dict[str, list[int]] = {}
    for row in rows:
        moment = row["bucket"]
        day = moment.astimezone(zone).date() if isinstance(moment, dt.datetime) else moment
        if day not in index:
            continue
        series.setdefault(row[key], [0] * len(buckets))[index[day]] += row["n"]
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
    trunc = Trunc("created_at", bucket, tzinfo=period.zone)
    registrations = Registration.objects.filter(event__host=host).exclude(
        status=Registration.Status.CANCELLED
    )
    registrations = (
        registrations.filter(event=event)
        if event is not None
        else registrations.filter(created_at__gte=period.since, created_at__lt=period.until)
    )
    rows = registrations.annotate(bucket=trunc).values("bucket", "role").annotate(n=Count("id"))
    board.registrations_over_time = _series(rows.order_by(), "role", board.buckets, period.zone)
    if event is None:
        needs = submitted_needs(host=host, since=period.since, until=period.until)
        rows = (
            needs.annotate(bucket=trunc)
            .values("bucket")
            .annotate(
                n=Count("id"),
                resolved=Count("id", filter=Q(status=Need.Status.RESOLVED)),
            )
            .order_by()
        )
        received = [{**row, "kind": "received"} for row in rows]
        resolved = [{**row, "kind": "resolved", "n": row["resolved"]} for row in received]
        board.needs_over_time = _series(received + resolved, "kind", board.buckets, period.zone)
        board.breakdown = need_breakdown(host=host, since=period.since, until=period.until)
        slugs = [slug for slug, _count in board.breakdown["topic"][:TOP_TOPICS]]
        board.topic_names = {
            topic.slug: topic.label for topic in Topic.objects.filter(slug__in=slugs)
        }
    return board


TOP_TOPICS = 12
