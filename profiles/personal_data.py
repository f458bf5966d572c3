"""Profiles' part of a person's data (registered in accounts.personal_data by ProfilesConfig).

Erasing deletes the person's expert profile (with its contact details) and their company
memberships, and takes them off the open needs assigned to them; the needs they posted, the
steps they took and the ratings they gave stay in the needs' history as "deleted user".
"""

from profiles.models import CompanyMembership, ExpertProfile, Need, NeedRating, NeedTransition

EXPERT_FIELDS = [
    "name",
    "title",
    "institution",
    "department",
    "fields_text",
    "research_summary",
    "availability",
    "email",
    "phone",
    "created_at",
    "updated_at",
]


def export(user) -> dict:
    profile = ExpertProfile.objects.filter(user=user).values(*EXPERT_FIELDS).first()
    return {
        "expert_profile": profile,
        "company_memberships": list(
            CompanyMembership.objects.filter(user=user)
            .order_by("joined_at")
            .values("company__name", "is_admin", "joined_at")
        ),
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
    unassigned = Need.objects.filter(
        assignee=user, status__in=["submitted", "acknowledged", "in_progress"]
    ).update(assignee=None, response_deadline=None)
    return {
        "expert_profile": ExpertProfile.objects.filter(user=user).delete()[0],
        "company_memberships": CompanyMembership.objects.filter(user=user).delete()[0],
        "needs_unassigned": unassigned,
    }
