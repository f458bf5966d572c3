"""Mobile numbers: sign-up with an SMS code, login by number and password or by SMS code, on the
pages and through allauth's headless API; the texts land in the in-memory outbox."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import PrivacyConsent, User
from accounts.tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"
NUMBER = "+8613800138000"
INVALID_PHONE = "Enter a valid mobile number, e.g. 138 0013 8000 or +852 6123 4567."


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """`client.post`, with the work queued for after the commit (the texts) done at once, as
    outside a test's transaction."""

    def send(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return send


def _signup_by_phone(post, phone="138 0013 8000", **extra):
    data = {"by": "phone", "phone": phone, "password1": NEW_PASSWORD, "privacy_consent": "on"}
    return post(reverse("account_signup"), {**data, **extra}, HTTP_ACCEPT_LANGUAGE="en")


def _last_code(sms_outbox, to=NUMBER) -> str:
    assert sms_outbox, "no text was sent"
    assert sms_outbox[-1].to == to
    return sms_outbox[-1].params["code"]


@pytest.fixture
def phone_user(db):
    return UserFactory(email="li@example.com", phone=NUMBER, phone_verified=True)


# --- Sign-up -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_by_phone_texts_a_code_and_keeps_the_number_unverified(client, post, sms_outbox):
    response = _signup_by_phone(post)
    user = User.objects.get(phone=NUMBER)
    assert response["Location"] == reverse("account_verify_phone")
    assert (user.email, user.phone_verified) == (None, False)
    assert [(m.to, m.template) for m in sms_outbox] == [(NUMBER, "verification_code")]
    assert len(sms_outbox[0].params["code"]) == 6
    assert sms_outbox[0].params["code"].isdigit()
    assert PrivacyConsent.objects.filter(user=user, context="signup").count() == 1
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_by_phone_logs_in_once_the_code_is_right(client, post, sms_outbox):
    _signup_by_phone(post)
    response = post(reverse("account_verify_phone"), {"code": _last_code(sms_outbox)})
    user = User.objects.get(phone=NUMBER)
    assert response["Location"] == reverse("accounts:onboarding")
    assert user.phone_verified is True
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signup_by_phone_refuses_a_wrong_code(client, post, sms_outbox):
    _signup_by_phone(post)
    code = _last_code(sms_outbox)
    wrong = "000000" if code != "000000" else "111111"
    response = post(reverse("account_verify_phone"), {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["verify_form"].errors == {"code": ["Incorrect code."]}
    assert User.objects.get(phone=NUMBER).phone_verified is False
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_by_phone_with_mandatory_email_verification_needs_no_email(
    client, post, sms_outbox, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    _signup_by_phone(post)
    response = post(reverse("account_verify_phone"), {"code": _last_code(sms_outbox)})
    assert response["Location"] == reverse("accounts:onboarding")
    assert client.session["_auth_user_id"] == str(User.objects.get(phone=NUMBER).pk)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["12345", "1380013800", "+86 21 6123 4567", "abc", "1" * 40])
def test_signup_by_phone_refuses_what_is_not_a_mobile_number(client, post, typed):
    response = _signup_by_phone(post, phone=typed)
    errors = response.context["form"].errors["phone"]
    assert errors == (
        [INVALID_PHONE]
        if len(typed) <= 32
        else ["Ensure this value has at most 32 characters (it has 40)."]
    )
    assert User.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800138000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("+852 6123 4567", "+85261234567"),
    ],
)
def test_signup_by_phone_stores_the_number_in_e164(client, post, typed, stored):
    _signup_by_phone(post, phone=typed)
    assert list(User.objects.values_list("phone", flat=True)) == [stored]


@pytest.mark.django_db
def test_signup_with_a_number_someone_proved_creates_nothing_and_texts_nothing(
    client, post, sms_outbox, phone_user
):
    response = _signup_by_phone(post)
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert sms_outbox == []


@pytest.mark.django_db
def test_signup_without_email_or_number_is_refused(client, post):
    response = post(
        reverse("account_signup"),
        {"by": "phone", "password1": NEW_PASSWORD, "privacy_consent": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["form"].errors == {"phone": ["This field is required."]}


@pytest.mark.django_db
def test_a_second_signup_with_the_number_within_a_minute_is_told_to_wait(client, post, sms_outbox):
    _signup_by_phone(post)
    client.cookies.clear()
    response = _signup_by_phone(post)
    assert response.status_code == 429
    assert len(sms_outbox) == 1


@pytest.mark.django_db
def test_a_second_signup_proving_the_number_takes_it_from_the_first(
    client, post, sms_outbox, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "verify_phone": "5/m/key"}
    _signup_by_phone(post)  # left half-way
    first = User.objects.get(phone=NUMBER)
    client.cookies.clear()
    _signup_by_phone(post)
    post(reverse("account_verify_phone"), {"code": _last_code(sms_outbox)})
    second = User.objects.exclude(pk=first.pk).get()
    first.refresh_from_db()
    assert (second.phone, second.phone_verified) == (NUMBER, True)
    assert (first.phone, first.phone_verified) == ("", False)


@pytest.mark.django_db
def test_email_signup_still_works_beside_phone(client, post, mailoutbox, sms_outbox):
    response = post(
        reverse("account_signup"),
        {"email": "zhang@example.com", "password1": NEW_PASSWORD, "privacy_consent": "on"},
    )
    user = User.objects.get(email="zhang@example.com")
    assert response["Location"] == reverse("accounts:onboarding")
    assert (user.phone, len(mailoutbox), sms_outbox) == ("", 1, [])


# --- Login ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["13800138000", "+86 138 0013 8000", "+8613800138000"])
def test_login_with_mobile_number_and_password(client, post, phone_user, typed):
    response = post(reverse("account_login"), {"login": typed, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(phone_user.pk)


@pytest.mark.django_db
def test_login_with_an_unproved_number_is_refused(client, post):
    UserFactory(phone=NUMBER, phone_verified=False)
    response = post(
        reverse("account_login"),
        {"login": "13800138000", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["form"].non_field_errors() == [
        "The phone number and/or password you specified are not correct."
    ]


def _request_code(post, phone="138 0013 8000", **headers):
    return post(
        reverse("account_request_login_code"),
        {"by": "phone", "phone": phone},
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


@pytest.mark.django_db
def test_login_by_sms_code(client, post, phone_user, sms_outbox):
    response = _request_code(post)
    assert response["Location"] == reverse("account_confirm_login_code")
    response = post(reverse("account_confirm_login_code"), {"code": _last_code(sms_outbox)})
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(phone_user.pk)


@pytest.mark.django_db
def test_login_code_for_an_unknown_number_texts_nothing_and_reveals_nothing(
    client, post, sms_outbox
):
    response = _request_code(post)
    assert response["Location"] == reverse("account_confirm_login_code")
    assert sms_outbox == []


@pytest.mark.django_db
def test_login_code_page_by_phone_asks_only_the_number(client, post):
    response = client.get(reverse("account_request_login_code"), {"by": "phone"})
    assert list(response.context["form"].fields) == ["phone", "by"]


@pytest.mark.django_db
def test_login_codes_are_limited_per_number(client, post, phone_user, sms_outbox):
    for _ in range(3):
        client.cookies.clear()
        _request_code(post)
    client.cookies.clear()
    response = _request_code(post, phone="+86 138 0013 8000")
    assert response.context["form"].errors == {
        "phone": ["Too many failed login attempts. Try again later."]
    }
    assert len(sms_outbox) == 3


@pytest.mark.django_db
def test_login_codes_are_limited_per_address(client, post, settings, sms_outbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "request_login_code": "2/h/ip"}
    for n in range(2):
        UserFactory(phone=f"+861380013800{n}", phone_verified=True)
        client.cookies.clear()
        _request_code(post, phone=f"1380013800{n}")
    UserFactory(phone="+8613800138009", phone_verified=True)
    client.cookies.clear()
    response = _request_code(post, phone="13800138009")
    assert response.context["form"].errors == {
        "phone": ["Too many failed login attempts. Try again later."]
    }
    assert [m.to for m in sms_outbox] == ["+8613800138000", "+8613800138001"]


@pytest.mark.django_db
def test_verification_texts_are_limited_per_number(client, post, sms_outbox):
    _signup_by_phone(post)
    response = post(
        reverse("account_verify_phone"), {"action": "resend"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Location"] == reverse("account_verify_phone")
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "Be patient, you are sending too many requests."
    )
    assert len(sms_outbox) == 1


# --- The account page, export and deletion -------------------------------------------------------


@pytest.mark.django_db
def test_account_page_shows_the_number(client, post, phone_user):
    client.force_login(phone_user)
    response = client.get(reverse("accounts:overview"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["phone"] == "138 0013 8000"
    assert "138 0013 8000" in response.content.decode()


@pytest.mark.django_db
def test_account_page_without_email_says_none(client, post):
    user = UserFactory(email=None, phone=NUMBER, phone_verified=True, verified=False)
    client.force_login(user)
    response = client.get(reverse("accounts:overview"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["user"].email is None
    assert ">None<" not in response.content.decode()


@pytest.mark.django_db
def test_data_export_includes_the_number(client, post, phone_user):
    client.force_login(phone_user)
    data = client.get(reverse("accounts:data_export")).json()
    assert (data["account"]["phone"], data["account"]["phone_verified"]) == (NUMBER, True)


@pytest.mark.django_db
def test_account_deletion_erases_the_number(phone_user):
    from accounts.services import user_delete

    user_delete(user=phone_user)
    phone_user.refresh_from_db()
    assert (phone_user.phone, phone_user.phone_verified) == ("", False)
    assert not EmailAddress.objects.filter(user=phone_user).exists()


# --- Headless ----------------------------------------------------------------------------------

HEADLESS = "/_allauth/browser/v1"


@pytest.mark.django_db
def test_headless_phone_list_answers_the_number(client, post, phone_user):
    client.force_login(phone_user)
    response = client.get(f"{HEADLESS}/account/phone")
    assert response.status_code == 200
    assert response.json() == {"status": 200, "data": [{"phone": NUMBER, "verified": True}]}


@pytest.mark.django_db
def test_headless_phone_list_without_a_number_is_empty(client, post):
    client.force_login(UserFactory())
    assert client.get(f"{HEADLESS}/account/phone").json() == {"status": 200, "data": []}


@pytest.mark.django_db
def test_headless_phone_list_anonymous_is_401(client, post):
    response = client.get(f"{HEADLESS}/account/phone")
    assert response.status_code == 401
    assert response.json()["meta"] == {"is_authenticated": False}


@pytest.mark.django_db
def test_headless_signup_by_phone_then_verify(client, post, sms_outbox):
    response = post(
        f"{HEADLESS}/auth/signup",
        {"phone": NUMBER, "password": NEW_PASSWORD, "privacy_consent": True},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 401
    assert [f for f in body["data"]["flows"] if f.get("is_pending")] == [
        {"id": "verify_phone", "is_pending": True}
    ]
    response = post(
        f"{HEADLESS}/auth/phone/verify",
        {"code": _last_code(sms_outbox)},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["meta"]["is_authenticated"] is True
    assert User.objects.get(phone=NUMBER).phone_verified is True


@pytest.mark.django_db
def test_headless_signup_by_phone_refuses_a_bad_number(client, post):
    response = post(
        f"{HEADLESS}/auth/signup",
        {"phone": "+86123", "password": NEW_PASSWORD, "privacy_consent": True},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "message": INVALID_PHONE,
            "code": "invalid_phone",
            "param": "phone",
        }
    ]


@pytest.mark.django_db
def test_headless_signup_without_email_or_phone_asks_for_the_email(client, post):
    response = post(
        f"{HEADLESS}/auth/signup",
        {"password": NEW_PASSWORD, "privacy_consent": True},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"message": "This field is required.", "code": "required", "param": "email"}
    ]


@pytest.mark.django_db
def test_headless_login_by_phone_and_password(client, post, phone_user):
    response = post(
        f"{HEADLESS}/auth/login",
        {"phone": NUMBER, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["data"]["user"]["id"] == phone_user.pk


@pytest.mark.django_db
def test_headless_login_code_by_phone(client, post, phone_user, sms_outbox):
    response = post(
        f"{HEADLESS}/auth/code/request", {"phone": NUMBER}, content_type="application/json"
    )
    assert response.status_code == 401
    response = post(
        f"{HEADLESS}/auth/code/confirm",
        {"code": _last_code(sms_outbox)},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["meta"]["is_authenticated"] is True


@pytest.mark.django_db
def test_headless_change_phone_texts_a_code_to_the_new_number(client, post, phone_user, sms_outbox):
    client.force_login(phone_user)
    response = post(
        f"{HEADLESS}/account/phone", {"phone": "+8613900139000"}, content_type="application/json"
    )
    assert response.status_code == 202
    assert response.json() == {
        "status": 202,
        "data": [{"phone": "+8613900139000", "verified": False}],
    }
    assert [m.to for m in sms_outbox] == ["+8613900139000"]


@pytest.mark.django_db
@pytest.mark.parametrize(("by", "current"), [("email", "Email"), ("phone", "Mobile number")])
def test_signup_page_marks_the_chosen_method(client, by, current):
    html = client.get(reverse("account_signup"), {"by": by}, HTTP_ACCEPT_LANGUAGE="en")
    assert f' aria-current="page">{current}</a>' in html.content.decode()


HEADLESS_PHONE_CALLS = [
    ("get", "/account/phone", None),
    ("post", "/account/phone", {}),
    ("post", "/account/phone", {"phone": "not a number"}),
    ("post", "/account/phone", {"phone": "+8613800138000" * 30}),
    ("post", "/auth/phone/verify", {}),
    ("post", "/auth/phone/verify", {"code": "123456"}),
    ("get", "/auth/phone/verify", None),
    ("post", "/auth/code/request", {"phone": "\ud800"}),
    ("post", "/auth/code/request", {"phone": "+8613800138000", "email": "a@example.com"}),
    ("post", "/auth/code/confirm", {"code": "x"}),
    ("post", "/auth/login", {"phone": "13800138000", "password": "x"}),
    ("post", "/auth/signup", {"phone": ["+8613800138000"], "password": "x"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
@pytest.mark.parametrize(("method", "path", "body"), HEADLESS_PHONE_CALLS)
def test_headless_phone_endpoints_never_answer_500(
    client, phone_user, signed_in, method, path, body
):
    if signed_in:
        client.force_login(phone_user)
    url = f"{HEADLESS}{path}"
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, body, content_type="application/json")
    assert response.status_code < 500
    assert response["Content-Type"] == "application/json"
