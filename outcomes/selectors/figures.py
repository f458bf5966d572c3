"""The organizer's figures for a period: every figure an aggregate in the database, so the
number of queries stays the same however many events, needs and meetings there are.

What each figure is keyed on (docs/outcomes.md):
- events, registrations, check-ins, meetings' events, chat: the event's start falls in the
  period (cancelled and draft events are left out);
- introductions: the day they were requested; their status is today's;
- meetings: the start of their slot;
- needs: the day they were submitted, exactly as on the needs desk (`needs.selectors`);
- follow-ups: the day they were asked; feedback: the event's start.

A meeting is *held* when its slot has ended, it was not cancelled, nobody said in the
feedback that it did not take place, and either someone said it did or both people were
checked in at the event.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from chat.models import Message
from events.models import Event, Registration
from matching.models import Introduction
from meetings.models import Meeting
from needs.selectors import desk_figures
from outcomes.models import FeedbackRequest, FollowUp, MeetingFeedback, SessionRating
from outcomes.periods import Period

COUNTED_EVENTS = (Event.Status.PUBLISHED, Event.Status.FINISHED)
R = Registration.Status
I = Introduction.Status  # noqa: E741 - the model's own name for its statuses


def rate(part: int, whole: int) -> float | None:
    """A share from 0 to 1 (four decimals), or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


def _round(value, digits: int = 2):
    return round(value, digits) if value is not None else None


def period_events(*, host, period: Period, event: Event | None = None) -> QuerySet[Event]:
    """The host's events counted in `period` (or just `event`)."""
    if event is not None:
        return Event.objects.filter(pk=event.pk)
    return Event.objects.filter(
        host=host,
        status__in=COUNTED_EVENTS,
        start__gte=period.since,
        start__lt=period.until,
    )


def held_meeting(now: dt.datetime) -> Q:
    """The condition for a held meeting (see the module's docstring)."""
    feedback = MeetingFeedback.objects.filter(meeting=OuterRef("pk"))
    checked_in = Registration.objects.filter(
        event=OuterRef("event"), status=R.CONFIRMED, checked_in_at__isnull=False
    )
    return (
        Q(status=Meeting.Status.SCHEDULED, slot__end__lte=now)
        & ~Exists(feedback.filter(held=False))
        & (
            Exists(feedback.filter(held=True))
            | (
                Exists(checked_in.filter(user=OuterRef("expert")))
                & Exists(checked_in.filter(user=OuterRef("company_member")))
            )
        )
    )


