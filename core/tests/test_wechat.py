"""WeChat's in-app browser: downloads answered with how to open them in the system browser,
the home page's Open Graph tags, and the JS-SDK's share signature with WeChat's API mocked at
the HTTP boundary (`responses`). The event, profile and need pages: events/tests/test_sharing.py."""

import re

import pytest
import responses
from django.http import HttpResponse
from django.urls import reverse

from core import wechat
from core.sites import SiteURLMiddleware

pytestmark = pytest.mark.django_db

WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 "
    "MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN"
)
PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
HINT = "点击右上角 ··· 选择在浏览器打开"
TOKEN_URL = "https://api.weixin.qq.com/cgi-bin/token"
TICKET_URL = "https://api.weixin.qq.com/cgi-bin/ticket/getticket"


def meta_tags(html: str) -> dict[str, str]:
    """The page's <meta> tags by property or name."""
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))


def test_is_wechat_reads_the_user_agent(rf):
    assert wechat.is_wechat(rf.get("/", HTTP_USER_AGENT=WECHAT_UA)) is True
    assert wechat.is_wechat(rf.get("/", HTTP_USER_AGENT=PHONE_UA)) is False
    assert wechat.is_wechat(rf.get("/")) is False


def _file(request):
    response = HttpResponse(b"a,b\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="list.csv"'
    return response


@pytest.mark.parametrize(
    ("content_type", "disposition", "download"),
    [
        ("text/calendar; charset=utf-8", "inline", True),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", True),
        ("application/json", "attachment; filename=x.json", True),
        ("application/json", "", False),
        ("text/html; charset=utf-8", "", False),
    ],
)
def test_is_download_by_type_or_disposition(content_type, disposition, download):
    response = HttpResponse(b"", content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    assert wechat.is_download(response) is download


def test_middleware_answers_a_download_in_wechat_with_how_to_open_it(rf):
    request = rf.get("/x/list.csv?role=expert", HTTP_USER_AGENT=WECHAT_UA)
    response = SiteURLMiddleware(wechat.WeChatDownloadMiddleware(_file))(request)
    html = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert HINT in html
    assert 'value="http://testserver/x/list.csv?role=expert"' in html
    assert (response["Cache-Control"], response["Vary"]) == (
        "private, no-store",
        "User-Agent, Cookie",
    )


def test_middleware_passes_the_file_elsewhere_and_posts_everywhere(rf):
    outside = wechat.WeChatDownloadMiddleware(_file)(rf.get("/x/", HTTP_USER_AGENT=PHONE_UA))
    posted = wechat.WeChatDownloadMiddleware(_file)(rf.post("/x/", HTTP_USER_AGENT=WECHAT_UA))
    assert (outside.content, outside["Vary"]) == (b"a,b\n", "User-Agent")
    assert posted.content == b"a,b\n"


def test_pages_are_left_alone_in_wechat(client):
    response = client.get(reverse("home"), HTTP_USER_AGENT=WECHAT_UA)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Vary" not in response or "User-Agent" not in response["Vary"]


# --- Shared links -----------------------------------------------------------------------------


def test_the_home_page_shares_the_site_with_the_default_image(client, settings):
    settings.SITE_URL = "https://forum.example.org"
    meta = meta_tags(client.get(reverse("home")).content.decode())
    assert {k: v for k, v in meta.items() if k.startswith("og:")} == {
        "og:site_name": "驿站",
        "og:type": "website",
        "og:locale": "zh_CN",
        "og:title": "专家企业座谈会",
        "og:description": "驿站——专家与企业相遇的地方。",
        "og:url": "https://forum.example.org/",
        "og:image": "https://forum.example.org/static/img/share.jpg",
    }
    assert meta["description"] == "驿站——专家与企业相遇的地方。"


# --- The JS-SDK -------------------------------------------------------------------------------


@pytest.fixture
def official_account(settings):
    settings.WECHAT_MP_APP_ID = "wx0123456789abcdef"
    settings.WECHAT_MP_APP_SECRET = "mp-secret"
    return settings


def _config(client, url="http://testserver/events/"):
    return client.get(reverse("wechat_jssdk_config"), {"url": url})


def test_signature_matches_wechats_documented_example():
    # The example of WeChat's JS-SDK documentation (appendix 1, the signature algorithm).
    assert (
        wechat.signature(
            ticket="sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
            nonce="Wm3WZYTPz0wzccnW",
            timestamp=1414587457,
            url="http://mp.weixin.qq.com?params=value",
        )
        == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    )


def test_without_an_official_account_pages_load_no_sdk_and_the_endpoint_is_404(client):
    html = client.get(reverse("home"), HTTP_USER_AGENT=WECHAT_UA).content.decode()
    assert "jweixin" not in html
    response = _config(client)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_with_an_official_account_only_wechat_loads_the_sdk(client, official_account):
    scripts = re.compile(r'<script src="([^"]+)"')
    inside = scripts.findall(
        client.get(reverse("home"), HTTP_USER_AGENT=WECHAT_UA).content.decode()
    )
    outside = scripts.findall(
        client.get(reverse("home"), HTTP_USER_AGENT=PHONE_UA).content.decode()
    )
    assert inside == [
        "/static/js/yizhan.js",
        "/static/vendor/jweixin/jweixin-1.6.0.js",
        "/static/js/wechat-share.js",
    ]
    assert outside == ["/static/js/yizhan.js"]


@responses.activate
def test_config_fetches_token_and_ticket_once_and_signs_the_page(
    client, official_account, monkeypatch
):
    monkeypatch.setattr(wechat.time, "time", lambda: 1414587457)
    monkeypatch.setattr(wechat.secrets, "token_hex", lambda n: "Wm3WZYTPz0wzccnW")
    token = responses.get(
        TOKEN_URL,
        json={"access_token": "ACCESS", "expires_in": 7200},
        match=[
            responses.matchers.query_param_matcher(
                {
                    "grant_type": "client_credential",
                    "appid": "wx0123456789abcdef",
                    "secret": "mp-secret",
                }
            )
        ],
    )
    ticket = responses.get(
        TICKET_URL,
        json={"errcode": 0, "errmsg": "ok", "ticket": "TICKET", "expires_in": 7200},
        match=[responses.matchers.query_param_matcher({"access_token": "ACCESS", "type": "jsapi"})],
    )
    first = _config(client, "http://testserver/events/?from=singlemessage#agenda")
    second = _config(client, "http://testserver/events/")
    assert first.json() == {
        "appId": "wx0123456789abcdef",
        "timestamp": 1414587457,
        "nonceStr": "Wm3WZYTPz0wzccnW",
        "signature": wechat.signature(
            ticket="TICKET",
            nonce="Wm3WZYTPz0wzccnW",
            timestamp=1414587457,
            url="http://testserver/events/?from=singlemessage",
        ),
        "jsApiList": ["updateAppMessageShareData", "updateTimelineShareData"],
    }
    assert second.status_code == 200
    assert (token.call_count, ticket.call_count) == (1, 1)


@pytest.mark.parametrize(
    "url", ["", "https://evil.example.org/events/", "javascript:alert(1)", "ftp://testserver/"]
)
def test_config_refuses_other_sites_addresses(client, official_account, url):
    response = _config(client, url)
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


@responses.activate
def test_config_answers_503_when_wechat_refuses_and_pauses_before_asking_again(
    client, official_account
):
    token = responses.get(TOKEN_URL, json={"errcode": 40013, "errmsg": "invalid appid"})
    first, second = _config(client), _config(client)
    assert [first.status_code, second.status_code] == [503, 503]
    assert first.json() == {"detail": "WeChat cannot be reached.", "code": "unavailable"}
    assert token.call_count == 1


@responses.activate
def test_config_answers_503_when_wechat_is_unreachable(client, official_account):
    import requests

    responses.get(TOKEN_URL, body=requests.ConnectionError("down"))
    assert _config(client).status_code == 503
