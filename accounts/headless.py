"""allauth's headless sign-up, by email address or by mobile number.

allauth is configured with a required email (ACCOUNT_SIGNUP_FIELDS, for its mandatory email
verification); like the sign-up page (accounts/allauth_forms.py), a headless sign-up that gives
a mobile number and no email address may leave the email out. The number is then verified by
SMS (the pending `verify_phone` flow, `POST …/auth/phone/verify`).
"""

from allauth.headless.account import views as headless_views
from allauth.headless.constants import Client
from django.urls import path


class SignupView(headless_views.SignupView):
    def get_input_kwargs(self) -> dict:
        data = self.data or {}
        by_phone_only = bool(data.get("phone")) and not data.get("email")
        return {**super().get_input_kwargs(), "email_required": not by_phone_only}


urlpatterns = [
    path(
        f"{client.value}/v1/auth/signup",
        SignupView.as_api_view(client=client),
        name=f"headless_{client.value}_signup",
    )
    for client in (Client.BROWSER, Client.APP)
]
