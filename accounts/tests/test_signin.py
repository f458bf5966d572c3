"""Signing in is rate-limited everywhere: the admin's login goes through allauth's, and behind
a reverse proxy each client is limited by its own address, not the proxy's."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory

TOO_MANY = ["Too many failed login attempts. Try again later."]
WRONG = "not-the-password"


def _login(client, login, password, **headers):
    return client.post(
        reverse("account_login"),
        {"login": login, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


@pytest.mark.django_db
def test_admin_login_redirects_to_the_site_login_keeping_next(client):
    response = client.get("/admin/login/", {"next": "/admin/events/event/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fevents%2Fevent%2F"


@pytest.mark.django_db
def test_admin_login_ignores_a_next_on_another_host(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_admin_login_post_logs_nobody_in(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_refuses_the_right_password_after_allauth_limit(client):
    UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    login_page = client.get("/admin/", follow=True)
    login_url = login_page.redirect_chain[-1][0]
    assert login_url == "/accounts/login/?next=%2Fadmin%2F"
    for _ in range(5):
        client.post(login_url, {"login": "root@example.com", "password": WRONG})
    response = client.post(
        login_url, {"login": "root@example.com", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == TOO_MANY
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.django_db
def test_admin_login_with_the_right_password_opens_the_admin(client):
    UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": "root@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_login_tells_a_signed_in_non_staff_person_they_may_not(client):
    client.force_login(UserFactory(name="Li Lei"))
    response = client.get("/admin/login/", {"next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You are signed in as Li Lei, and this account may not use the administration." in (
        response.content.decode()
    )


PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def _fail_from(client, address, count):
    for n in range(count):
        _login(client, f"nobody{n}@example.com", WRONG, HTTP_X_FORWARDED_FOR=address, **PROXY)


@pytest.mark.django_db
def test_behind_a_proxy_clients_are_limited_by_their_own_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="wang@example.com")
    _fail_from(client, "203.0.113.5", 10)
    blocked = _login(
        client, "wang@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **PROXY
    )
    allowed = _login(
        client, "wang@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6", **PROXY
    )
    assert blocked.context["form"].non_field_errors() == TOO_MANY
    assert allowed.status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_limit(client, settings):
    # The proxy appends the address it saw: the client's own value comes first and is ignored.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="wang@example.com")
    _fail_from(client, "198.51.100.1, 203.0.113.5", 10)
    response = _login(
        client,
        "wang@example.com",
        PASSWORD,
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5",
        **PROXY,
    )
    assert response.context["form"].non_field_errors() == TOO_MANY


@pytest.mark.django_db
def test_without_trusted_proxies_everyone_behind_the_proxy_shares_one_limit(client, settings):
    # What DJANGO_BEHIND_PROXY (DJANGO_TRUSTED_PROXY_COUNT) exists to prevent.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    UserFactory(email="wang@example.com")
    _fail_from(client, "203.0.113.5", 10)
    response = _login(
        client, "wang@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6", **PROXY
    )
    assert response.context["form"].non_field_errors() == TOO_MANY


@pytest.mark.django_db
def test_failed_logins_by_mobile_number_count_per_number(client):
    UserFactory(email="li@example.com", phone="+8613800138000", phone_verified=True)
    UserFactory(email="zhao@example.com", phone="+8613900139000", phone_verified=True)
    for typed in [
        "13800138000",
        "+86 138 0013 8000",
        "138-0013-8000",
        "+8613800138000",
        "13800138000",
    ]:
        _login(client, typed, WRONG)
    blocked = _login(client, "13800138000", PASSWORD)
    other = _login(client, "139 0013 9000", PASSWORD)
    assert blocked.context["form"].non_field_errors() == TOO_MANY
    assert other.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "selected"), [("zh-CN", "zh-hans"), ("en", "en")], ids=["chinese", "english"]
)
def test_language_switch_names_each_language_in_itself(client, accept, selected):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    options = re.findall(r'<option value="([^"]+)" lang="[^"]+"( selected)?>([^<]+)</option>', html)
    assert options == [
        ("zh-hans", " selected" if selected == "zh-hans" else "", "简体中文"),
        ("en", " selected" if selected == "en" else "", "English"),
    ]
