from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Sends people who have not finished onboarding there after they log in."""

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.needs_onboarding:
            return reverse("accounts:onboarding")
        return super().get_login_redirect_url(request)

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)