def registration_figures(*, events: QuerySet[Event]) -> dict:
    """Registrations of `events` by status and (confirmed ones) by role. One query."""
    counts = {f"status_{s}": Count("id", filter=Q(status=s)) for s in R.values}
    counts |= {
        f"role_{r}": Count("id", filter=Q(status=R.CONFIRMED, role=r))
        for r in Registration.Role.values
    }
    figures = Registration.objects.filter(event__in=events).aggregate(
        **counts,
        checked_in=Count("id", filter=Q(status=R.CONFIRMED, checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=Q(walk_in=True, status=R.CONFIRMED)),
    )
    return figures


def event_figures(*, host, period: Period, event: Event | None = None) -> dict:
    """{"count", "registrations", "checked_in", "check_in_rate"}, and the details the
    dashboard shows. Registrations are the confirmed ones (people who had a seat). Two
    queries."""
    events = period_events(host=host, period=period, event=event)
    registrations = registration_figures(events=events)
    confirmed = registrations[f"status_{R.CONFIRMED}"]
    return {
        "count": events.count(),
        "registrations": confirmed,
        "checked_in": registrations["checked_in"],
        "check_in_rate": rate(registrations["checked_in"], confirmed),
        "details": registrations,
    }


def introduction_figures(*, host, period: Period) -> dict:
    """The host's introductions requested in the period, by today's status: those about the
    needs its desk answers for and those its staff proposed. One query."""
    return Introduction.objects.filter(
        Q(need__host=host) | Q(host=host),
        created_at__gte=period.since,
        created_at__lt=period.until,
    ).aggregate(
        requested=Count("id"),
        **{s: Count("id", filter=Q(status=s)) for s in I.values},
    )


def meeting_figures(
    *, host, period: Period, event: Event | None = None, now: dt.datetime | None = None
) -> dict:
    """Meetings whose slot starts in the period (or at `event`): scheduled (not cancelled)
    and held. One query."""
    now = now or timezone.now()
    qs = Meeting.objects.filter(event__host=host)
    if event is not None:
        qs = qs.filter(event=event)
    else:
        qs = qs.filter(slot__start__gte=period.since, slot__start__lt=period.until)
    return qs.aggregate(
        scheduled=Count("id", filter=Q(status=Meeting.Status.SCHEDULED)),
        held=Count("id", filter=held_meeting(now)),
        cancelled=Count("id", filter=Q(status=Meeting.Status.CANCELLED)),
    )


def chat_figures(*, host, period: Period, event: Event | None = None) -> dict:
    """Chat and Q&A in the rooms of the period's events. One query."""
    events = period_events(host=host, period=period, event=event)
    figures = Message.objects.filter(event__in=events, deleted=False).aggregate(
        messages=Count("id", filter=Q(kind=Message.Kind.MESSAGE)),
        questions=Count("id", filter=Q(kind=Message.Kind.QUESTION)),
        answered=Count("id", filter=Q(kind=Message.Kind.QUESTION, answered=True)),
        votes=Sum("votes", filter=Q(kind=Message.Kind.QUESTION)),
        people=Count("author", distinct=True),
    )
    figures["votes"] = figures["votes"] or 0
    return figures


def need_figures(*, host, period: Period, now: dt.datetime | None = None) -> dict:
    """The needs desk's figures for the needs submitted in the period (`desk_figures`: the
    same definitions as the desk's page). One query."""
    desk = desk_figures(host=host, since=period.since, until=period.until, now=now)
    return {
        "total": desk.total,
        "responded": desk.responded,
        "response_rate": desk.response_rate,
        "on_time_response_rate": desk.in_time_rate,
        "resolved": desk.resolved,
        "resolution_rate": desk.resolution_rate,
        "satisfaction": desk.average_satisfaction,
        "overdue": desk.overdue,
        "details": desk,
    }


def followup_figures(*, host, period: Period) -> dict:
    """Six-month follow-ups asked in the period: people asked, who answered, and how many
    answered "agreement reached" or "project under way" (cooperation). One query."""
    answered = Q(answered_at__isnull=False)
    figures = FollowUp.objects.filter(
        host=host, sent_at__gte=period.since, sent_at__lt=period.until
    ).aggregate(
        surveyed=Count("id"),
        answered=Count("id", filter=answered),
        cooperation=Count("id", filter=answered & Q(outcome__in=FollowUp.COOPERATION)),
        **{
            f"outcome_{o}": Count("id", filter=answered & Q(outcome=o))
            for o in FollowUp.Outcome.values
        },
        needs_resolved=Count("id", filter=Q(need_resolved=True)),
    )
    return figures


def feedback_figures(*, host, period: Period, event: Event | None = None) -> dict:
    """Attendees' feedback on the period's events: asked, answered, the mean rating of the
    events and of their sessions, and what people said of their meetings. Three queries."""
    requests = FeedbackRequest.objects.filter(
        event__in=period_events(host=host, period=period, event=event)
    )
    figures = requests.aggregate(
        asked=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        event_rating=Avg("rating"),
        **{f"rating_{n}": Count("id", filter=Q(rating=n)) for n in range(1, 6)},
    )
    figures["event_rating"] = _round(figures["event_rating"])
    sessions = SessionRating.objects.filter(request__in=requests).aggregate(
        session_rating=Avg("rating"), session_ratings=Count("id")
    )
    meetings = MeetingFeedback.objects.filter(request__in=requests).aggregate(
        meetings_answered=Count("id"),
        meetings_held=Count("id", filter=Q(held=True)),
        meetings_useful=Count("id", filter=Q(held=True, useful=True)),
    )
    figures |= sessions | meetings
    figures["session_rating"] = _round(figures["session_rating"])
    return figures


def host_figures(*, host, period: Period, now: dt.datetime | None = None) -> dict:
    """The figures API's answer for `host` over `period` (docs/outcomes.md). Seven queries."""
    now = now or timezone.now()
    events = event_figures(host=host, period=period)
    events.pop("details")
    introductions = introduction_figures(host=host, period=period)
    meetings = meeting_figures(host=host, period=period, now=now)
    needs = need_figures(host=host, period=period, now=now)
    needs.pop("details")
    follow_ups = followup_figures(host=host, period=period)
    return {
        "period": period.as_dict(),
        "events": events,
        "matching": {
            "introductions_requested": introductions["requested"],
            "introductions_accepted": introductions[I.ACCEPTED],
            "meetings_scheduled": meetings["scheduled"],
            "meetings_held": meetings["held"],
        },
        "needs": needs,
        "outcomes": {
            "surveyed": follow_ups["surveyed"],
            "answered": follow_ups["answered"],
            "cooperation": follow_ups["cooperation"],
        },
    }
