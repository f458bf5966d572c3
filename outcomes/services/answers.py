"""Answers to the surveys: an attendee's feedback, and the six-month follow-up.

Each survey is answered once; its link then shows the answer. A follow-up answer about a need
lands on the need's history (`needs.services.need_note`), and a company may report its need
resolved there: the need then moves to "resolved" through the desk's own steps
(`needs.services.need_transition`), by that person, so the history says who and why. Being the
company's, these steps are no response of the desk (`responded_at` is left alone).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Session
from meetings.models import Meeting
from needs.models import Need
from needs.services import need_note, need_transition
from outcomes.models import FeedbackRequest, FollowUp, MeetingFeedback, SessionRating

S = Need.Status
STEPS_TO_RESOLVED = {
    S.SUBMITTED: (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED),
    S.ACKNOWLEDGED: (S.IN_PROGRESS, S.RESOLVED),
    S.IN_PROGRESS: (S.RESOLVED,),
}


def _score(value, *, code: str = "invalid_rating") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(_("Give a rating from 1 to 5."), code=code)
    return value


def feedback_sessions(request: FeedbackRequest) -> list[Session]:
    """The sessions of the event the attendee is asked to rate, in agenda order."""
    return list(request.event.sessions.order_by("start", "id"))


def feedback_meetings(request: FeedbackRequest) -> list[Meeting]:
    """The meetings the attendee had at the event (not cancelled), in time order."""
    return list(
        Meeting.objects.filter(event=request.event, status=Meeting.Status.SCHEDULED)
        .filter(Q(expert=request.user) | Q(company_member=request.user))
        .select_related("slot", "table", "expert", "company_member", "need__company")
        .order_by("slot__start", "id")
    )


@transaction.atomic
def feedback_answer(
    *,
    request: FeedbackRequest,
    rating: int,
    comment: str = "",
    sessions: dict[int, int] | None = None,
    meetings: dict[int, dict] | None = None,
) -> FeedbackRequest:
    """Store an attendee's feedback: the event's rating (1–5) and comment, a rating per
    session (`sessions`: session id → 1–5; sessions left out are not rated), and per meeting
    (`meetings`: meeting id → {"held": bool, "useful": bool | None, "comment": str}).

    Raises ValidationError (already_answered, invalid_rating, unknown_session,
    unknown_meeting) and stores nothing when any part is wrong.
    """
    request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is not None:
        raise ValidationError(_("This survey has already been answered."), code="already_answered")
    rating = _score(rating)
    own_sessions = {s.pk for s in feedback_sessions(request)}
    own_meetings = {m.pk for m in feedback_meetings(request)}
    sessions, meetings = sessions or {}, meetings or {}
    if set(sessions) - own_sessions:
        raise ValidationError(_("That session is not part of this event."), code="unknown_session")
    if set(meetings) - own_meetings:
        raise ValidationError(_("That meeting is not one of yours."), code="unknown_meeting")
    SessionRating.objects.bulk_create(
        SessionRating(request=request, session_id=pk, rating=_score(value))
        for pk, value in sorted(sessions.items())
    )
    MeetingFeedback.objects.bulk_create(
        MeetingFeedback(
            request=request,
            meeting_id=pk,
            held=bool(answer.get("held")),
            useful=answer.get("useful") if answer.get("held") else None,
            comment=(answer.get("comment") or "").strip()[:500],
        )
        for pk, answer in sorted(meetings.items())
    )
    request.rating = rating
    request.comment = (comment or "").strip()[:2000]
    request.answered_at = timezone.now()
    request.save(update_fields=["rating", "comment", "answered_at"])
    return request


def _history_text(followup: FollowUp, comment: str) -> str:
    # The need's history is read by the desk: written in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Six-month follow-up (%(side)s, with %(counterpart)s): %(outcome)s.") % {
            "side": FollowUp.Side(followup.side).label,
            "counterpart": followup.counterpart or "—",
            "outcome": FollowUp.Outcome(followup.outcome).label,
        }
    return f"{text}\n{comment}" if comment else text


@transaction.atomic
def followup_answer(
    *, followup: FollowUp, outcome: str, comment: str = "", mark_resolved: bool = False
) -> FollowUp:
    """Store what came of an introduction or meeting, on the b2match scale, and note it on the
    need's history. With `mark_resolved`, the need also moves to "resolved" (see the module's
    docstring). Preconditions: for `mark_resolved`, the caller checked
    `outcomes.permissions.can_mark_need_resolved(followup)`.

    Raises ValidationError (already_answered, invalid_outcome) and stores nothing then.
    """
    followup = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("need", "user")
        .get(pk=followup.pk)
    )
    if followup.answered_at is not None:
        raise ValidationError(_("This survey has already been answered."), code="already_answered")
    if outcome not in FollowUp.Outcome.values:
        raise ValidationError(_("Choose what came of it."), code="invalid_outcome")
    followup.outcome = outcome
    followup.comment = (comment or "").strip()[:2000]
    followup.answered_at = timezone.now()
    need = followup.need
    if need is not None:
        need_note(need=need, by=followup.user, comment=_history_text(followup, followup.comment))
        if mark_resolved:
            need = Need.objects.get(pk=need.pk)
            with translation.override(settings.LANGUAGE_CODE):
                reason = _("Reported resolved by the company in the six-month follow-up.")
            for step in STEPS_TO_RESOLVED.get(need.status, ()):
                need = need_transition(need=need, to=step, by=followup.user, comment=reason)
            followup.need_resolved = need.status == S.RESOLVED
    followup.save(update_fields=["outcome", "comment", "answered_at", "need_resolved"])
    return followup
