"""Forums planned from the seasonal planner: a draft event per suggestion, and inviting the
companies that raised those needs before, ahead of everyone else.

How companies are invited in advance: the organizer publishes the draft — best as
invitation-only, so that the invited companies can register before the forum is announced —
and presses "invite"; every member of each suggested company is emailed the event's link
(with its invitation code when it is invitation-only). Each company is invited once per
forum (`ForumInvitation`); companies added later can be invited by pressing again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.mail import mail_queue
from events.models import Event
from events.services.events import event_create
from events.services.sessions import session_create
from outcomes.models import ForumInvitation, PlannedForum
from outcomes.periods import host_zone
from outcomes.selectors.planner import Pattern, quarter_months
from profiles.models import CompanyMembership

FORUM_HOURS = (14, 17)


def _forum_start(*, pattern: Pattern, year: int, zone) -> dt.datetime:
    """The 15th of the month the needs usually start coming in, at 14:00 (local)."""
    first, _last = quarter_months(pattern.quarter)
    month = max(first, pattern.months[0])
    return dt.datetime(year, month, 15, FORUM_HOURS[0], tzinfo=zone)


@transaction.atomic
def planned_forum_create(*, host, pattern: Pattern, year: int, by, this_year: int) -> PlannedForum:
    """A draft event of `host` for the planner's suggestion `pattern` in the coming quarter
    of `year`: its theme, an agenda (the needs reviewed, the experts' talks, one-to-one
    talks), and the companies and experts to invite. A suggestion already drafted for that
    quarter is returned as it is.

    Preconditions: the caller checked `can_plan_forums(by, host)`. Raises ValidationError
    from `event_create` (e.g. host_not_approved).
    """
    zone = host_zone(host)
    start = _forum_start(pattern=pattern, year=year, zone=zone)
    existing = (
        PlannedForum.objects.filter(host=host, key=pattern.key, event__start__year=year)
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
        .first()
    )
    if existing is not None:
        return existing
    explanation = pattern.explanation(this_year)
    lines = [explanation]
    if pattern.experts:
        lines.append(_("Experts to invite: %(names)s") % {"names": "、".join(pattern.experts)})
    if pattern.companies:
        lines.append(
            _("Companies that raised these needs before: %(names)s")
            % {"names": "、".join(name for _pk, name in pattern.companies)}
        )
    event = event_create(
        host=host,
        by=by,
        title=(_("%(theme)s forum") % {"theme": pattern.label})[:200],
        theme=pattern.label[:100],
        description="\n\n".join(lines),
        start=start,
        end=start.replace(hour=FORUM_HOURS[1]),
        timezone=str(zone),
    )
    agenda = [
        (0, 30, _("The needs of past seasons: %(theme)s") % {"theme": pattern.label}),
        (30, 90, _("Experts on %(theme)s") % {"theme": pattern.label}),
        (90, 180, _("One-to-one talks between experts and companies")),
    ]
    for begin, end, title in agenda:
        session_create(
            event=event,
            by=by,
            notify=False,
            title=title[:200],
            start=start + dt.timedelta(minutes=begin),
            end=start + dt.timedelta(minutes=end),
            speakers_text="、".join(pattern.experts)[:300] if begin == 30 else "",
        )
    forum = PlannedForum.objects.create(
        event=event,
        host=host,
        key=pattern.key,
        themes=[pattern.label],
        explanation=explanation,
        expert_names=pattern.experts,
        created_by=by,
    )
    forum.companies.set([pk for pk, _name in pattern.companies])
    return forum


def _event_link(event: Event) -> str:
    link = settings.SITE_URL + reverse("events:detail", args=[event.slug])
    if event.visibility == Event.Visibility.INVITE and event.invitation_code:
        link += f"?code={event.invitation_code}"
    return link


@transaction.atomic
def planned_forum_invite(*, forum: PlannedForum, by) -> int:
    """Email the members of the forum's companies not invited yet (see the module's
    docstring) and return how many companies were invited now.

    Preconditions: the caller checked `can_invite_to_planned_forum(by, forum)`. Raises
    ValidationError (not_published) while the event is not published.
    """
    event = Event.objects.select_for_update().get(pk=forum.event_id)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(
            _(
                "Publish the event first (invitation-only, if the invited companies should "
                "register before it is announced)."
            ),
            code="not_published",
        )
    invited = set(forum.invitations.values_list("company_id", flat=True))
    members = CompanyMembership.objects.filter(
        company__in=forum.companies.exclude(pk__in=invited), user__is_active=True
    ).select_related("company", "user")
    by_company: dict = {}
    for membership in members.order_by("company_id", "id"):
        by_company.setdefault(membership.company, []).append(membership.user)
    context = {
        "event": event.title,
        "theme": event.theme,
        "when": event.start.astimezone(event.tzinfo).strftime("%Y-%m-%d %H:%M"),
        "link": _event_link(event),
        "host": forum.host.name,
    }
    count = 0
    for company, users in by_company.items():
        try:
            with transaction.atomic():
                ForumInvitation.objects.create(
                    forum=forum, company=company, recipients=len(users), sent_by=by
                )
        except IntegrityError:
            continue
        mail_queue(
            to=[user.email for user in users if user.email],
            template="outcomes/email/forum_invitation",
            context={**context, "company": company.name},
        )
        count += 1
    return count
