"""Writes on events, series and venues: create, edit, publish, cancel, finish, duplicate.

Registrants of a published event are told by email when its time, venue or agenda changes
(`events/email/event_changed`) and when it is cancelled (`events/email/event_cancelled`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.mail import mail_queue
from core.sites import absolute_url
from events.models import Event, EventChange, Registration, Series, Session, Venue, new_secret
from events.services.registration_setup import (
    check_questions_change,
    check_seats,
    check_window,
    questions_normalise,
    seat_limits,
)
from events.services.registrations import event_cancel_registrations, waitlist_promote
from events.services.seats import seats_lock
from hosts.models import Host

# Fields an organizer may set through event_create/event_update.
EVENT_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "theme",
    "series",
    "venue",
    "start",
    "end",
    "timezone",
    "visibility",
    "requires_approval",
    "capacity",
    "quota_experts",
    "quota_enterprises",
    "quota_guests",
    "registration_opens",
    "registration_closes",
    "questions",
    "cover",
)
# Changing these may free seats: the waiting list moves up in the same transaction.
SEAT_FIELDS = ("capacity", "quota_experts", "quota_enterprises", "quota_guests")
NOTIFIED_FIELDS = ("start", "end", "timezone", "venue")


def _unique_slug(model, base: str, *, fallback: str, exclude_pk=None) -> str:
    base = slugify(base)[:70].strip("-") or fallback
    slug, n = base, 1
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_belongs(*, host: Host, series: Series | None, venue: Venue | None) -> None:
    if series is not None and series.host_id != host.pk:
        raise ValidationError(
            {
                "series": ValidationError(
                    _("This series belongs to another organization."), code="foreign_series"
                )
            }
        )
    if venue is not None and venue.host_id != host.pk:
        raise ValidationError(
            {
                "venue": ValidationError(
                    _("This venue belongs to another organization."), code="foreign_venue"
                )
            }
        )


# The years an event's times may fall in: far enough for any real forum, and far from the
# edges of the calendar, where converting between zones overflows.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
OUT_OF_RANGE = gettext_lazy("Choose a date between the years %(earliest)s and %(latest)s.")


def check_in_range(**moments: dt.datetime | None) -> None:
    """Raise ValidationError on the first named moment outside EARLIEST_YEAR–LATEST_YEAR (its
    year in its own zone, so nothing is converted before it is known to be safe)."""
    for field, value in moments.items():
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValidationError(
                {
                    field: ValidationError(
                        OUT_OF_RANGE,
                        code="out_of_range",
                        params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
                    )
                }
            )


def _check_times(*, start: dt.datetime, end: dt.datetime, opens=None, closes=None) -> None:
    check_in_range(start=start, end=end, registration_opens=opens, registration_closes=closes)
    if end <= start:
        raise ValidationError(
            {
                "end": ValidationError(
                    _("The event must end after it starts."), code="end_before_start"
                )
            }
        )


def _check_agenda_fits(event: Event) -> None:
    outside = event.sessions.filter(start__lt=event.start) | event.sessions.filter(
        end__gt=event.end
    )
    titles = sorted({s.title for s in outside})
    if titles:
        raise ValidationError(
            _("These sessions would fall outside the event: %(titles)s. Move them first.")
            % {"titles": "、".join(titles)},
            code="sessions_outside",
        )


def local_text(value: dt.datetime, tz: str) -> str:
    """A moment as the event's people read it, e.g. "2025-03-21 14:30 (Asia/Shanghai)"."""
    from zoneinfo import ZoneInfo

    return f"{value.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M} ({tz})"


