from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PrivacyConsent, User, UserRole


def privacy_consent_record(*, user: User, context: str) -> PrivacyConsent:
    """Store that `user` consents now to the current privacy notice version."""
    return PrivacyConsent.objects.create(
        user=user, version=settings.PRIVACY_NOTICE_VERSION, context=context
    )


@transaction.atomic
def user_onboard(*, user: User, role: str, name: str) -> User:
    """Record who the person is (expert, company member, guest, organizer) and their name.

    May be repeated: a person can change their answer; the first completion time is kept.
    """
    if role not in UserRole.values:
        raise ValidationError(_("Choose who you are."), code="invalid_role")
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Please tell us your name."), code="name_required")
    user.role = role
    user.name = name
    if user.onboarded_at is None:
        user.onboarded_at = timezone.now()
    user.save(update_fields=["role", "name", "onboarded_at"])
    return user
