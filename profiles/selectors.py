from profiles.models import Company, ExpertProfile


def expert_profile_of(*, user) -> ExpertProfile | None:
    if not user.is_authenticated:
        return None
    return ExpertProfile.objects.filter(user=user).first()


def company_of(*, user) -> Company | None:
    """The company the person administers or belongs to (the first one, by name)."""
    if not user.is_authenticated:
        return None
    return Company.objects.filter(memberships__user=user).order_by("name").first()
