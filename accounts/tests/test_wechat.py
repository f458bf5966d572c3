"""WeChat login through allauth's provider, configured from settings; WeChat's OAuth endpoints
mocked at the HTTP boundary with `responses`."""

from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import responses
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.models import PrivacyConsent, User

AUTHORIZE = "https://open.weixin.qq.com/connect/qrconnect"
TOKEN = "https://api.weixin.qq.com/sns/oauth2/access_token"
USERINFO = "https://api.weixin.qq.com/sns/userinfo"
OPENID = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"


@pytest.fixture
def wechat(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "weixin": {
            "APPS": [{"client_id": "wx0123456789abcdef", "secret": "wechat-secret"}],
            "SCOPE": ["snsapi_login"],
        }
    }


def _mock_wechat(nickname="李雷"):
    responses.post(
        TOKEN,
        json={
            "access_token": "ACCESS_TOKEN",
            "expires_in": 7200,
            "refresh_token": "REFRESH_TOKEN",
            "openid": OPENID,
            "scope": "snsapi_login",
            "unionid": "o6_bmasdasdsad6_2sgVt7hMZOPfL",
        },
    )
    # WeChat answers user info as text/plain without a charset (allauth expects it so).
    body = f'{{"openid":"{OPENID}","nickname":"{nickname}","sex":1,"headimgurl":""}}'
    responses.get(USERINFO, body=body.encode(), content_type="text/plain")


def _start(client, next_url=""):
    response = client.post(reverse("weixin_login") + (f"?next={next_url}" if next_url else ""))
    location = urlsplit(response["Location"])
    return response, location, parse_qs(location.query)


@pytest.mark.django_db
def test_login_page_has_no_wechat_button_unless_configured(client):
    response = client.get(reverse("account_login"))
    assert 'class="wechat-login"' not in response.content.decode()


@pytest.mark.django_db
def test_wechat_login_url_is_404_unless_configured(client):
    assert client.post(reverse("weixin_login")).status_code == 404
    assert client.get(reverse("weixin_callback"), {"code": "x", "state": "y"}).status_code == 404


@pytest.mark.django_db
def test_login_and_signup_pages_show_the_wechat_button_when_configured(client, wechat):
    for name in ["account_login", "account_signup"]:
        content = client.get(reverse(name)).content.decode()
        assert '<form method="post" action="/accounts/weixin/login/" class="wechat-login">' in (
            content
        )


@pytest.mark.django_db
def test_wechat_login_redirects_to_wechats_authorize_page(client, wechat):
    response, location, query = _start(client)
    assert response.status_code == 302
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE
    state = query.pop("state")
    assert query == {
        "appid": ["wx0123456789abcdef"],
        "redirect_uri": ["http://testserver/accounts/weixin/login/callback/"],
        "response_type": ["code"],
        "scope": ["snsapi_login"],
    }
    assert len(state) == 1 and len(state[0]) >= 12


@pytest.mark.django_db
@responses.activate
def test_wechat_callback_exchanges_the_code_and_asks_for_consent(client, wechat):
    _mock_wechat()
    _, _, query = _start(client)
    response = client.get(reverse("weixin_callback"), {"code": "CODE", "state": query["state"][0]})
    token_call, userinfo_call = responses.calls
    assert response["Location"] == reverse("socialaccount_signup")
    assert (token_call.request.method, token_call.request.url) == ("POST", TOKEN)
    assert dict(parse_qsl(token_call.request.body)) == {
        "appid": "wx0123456789abcdef",
        "grant_type": "authorization_code",
        "secret": "wechat-secret",
        "code": "CODE",
    }
    assert userinfo_call.request.method == "GET"
    assert userinfo_call.request.url == (f"{USERINFO}?access_token=ACCESS_TOKEN&openid={OPENID}")
    assert User.objects.count() == 0


@pytest.mark.django_db
@responses.activate
def test_wechat_signup_records_consent_and_takes_the_nickname(client, wechat):
    _mock_wechat()
    _, _, query = _start(client)
    client.get(reverse("weixin_callback"), {"code": "CODE", "state": query["state"][0]})
    form = client.get(reverse("socialaccount_signup")).context["form"]
    assert (form.fields["email"].required, form.fields["privacy_consent"].required) == (
        False,
        True,
    )
    response = client.post(reverse("socialaccount_signup"), {"privacy_consent": "on"})
    user = User.objects.get()
    assert response["Location"] == reverse("accounts:onboarding")
    assert (user.name, user.email, user.phone) == ("李雷", None, "")
    assert SocialAccount.objects.get(user=user).uid == OPENID
    assert PrivacyConsent.objects.filter(user=user, context="signup").count() == 1
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
@responses.activate
def test_wechat_signup_without_consent_is_refused(client, wechat):
    _mock_wechat()
    _, _, query = _start(client)
    client.get(reverse("weixin_callback"), {"code": "CODE", "state": query["state"][0]})
    response = client.post(reverse("socialaccount_signup"), {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors == {
        "privacy_consent": ["You need to agree to the privacy notice to sign up."]
    }
    assert User.objects.count() == 0


@pytest.mark.django_db
@responses.activate
def test_wechat_login_of_a_known_account_logs_in(client, wechat):
    from accounts.tests.factories import UserFactory

    user = UserFactory(name="Li Lei")
    SocialAccount.objects.create(user=user, provider="weixin", uid=OPENID)
    _mock_wechat()
    _, _, query = _start(client, next_url="/me/")
    response = client.get(reverse("weixin_callback"), {"code": "CODE", "state": query["state"][0]})
    assert response["Location"] == "/me/"
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
@responses.activate
def test_wechat_callback_with_a_forged_state_logs_nobody_in(client, wechat):
    _mock_wechat()
    _start(client)
    response = client.get(reverse("weixin_callback"), {"code": "CODE", "state": "forged"})
    assert response.status_code == 401
    assert response.templates[0].name == "socialaccount/authentication_error.html"
    assert len(responses.calls) == 0
    assert "_auth_user_id" not in client.session
