"""Needs' part of a person's data (registered in accounts.personal_data by NeedsConfig).

Erasing takes the person off the open needs assigned to them; the needs they posted, the steps
they took and the ratings they gave stay in the needs' history as "deleted user".
"""

from needs.models import Need, NeedRating, NeedTransition

MODELS = ["needs.Need", "needs.NeedTransition", "needs.NeedRating"]


def export(user) -> dict:
    return {
        "needs_created": list(
            Need.objects.filter(created_by=user)
            .order_by("created_at")
            .values("id", "company__name", "title", "description", "status", "created_at")
        ),
        "need_transitions": list(
            NeedTransition.objects.filter(by=user)
            .order_by("at", "id")
            .values("need_id", "need__title", "from_status", "to_status", "at", "comment")
        ),
        "need_ratings": list(
            NeedRating.objects.filter(by=user).values(
                "need_id", "need__title", "score", "comment", "at"
            )
        ),
        "needs_assigned": list(
            Need.objects.filter(assignee=user).order_by("id").values("id", "title", "status")
        ),
    }


def erase(user) -> dict:
    unassigned = Need.objects.filter(assignee=user, status__in=Need.OPEN_STATUSES).update(
        assignee=None, response_deadline=None
    )
    return {"needs_unassigned": unassigned}
