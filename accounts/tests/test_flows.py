"""Sign-up → verification → login → onboarding, on the pages and through the headless API."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import PrivacyConsent, User, UserRole
from accounts.tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def _signup(client, **extra):
    data = {"email": "zhang@example.com", "password1": NEW_PASSWORD, **extra}
    return client.post(reverse("account_signup"), data, HTTP_ACCEPT_LANGUAGE="en")


def _confirmation_link(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


@pytest.mark.django_db
def test_signup_page_asks_only_email_password_and_consent(client):
    response = client.get(reverse("account_signup"))
    form = response.context["form"]
    assert list(form.fields) == ["by", "email", "password1", "privacy_consent"]
    assert (form.fields["email"].required, form.fields["privacy_consent"].required) == (True, True)


@pytest.mark.django_db
def test_signup_page_by_phone_asks_the_number_instead_of_the_email(client):
    response = client.get(reverse("account_signup"), {"by": "phone"})
    form = response.context["form"]
    assert list(form.fields) == ["by", "phone", "password1", "privacy_consent"]
    assert form.fields["phone"].required is True


@pytest.mark.django_db
def test_signup_without_consent_is_refused(client):
    response = _signup(client)
    assert response.status_code == 200
    assert response.context["form"].errors["privacy_consent"] == [
        "You need to agree to the privacy notice to sign up."
    ]
    assert not User.objects.filter(email="zhang@example.com").exists()


@pytest.mark.django_db
def test_signup_records_consent_and_sends_verification(client, mailoutbox, settings):
    response = _signup(client, privacy_consent="on")
    user = User.objects.get(email="zhang@example.com")
    consent = PrivacyConsent.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:onboarding")
    assert (consent.version, consent.context) == (settings.PRIVACY_NOTICE_VERSION, "signup")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["zhang@example.com"]


@pytest.mark.django_db
def test_verification_link_verifies_the_address(client, mailoutbox):
    _signup(client, privacy_consent="on")
    link = _confirmation_link(mailoutbox[0])
    client.post(link)
    assert EmailAddress.objects.get(email="zhang@example.com").verified is True


@pytest.mark.django_db
def test_login_before_onboarding_goes_to_onboarding(client):
    UserFactory(email="li@example.com", onboarded_at=None)
    response = client.post(
        reverse("account_login"), {"login": "li@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:onboarding")


@pytest.mark.django_db
def test_login_after_onboarding_goes_home(client):
    UserFactory(email="li@example.com")
    response = client.post(
        reverse("account_login"), {"login": "li@example.com", "password": PASSWORD}
    )
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_mandatory_verification_blocks_login_until_verified(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    UserFactory(email="wang@example.com", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "wang@example.com", "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "next_url"),
    [
        (UserRole.EXPERT, "profiles:expert_edit"),
        (UserRole.ENTERPRISE, "profiles:company_edit"),
        (UserRole.ORGANIZER, "hosts:apply"),
        (UserRole.GUEST, "home"),
    ],
)
def test_onboarding_records_role_and_leads_to_that_profile(client, role, next_url):
    user = UserFactory(onboarded_at=None, name="")
    client.force_login(user)
    response = client.post(reverse("accounts:onboarding"), {"name": "张三", "role": role})
    user.refresh_from_db()
    assert response["Location"] == reverse(next_url)
    assert (user.role, user.name, user.needs_onboarding) == (role, "张三", False)


@pytest.mark.django_db
def test_onboarding_refuses_an_unknown_role(client):
    user = UserFactory(onboarded_at=None)
    client.force_login(user)
    response = client.post(
        reverse("accounts:onboarding"), {"name": "张三", "role": "pilot"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    user.refresh_from_db()
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert user.needs_onboarding is True


@pytest.mark.django_db
def test_full_journey_signup_verify_login_onboard(client, mailoutbox):
    _signup(client, privacy_consent="on")
    client.post(_confirmation_link(mailoutbox[0]))
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "zhang@example.com", "password": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:onboarding")
    response = client.post(
        reverse("accounts:onboarding"), {"name": "张三", "role": UserRole.EXPERT}
    )
    assert response["Location"] == reverse("profiles:expert_edit")
    response = client.post(
        reverse("profiles:expert_edit"),
        {
            "name": "张三",
            "title": "教授",
            "institution": "山东大学",
            "email": "zhang@example.com",
            "max_active_engagements": 3,
            "visibility": "public",
        },
    )
    user = User.objects.get(email="zhang@example.com")
    assert response.status_code == 302
    assert user.expert_profile.institution == "山东大学"


# --- headless API -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_headless_signup_requires_privacy_consent(client):
    response = client.post(
        "/_allauth/app/v1/auth/signup",
        {"email": "api@example.com", "password": NEW_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["param"] for e in response.json()["errors"]] == ["privacy_consent"]
    assert not User.objects.filter(email="api@example.com").exists()


@pytest.mark.django_db
def test_headless_signup_with_consent_gives_a_token_that_the_api_accepts(client):
    response = client.post(
        "/_allauth/app/v1/auth/signup",
        {"email": "api@example.com", "password": NEW_PASSWORD, "privacy_consent": True},
        content_type="application/json",
    )
    token = response.json()["meta"]["session_token"]
    user = User.objects.get(email="api@example.com")
    assert response.status_code == 200
    assert PrivacyConsent.objects.filter(user=user, context="signup").count() == 1

    me = client.get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert me.status_code == 200
    assert me.json()["email"] == "api@example.com"
    assert me.json()["needs_onboarding"] is True


@pytest.mark.django_db
def test_api_refuses_an_unknown_session_token(client):
    response = client.get("/api/v1/me/", HTTP_X_SESSION_TOKEN="not-a-token")
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_login_rate_limit_is_on(client):
    UserFactory(email="li@example.com")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "li@example.com", "password": "wrong"})
    response = client.post(
        reverse("account_login"),
        {"login": "li@example.com", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
