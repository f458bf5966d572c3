from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import personal_data
from accounts.models import AccountDeletion, PrivacyConsent, User, UserRole


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


@transaction.atomic
def user_phone_set(*, user: User, phone: str, verified: bool) -> User:
    """Give `user` the mobile number `phone` (E.164; "" removes it), proved by an SMS code
    (`verified`) or not yet.

    A proved number belongs to one account: the latest proof wins, and every other account's
    claim on it, proved or not, is dropped. Sign-up and changing one's number refuse a number
    another account proved, so this only settles a person who signed up twice, or a number
    the carrier gave to someone new.
    """
    if verified and phone:
        others = User.objects.select_for_update().filter(phone=phone).exclude(pk=user.pk)
        others.update(phone="", phone_verified=False)
    user.phone = phone
    user.phone_verified = bool(phone) and verified
    user.save(update_fields=["phone", "phone_verified"])
    return user


def user_phone_verify(*, user: User, phone: str) -> User:
    """Record that `user` proved with an SMS code that `phone` is theirs (user_phone_set)."""
    return user_phone_set(user=user, phone=phone, verified=True)


PERSONAL_DATA_FORMAT = "yizhan-personal-data/1"


def user_data_export(*, user: User) -> dict:
    """Everything Yizhan holds about `user`, as one JSON-able dict (PIPL art. 45).

    The account's own data, then one key per app that registered a part in
    accounts.personal_data.
    """
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    data = {
        "format": PERSONAL_DATA_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "phone": user.phone,
            "phone_verified": user.phone_verified,
            "name": user.name,
            "role": user.role,
            "date_joined": user.date_joined,
            "onboarded_at": user.onboarded_at,
            "last_login": user.last_login,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "privacy_consents": list(
            user.privacy_consents.order_by("given_at").values("version", "context", "given_at")
        ),
        # Accounts elsewhere (WeChat) that log in to this one, and what they told us.
        "connected_accounts": list(
            SocialAccount.objects.filter(user=user)
            .order_by("date_joined")
            .values("provider", "uid", "date_joined", "last_login", "extra_data")
        ),
    }
    for part in personal_data.parts():
        data[part.label] = part.export(user)
    return data


@transaction.atomic
def user_delete(*, user: User) -> AccountDeletion:
    """Delete `user`'s account: each app erases its part, then the account is anonymised.

    The row stays (inactive, email `deleted-<id>@deleted.invalid`, no name, no password) so
    that history kept by other apps stays attributed to "deleted user"; the person can no
    longer log in and every session of theirs ends. Privacy consents stay as evidence.
    Raises ValidationError (already_deleted).
    """
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        raise ValidationError(_("This account is already deleted."), code="already_deleted")
    erased = {part.label: part.erase(user) for part in personal_data.parts()}
    erased["email_addresses"] = EmailAddress.objects.filter(user=user).delete()[0]
    erased["connected_accounts"] = SocialAccount.objects.filter(user=user).delete()[0]
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.phone = ""
    user.phone_verified = False
    user.name = ""
    user.role = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return AccountDeletion.objects.create(user=user, deleted_at=user.deleted_at, erased=erased)
