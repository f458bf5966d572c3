"""Who may see and change profiles and needs."""

from profiles.models import Company


def can_edit_company(user, company: Company) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or company.memberships.filter(user=user).exists()
