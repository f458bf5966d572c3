from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from accounts.models import User
from core.phones import normalize_phone


def user_by_phone(*, phone: str) -> User | None:
    """The active account that proved it owns `phone` (any form people type; None if the
    number is not valid or nobody verified it). Unverified claims never log anyone in."""
    try:
        phone = normalize_phone(phone)
    except ValidationError:
        return None
    return User.objects.filter(phone=phone, phone_verified=True, is_active=True).first()


def has_verified_email(user, email: str) -> bool:
    """`user` has proved they own `email` (one of their verified addresses; case ignored).
    Links bound to an address (staff invitations, profile claims) ask this."""
    if not user or not user.is_authenticated or not email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
