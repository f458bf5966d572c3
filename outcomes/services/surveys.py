"""Asking people what came of a forum: feedback after an event, and the six-month follow-up.

`outcome_surveys_send` is the timed job (`python manage.py send_outcome_surveys`). Whom it asks:

- feedback: each attendee of an event that ended within the last
  OUTCOME_FEEDBACK_WINDOW_DAYS — people checked in, or, for an event that checked nobody in,
  everyone confirmed;
- follow-up: both sides of an introduction accepted OUTCOME_FOLLOWUP_DAYS ago (the company
  member who accepted it, or who posted the need, and the expert's account), and both people of
  a meeting held that long ago — unless the meeting's pair already has an accepted
  introduction for the same need, which is the same thing asked once. Pairs up to
  OUTCOME_FOLLOWUP_WINDOW_DAYS older are still asked, so a missed run loses nobody; experts
  without an account cannot be asked.

Each question is a row (FeedbackRequest, FollowUp) that database constraints keep unique, made
before anything is sent: a second run, or two at once, asks nobody twice. A person is asked
by email when they have an address and by SMS when they have a number; one with neither is
recorded and counted as skipped. Messages go out after the row's transaction commits.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from core.mail import mail_queue
from core.sms import sms_send
from events.models import Event, Registration
from matching.models import Introduction
from meetings.models import Meeting
from outcomes.models import FeedbackRequest, FollowUp
from outcomes.permissions import survey_token
from outcomes.selectors.figures import held_meeting


def _link(name: str, obj) -> str:
    return settings.SITE_URL + reverse(name, args=[survey_token(obj)])


def _send(*, user, template: str, sms_template: str, context: dict, language: str = "") -> str:
    """Email and/or text `user`; returns the channels used ("email", "sms", "email,sms", "")."""
    channels = []
    if user.email:
        mail_queue(to=user.email, template=template, context=context, language=language)
        channels.append("email")
    if user.phone and user.phone.startswith("+"):
        sms_send(
            to=user.phone,
            template=sms_template,
            params={key: context[key] for key in ("subject", "link")},
            language=language,
        )
        channels.append("sms")
    return ",".join(channels)


def _attendees(event: Event) -> list[Registration]:
    confirmed = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED, user__is_active=True)
        .select_related("user")
        .order_by("id")
    )
    return [r for r in confirmed if r.checked_in_at] or confirmed


def _ask_feedback(event: Event, registration: Registration, summary: dict) -> None:
    try:
        with transaction.atomic():
            request = FeedbackRequest.objects.create(event=event, user=registration.user)
            context = {
                "subject": event.title,
                "event": event.title,
                "name": registration.user.display_name,
                "link": _link("outcomes:feedback", request),
            }
            request.channels = _send(
                user=registration.user,
                template="outcomes/email/feedback",
                sms_template="outcome_feedback",
                context=context,
                language=registration.language,
            )
            request.save(update_fields=["channels"])
    except IntegrityError:
        return  # asked meanwhile by another run
    summary["feedback_sent" if request.channels else "skipped"] += 1


def feedback_send(*, now: dt.datetime, summary: dict) -> None:
    window = dt.timedelta(days=settings.OUTCOME_FEEDBACK_WINDOW_DAYS)
    events = Event.objects.filter(
        status__in=(Event.Status.PUBLISHED, Event.Status.FINISHED),
        end__lte=now,
        end__gt=now - window,
    ).order_by("end", "id")
    for event in events:
        asked = set(FeedbackRequest.objects.filter(event=event).values_list("user_id", flat=True))
        for registration in _attendees(event):
            if registration.user_id not in asked:
                _ask_feedback(event, registration, summary)


def _ask_followup(*, user, side: str, subject: dict, counterpart: str, summary: dict) -> None:
    if user is None or not user.is_active:
        return
    try:
        with transaction.atomic():
            followup = FollowUp.objects.create(
                user=user, side=side, counterpart=counterpart[:300], **subject
            )
            context = {
                "subject": counterpart,
                "counterpart": counterpart,
                "name": user.display_name,
                "need": followup.need.title if followup.need_id else "",
                "link": _link("outcomes:followup", followup),
            }
            followup.channels = _send(
                user=user,
                template="outcomes/email/followup",
                sms_template="outcome_followup",
                context=context,
            )
            followup.save(update_fields=["channels"])
    except IntegrityError:
        return
    summary["followups_sent" if followup.channels else "skipped"] += 1


def followups_send(*, now: dt.datetime, summary: dict) -> None:
    due = now - dt.timedelta(days=settings.OUTCOME_FOLLOWUP_DAYS)
    oldest = due - dt.timedelta(days=settings.OUTCOME_FOLLOWUP_WINDOW_DAYS)
    asked = set(
        FollowUp.objects.filter(sent_at__gte=oldest - dt.timedelta(days=1)).values_list(
            "user_id", "introduction_id", "meeting_id"
        )
    )
    introductions = (
        Introduction.objects.filter(
            status=Introduction.Status.ACCEPTED, decided_at__lte=due, decided_at__gt=oldest
        )
        .select_related("need__company", "need__created_by", "expert__user", "company_accepted_by")
        .order_by("decided_at", "id")
    )
    for intro in introductions:
        subject = {"introduction": intro, "need": intro.need, "host_id": intro.need.host_id}
        subject["host_id"] = subject["host_id"] or intro.host_id
        company_person = intro.company_accepted_by or intro.need.created_by
        expert_person = intro.expert.user
        for user, side, counterpart in (
            (company_person, FollowUp.Side.COMPANY, intro.expert.name),
            (expert_person, FollowUp.Side.EXPERT, intro.need.company.name),
        ):
            if user is not None and (user.pk, intro.pk, None) not in asked:
                _ask_followup(
                    user=user, side=side, subject=subject, counterpart=counterpart, summary=summary
                )
    same_pair = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED,
        need=OuterRef("need"),
        expert__user=OuterRef("expert"),
    )
    meetings = (
        Meeting.objects.filter(held_meeting(now), slot__end__lte=due, slot__end__gt=oldest)
        .exclude(Exists(same_pair))
        .select_related("event", "need__company", "expert", "company_member", "slot")
        .order_by("slot__end", "id")
    )
    for meeting in meetings:
        subject = {"meeting": meeting, "need": meeting.need, "host_id": meeting.event.host_id}
        company = meeting.need.company.name if meeting.need_id else ""
        for user, side, counterpart in (
            (meeting.company_member, FollowUp.Side.COMPANY, meeting.expert.display_name),
            (meeting.expert, FollowUp.Side.EXPERT, company or meeting.company_member.display_name),
        ):
            if (user.pk, None, meeting.pk) not in asked:
                _ask_followup(
                    user=user, side=side, subject=subject, counterpart=counterpart, summary=summary
                )


def outcome_surveys_send(*, now: dt.datetime | None = None) -> dict:
    """Ask everyone who is due (see the module's docstring) and return
    {"feedback_sent", "followups_sent", "skipped"}: people asked, and people due whom no
    message could reach."""
    now = now or timezone.now()
    summary = {"feedback_sent": 0, "followups_sent": 0, "skipped": 0}
    feedback_send(now=now, summary=summary)
    followups_send(now=now, summary=summary)
    return summary
