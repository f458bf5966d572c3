"""Profiles' part of a person's data (registered in accounts.personal_data by ProfilesConfig).

Erasing deletes the person's expert profile (with its contact details) and their company
memberships. (Their needs are the needs app's part.)
"""

from profiles.models import CompanyMembership, ExpertProfile

MODELS = ["profiles.ExpertProfile", "profiles.CompanyMembership"]

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
    "wechat",
    "highest_degree",
    "keywords",
    "achievements",
    "cooperation_forms",
    "languages",
    "visibility",
    "claimed_at",
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
    }


def erase(user) -> dict:
    return {
        "expert_profile": ExpertProfile.objects.filter(user=user).delete()[0],
        "company_memberships": CompanyMembership.objects.filter(user=user).delete()[0],
    }