def _venue_text(venue: Venue | None) -> str:
    if venue is None:
        return ""
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def registrant_emails(event: Event) -> list[str]:
    """Addresses of everyone with an active registration (confirmed, pending, waitlisted)."""
    return list(
        Registration.objects.filter(event=event, status__in=Registration.ACTIVE_STATUSES)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _event_mail_context(event: Event) -> dict:
    from django.urls import reverse

    return {
        "event_title": event.title,
        "event_title_en": event.title_en,
        "event_url": absolute_url(reverse("events:detail", args=[event.slug])),
        "when": f"{local_text(event.start, event.timezone)} – "
        f"{local_text(event.end, event.timezone)}",
        "venue": _venue_text(event.venue),
    }


def _should_notify(event: Event) -> bool:
    return event.status == Event.Status.PUBLISHED and event.end > timezone.now()


def event_change_record(*, event: Event, changes: list[dict], by=None, notify: bool = True):
    """Keep a change of a published event and tell its registrants (after commit).

    Does nothing for drafts, finished or past events, or when `changes` is empty.
    Returns the EventChange or None.
    """
    if not changes or not _should_notify(event):
        return None
    recipients = registrant_emails(event) if notify else []
    change = EventChange.objects.create(
        event=event, changes=changes, changed_by=by, notified=len(recipients)
    )
    context = {**_event_mail_context(event), "changes": changes}
    for email in recipients:
        mail_queue(to=email, template="events/email/event_changed", context=context)
    return change


@transaction.atomic
def event_create(*, host: Host, by=None, slug: str = "", **fields) -> Event:
    """A draft event of `host`. Times are aware datetimes; the slug is made from the English
    title (or the date) when not given."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    if not host.is_approved:
        raise ValidationError(_("Your organization is not approved yet."), code="host_not_approved")
    _check_belongs(host=host, series=fields.get("series"), venue=fields.get("venue"))
    _check_times(
        start=fields["start"],
        end=fields["end"],
        opens=fields.get("registration_opens"),
        closes=fields.get("registration_closes"),
    )
    if "questions" in fields:
        fields["questions"] = questions_normalise(fields["questions"])
    event = Event(host=host, status=Event.Status.DRAFT, **fields)
    check_window(event=event)
    check_seats(event=event, before={})
    fallback = f"event-{fields['start']:%Y%m%d}"
    event.slug = _unique_slug(Event, slug or fields.get("title_en") or "", fallback=fallback)
    if event.visibility == Event.Visibility.INVITE:
        event.invitation_code = new_secret()
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(
    *, event: Event, by=None, notify: bool = True, move_sessions: bool = False, **fields
) -> Event:
    """Change an event. When it is published and upcoming or live, a change of its time or
    venue is recorded and its registrants told what changed (unless `notify` is False).

    With `move_sessions`, a new start moves every session of the agenda by the same amount,
    in the same transaction; without it, sessions that would fall outside the event are
    refused. The registration set-up is checked by events/services/registration_setup.py
    (quotas within capacity and not below confirmed seats, answered questions kept)."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event.objects.select_for_update(of=("self",)).select_related("venue").get(pk=event.pk)
    if event.status in (Event.Status.CANCELLED, Event.Status.FINISHED):
        raise ValidationError(
            _("A cancelled or finished event can no longer be changed."), code="event_closed"
        )
    _check_belongs(
        host=event.host,
        series=fields.get("series", event.series),
        venue=fields.get("venue", event.venue),
    )
    before = {
        "when": (event.start, event.end, event.timezone),
        "venue": _venue_text(event.venue),
    }
    limits_before = seat_limits(event)
    if "questions" in fields:
        fields["questions"] = questions_normalise(fields["questions"])
        check_questions_change(event=event, old=event.questions, new=fields["questions"])
    for name, value in fields.items():
        setattr(event, name, value)
    _check_times(
        start=event.start,
        end=event.end,
        opens=event.registration_opens,
        closes=event.registration_closes,
    )
    check_window(event=event)
    if any(name in fields for name in SEAT_FIELDS):
        seats_lock(event=event)
        check_seats(event=event, before=limits_before)
    if event.visibility == Event.Visibility.INVITE and not event.invitation_code:
        event.invitation_code = new_secret()
    event.full_clean()
    event.save()
    shift = event.start - before["when"][0]
    if move_sessions and shift:
        _shift_agenda(event, shift)
    _check_agenda_fits(event)
    if any(name in fields for name in SEAT_FIELDS):
        waitlist_promote(event=event)

    changes = []
    if before["when"] != (event.start, event.end, event.timezone):
        old_start, old_end, old_tz = before["when"]
        changes.append(
            {
                "field": "time",
                "old": f"{local_text(old_start, old_tz)} – {local_text(old_end, old_tz)}",
                "new": f"{local_text(event.start, event.timezone)} – "
                f"{local_text(event.end, event.timezone)}",
            }
        )
    if before["venue"] != _venue_text(event.venue):
        changes.append({"field": "venue", "old": before["venue"], "new": _venue_text(event.venue)})
    event_change_record(event=event, changes=changes, by=by, notify=notify)
    return event


def _shift_agenda(event: Event, shift: dt.timedelta) -> None:
    """Move every session of `event` by `shift` (the caller holds the event's lock)."""
    sessions = list(event.sessions.all())
    for session in sessions:
        session.start += shift
        session.end += shift
    Session.objects.bulk_update(sessions, ["start", "end"])


@transaction.atomic
def event_publish(*, event: Event, by=None) -> Event:
    """Make a draft visible (to all, or to invitees for an invitation-only event)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."), code="not_draft")
    if not event.host.is_approved:
        raise ValidationError(_("Your organization is not approved yet."), code="host_not_approved")
    if event.end <= timezone.now():
        raise ValidationError(_("This event is already over."), code="event_over")
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by=None) -> Event:
    """Cancel a draft or published event; registrants are told the reason by email."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Please tell registrants why the event is cancelled."), code="reason_required"
                )
            }
        )
    event = Event.objects.select_for_update(of=("self",)).select_related("venue").get(pk=event.pk)
    if event.status not in (Event.Status.DRAFT, Event.Status.PUBLISHED):
        raise ValidationError(
            _("Only a draft or a published event can be cancelled."), code="not_cancellable"
        )
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.cancellation_reason = reason
    event.save(update_fields=["status", "cancellation_reason", "updated_at"])
    recipients = registrant_emails(event) if was_published else []
    EventChange.objects.create(
        event=event,
        kind=EventChange.Kind.CANCELLED,
        changes=[{"field": "status", "old": "published", "new": "cancelled"}],
        changed_by=by,
        notified=len(recipients),
    )
    event_cancel_registrations(event=event)
    context = {**_event_mail_context(event), "reason": reason}
    for email in recipients:
        mail_queue(to=email, template="events/email/event_cancelled", context=context)
    return event


