"""Outcomes' part of a person's data (registered in accounts.personal_data by OutcomesConfig).

Erasing blanks the person's free-text comments in their feedback and follow-up answers; the
ratings and outcomes stay (as "deleted user"), so that the figures of past forums do not change.
"""

from outcomes.models import FeedbackRequest, FollowUp, MeetingFeedback

MODELS = ["outcomes.FeedbackRequest", "outcomes.FollowUp"]


def export(user) -> dict:
    return {
        "feedback": list(
            FeedbackRequest.objects.filter(user=user)
            .order_by("sent_at", "id")
            .values("event__slug", "event__title", "sent_at", "answered_at", "rating", "comment")
        ),
        "meeting_feedback": list(
            MeetingFeedback.objects.filter(request__user=user)
            .order_by("id")
            .values("meeting_id", "held", "useful", "comment")
        ),
        "follow_ups": list(
            FollowUp.objects.filter(user=user)
            .order_by("sent_at", "id")
            .values(
                "side",
                "counterpart",
                "need__title",
                "sent_at",
                "answered_at",
                "outcome",
                "comment",
                "need_resolved",
            )
        ),
    }


def erase(user) -> dict:
    feedback = FeedbackRequest.objects.filter(user=user).exclude(comment="").update(comment="")
    meetings = (
        MeetingFeedback.objects.filter(request__user=user).exclude(comment="").update(comment="")
    )
    follow_ups = FollowUp.objects.filter(user=user).exclude(comment="").update(comment="")
    return {"outcome_comments_blanked": feedback + meetings + follow_ups}
