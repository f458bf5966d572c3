"""django-allauth's hooks: where people go after logging in, mobile numbers and their SMS codes,
and WeChat accounts.

Mobile numbers live on the user (accounts.models.User.phone, E.164); the codes allauth
generates are sent through core.sms, after the request's transaction commits.
"""

import contextlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.selectors import user_by_phone
from accounts.services import user_phone_set, user_phone_verify
from core.phones import PhoneNumberField, normalize_phone
from core.sms import sms_send

ALLAUTH_EMAIL_STAGE = "allauth.account.stages.EmailVerificationStage"


class AccountAdapter(DefaultAccountAdapter):
    """Sends people who have not finished onboarding there after they log in; stores mobile
    numbers on the user and texts them their codes."""

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.needs_onboarding:
            return reverse("accounts:onboarding")
        return super().get_login_redirect_url(request)

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def get_login_stages(self):
        # Accounts with a mobile number and no email address pass email verification by their
        # number (accounts/stages.py).
        return [
            "accounts.stages.EmailVerificationStage" if path == ALLAUTH_EMAIL_STAGE else path
            for path in super().get_login_stages()
        ]

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email or None  # no address: NULL, so that several may have none
        if commit:
            user.save()
        return user

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys failed logins by email or username only: every login by mobile number
        # would share one key, so five wrong passwords by anyone would lock them all out, and
        # "138 0013 8000" and "+8613800138000" would count apart. Key them by the number.
        phone = credentials.get("phone")
        if phone and not credentials.get("email") and not credentials.get("username"):
            with contextlib.suppress(ValidationError):
                phone = normalize_phone(phone)
            credentials = {"email": f"phone:{phone}"}
        return super()._get_login_attempts_cache_key(request, **credentials)

    # --- Mobile numbers ---------------------------------------------------------------------

    def phone_form_field(self, **kwargs):
        kwargs.pop("label", None)  # allauth's "Phone"; ours says "Mobile number"
        return PhoneNumberField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalize_phone(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        if user.pk is None:  # at sign-up, before the account is saved: saved with it
            user.phone, user.phone_verified = phone, False
            return
        user_phone_set(user=user, phone=phone, verified=verified)

    def get_phone(self, user) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        user_phone_verify(user=user, phone=phone)

    def get_user_by_phone(self, phone: str):
        return user_by_phone(phone=phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        sms_send(
            to=phone,
            template="verification_code",
            params={"code": code},
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """WeChat sign-ups: the person's WeChat nickname is a first guess at their name."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = user.email or None
        if not user.name and data.get("name"):
            user.name = data["name"][:150]
        return user
