"""Who may do what with accounts. Other apps' predicates build on these."""


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def can_view_account(user, account) -> bool:
    """A person sees their own account; superusers see all."""
    return is_signed_in(user) and (user.pk == account.pk or user.is_superuser)