@transaction.atomic
def event_finish(*, event: Event, by=None) -> Event:
    """Mark a published event as held, once it has started."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Only a published event can be finished."), code="not_published")
    if event.start > timezone.now():
        raise ValidationError(
            _("An event cannot be finished before it starts."), code="not_started"
        )
    event.status = Event.Status.FINISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_duplicate(*, event: Event, start: dt.datetime, by=None) -> Event:
    """A draft copy of `event` starting at `start`, with its agenda shifted by the same amount
    (speakers kept; materials, registrations and the cancellation are not copied)."""
    if timezone.is_naive(start):
        raise ValueError("start must be aware")
    check_in_range(start=start)
    shift = start - event.start
    copy = Event(
        host=event.host,
        series=event.series,
        venue=event.venue,
        title=event.title,
        title_en=event.title_en,
        description=event.description,
        description_en=event.description_en,
        theme=event.theme,
        start=event.start + shift,
        end=event.end + shift,
        timezone=event.timezone,
        visibility=event.visibility,
        requires_approval=event.requires_approval,
        capacity=event.capacity,
        quota_experts=event.quota_experts,
        quota_enterprises=event.quota_enterprises,
        quota_guests=event.quota_guests,
        registration_opens=event.registration_opens and event.registration_opens + shift,
        registration_closes=event.registration_closes and event.registration_closes + shift,
        questions=event.questions,
        cover=event.cover.name if event.cover else "",
        status=Event.Status.DRAFT,
    )
    _check_times(
        start=copy.start,
        end=copy.end,
        opens=copy.registration_opens,
        closes=copy.registration_closes,
    )
    local_date = start.astimezone(event.tzinfo).date()
    # A copy of a copy replaces the date suffix instead of piling another one on.
    base = event.slug.removesuffix(f"-{event.start.astimezone(event.tzinfo):%Y%m%d}")
    copy.slug = _unique_slug(Event, f"{base}-{local_date:%Y%m%d}", fallback="event")
    if copy.visibility == Event.Visibility.INVITE:
        copy.invitation_code = new_secret()
    copy.full_clean()
    copy.save()
    for session in event.sessions.prefetch_related("speakers"):
        speakers = list(session.speakers.all())
        session.pk = None
        session.id = None
        session._state.adding = True
        session.event = copy
        session.start += shift
        session.end += shift
        session.save()
        session.speakers.set(speakers)
    return copy


@transaction.atomic
def series_create(*, host: Host, title: str, slug: str = "", **fields) -> Series:
    """A themed series of `host`'s events."""
    series = Series(host=host, title=title.strip(), **fields)
    series.slug = _unique_slug(Series, slug or fields.get("title_en", ""), fallback="series")
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def series_update(*, series: Series, **fields) -> Series:
    for name, value in fields.items():
        setattr(series, name, value)
    series.full_clean()
    series.save()
    return series


def _check_venue_name(*, host: Host, name: str, exclude_pk=None) -> None:
    qs = Venue.objects.filter(host=host, name=name)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError(
            {
                "name": ValidationError(
                    _("You already have a venue named “%(name)s”.") % {"name": name},
                    code="duplicate_venue",
                )
            }
        )


@transaction.atomic
def venue_create(*, host: Host, name: str, **fields) -> Venue:
    name = name.strip()
    _check_venue_name(host=host, name=name)
    venue = Venue(host=host, name=name, **fields)
    venue.full_clean()
    venue.save()
    return venue


@transaction.atomic
def venue_update(*, venue: Venue, by=None, notify: bool = True, **fields) -> Venue:
    """Change a venue; registrants of the published upcoming events held there are told when
    its name or address changes."""
    before = _venue_text(venue)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_venue_name(host=venue.host, name=fields["name"], exclude_pk=venue.pk)
    for name, value in fields.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    after = _venue_text(venue)
    if before != after:
        for event in Event.objects.filter(venue=venue, status=Event.Status.PUBLISHED):
            event_change_record(
                event=event,
                changes=[{"field": "venue", "old": before, "new": after}],
                by=by,
                notify=notify,
            )
    return venue


def session_text(session: Session, tz: str) -> str:
    start = local_text(session.start, tz)
    end = f"{session.end.astimezone(session.event.tzinfo):%H:%M}"
    room = f" · {session.room}" if session.room else ""
    return f"{start}–{end}{room} {session.title}"
