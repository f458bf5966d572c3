"""The surveys, opened from the signed link in an email or a text message: no login needed,
one screen, answerable on a phone in under a minute."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from outcomes import permissions as perms
from outcomes.forms import FeedbackForm, FollowUpForm
from outcomes.services.answers import (
    feedback_answer,
    feedback_meetings,
    feedback_sessions,
    followup_answer,
)


def feedback_view(request, token: str):
    survey = perms.access_feedback(token)
    if survey.answered_at is not None:
        return render(request, "outcomes/survey_done.html", {"survey": survey, "kind": "feedback"})
    form = FeedbackForm(
        request.POST or None,
        sessions=feedback_sessions(survey),
        meetings=feedback_meetings(survey),
    )
    if request.method == "POST" and form.is_valid():
        try:
            feedback_answer(request=survey, **form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("outcomes:feedback", token=token)
    context = {"survey": survey, "form": form, "event": survey.event, "now": timezone.now()}
    return render(request, "outcomes/feedback.html", context, status=400 if form.errors else 200)


def followup_view(request, token: str):
    followup = perms.access_followup(token)
    if followup.answered_at is not None:
        return render(
            request, "outcomes/survey_done.html", {"survey": followup, "kind": "followup"}
        )
    can_resolve = perms.can_mark_need_resolved(followup)
    form = FollowUpForm(request.POST or None, can_resolve=can_resolve)
    if request.method == "POST" and form.is_valid():
        try:
            followup_answer(
                followup=followup,
                outcome=form.cleaned_data["outcome"],
                comment=form.cleaned_data["comment"],
                mark_resolved=can_resolve and form.cleaned_data.get("mark_resolved", False),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("outcomes:followup", token=token)
    context = {"followup": followup, "form": form}
    return render(request, "outcomes/followup.html", context, status=400 if form.errors else 200)
