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


def company_ids_of(user) -> frozenset[int]:
    """Ids of the companies `user` belongs to, remembered on the user object for the request."""
    if not user or not user.is_authenticated:
        return frozenset()
    ids = getattr(user, "_company_ids", None)
    if ids is None:
        from profiles.models import CompanyMembership

        ids = frozenset(
            CompanyMembership.objects.filter(user=user).values_list("company_id", flat=True)
        )
        user._company_ids = ids
    return ids
