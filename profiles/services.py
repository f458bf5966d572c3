from django.db import transaction

from profiles.models import Company, CompanyMembership, ExpertProfile, Need
from profiles.needs import need_assign, need_rate, need_transition, record_submission

__all__ = ["need_assign", "need_rate", "need_transition"]  # the needs desk lives in needs.py

EXPERT_EDITABLE = [
    "name",
    "title",
    "institution",
    "department",
    "fields_text",
    "research_summary",
    "availability",
    "email",
    "phone",
]
COMPANY_EDITABLE = ["name", "industry", "district", "description"]


@transaction.atomic
def expert_profile_save(*, user, data: dict) -> ExpertProfile:
    """Create or update the signed-in person's own expert profile from form data."""
    profile = ExpertProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = ExpertProfile(user=user, email=user.email)
    for field in EXPERT_EDITABLE:
        if field in data:
            setattr(profile, field, data[field])
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def company_save_for_member(*, user, company: Company | None, data: dict) -> Company:
    """Create a company with `user` as its administering member, or update one they belong to."""
    created = company is None
    if created:
        company = Company()
    for field in COMPANY_EDITABLE:
        if field in data:
            setattr(company, field, data[field])
    company.full_clean()
    company.save()
    if created:
        CompanyMembership.objects.create(company=company, user=user, is_admin=True)
    return company


@transaction.atomic
def need_create(
    *,
    company: Company,
    title: str,
    description: str = "",
    category: str = Need.Category.OTHER,
    urgency: str = Need.Urgency.NORMAL,
    created_by=None,
    host=None,
) -> Need:
    """Post a company's need; it starts as submitted, with that first step in its history.

    `host` makes a host's desk responsible from the start (e.g. an organizer posting for a
    company); otherwise the host whose staff first acknowledges it becomes responsible.
    """
    need = Need(
        company=company,
        title=title.strip(),
        description=description,
        category=category,
        urgency=urgency,
        created_by=created_by,
        host=host,
    )
    need.full_clean()
    need.save()
    record_submission(need=need, by=created_by)
    return need
