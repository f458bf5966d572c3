"""WeChat's in-app browser: knowing when a page is inside it, what to do where it blocks a
download, and the JS-SDK's share configuration.

Downloads. WeChat's browser will not save or hand over files (calendar files, spreadsheets,
data exports, materials): a link to one opens a blank page. `WeChatDownloadMiddleware` answers
such a request from WeChat with a page that says how to open the address in the system
browser, and pages show the same hint beside their download links (`_download_link.html`).

Sharing. With a WeChat official account (`WECHAT_MP_APP_ID`, `WECHAT_MP_APP_SECRET`), pages
opened inside WeChat load the JS-SDK (vendored from npm's `jweixin-module`, no outside host)
and `static/js/wechat-share.js`, which asks `wechat_jssdk_config` for a signature of the
page's own address and hands WeChat the page's Open Graph title, description and image. The
server fetches the official account's access_token and then a jsapi_ticket from WeChat's API,
each cached until shortly before it expires (both last 7,200 s): WeChat limits how often they
may be fetched, and fetching a new access_token retires the old one after five minutes, so the
same official account should not also be used by another system that fetches its own tokens.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import requests
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

from core.sites import absolute_url

API = "https://api.weixin.qq.com/cgi-bin"
TIMEOUT = 5
# Tokens are cached this many seconds less than WeChat says they live.
MARGIN = 300
# After a failed fetch, callers are refused this long instead of asking WeChat again each time.
FAILURE_PAUSE = 60
JS_API_LIST = ["updateAppMessageShareData", "updateTimelineShareData"]

# Responses WeChat's browser cannot open: files to save or to hand to another app.
DOWNLOAD_TYPES = (
    "text/calendar",
    "text/csv",
    "application/vnd.openxmlformats-officedocument",
    "application/vnd.ms-excel",
    "application/pdf",
    "application/zip",
    "application/octet-stream",
)


class WeChatError(Exception):
    """WeChat's API could not be reached or refused the request."""


def is_wechat(request) -> bool:
    """Whether the request comes from WeChat's in-app browser (its user agent says
    "MicroMessenger"; WeCom's says it too, and blocks downloads the same way)."""
    return "micromessenger" in request.headers.get("User-Agent", "").lower()


def share_configured() -> bool:
    return bool(settings.WECHAT_MP_APP_ID and settings.WECHAT_MP_APP_SECRET)


def is_download(response) -> bool:
    """Whether a response is a file rather than a page (by its disposition or its type)."""
    if response.get("Content-Disposition", "").lower().startswith("attachment"):
        return True
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(DOWNLOAD_TYPES)


class WeChatDownloadMiddleware:
    """Inside WeChat, a download is answered with a page that says how to open its address in
    the system browser, where the same address gives the file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or not is_download(response):
            return response
        patch_vary_headers(response, ["User-Agent"])
        if not is_wechat(request):
            return response
        page = HttpResponse(
            render_to_string(
                "core/wechat_download.html",
                {"download_url": absolute_url(request.get_full_path())},
                request=request,
            )
        )
        patch_vary_headers(page, ["User-Agent", "Cookie"])
        page["Cache-Control"] = "private, no-store"
        return page


# --- The JS-SDK's signature -------------------------------------------------------------------


def _get(path: str, params: dict) -> dict:
    """One call to WeChat's API; raises WeChatError unless it answers errcode 0."""
    try:
        response = requests.get(f"{API}/{path}", params=params, timeout=TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise WeChatError(f"WeChat {path}: {exc.__class__.__name__}") from exc
    if data.get("errcode", 0) != 0:
        raise WeChatError(f"WeChat {path}: errcode {data.get('errcode')} {data.get('errmsg')}")
    return data


def _cached(key: str, fetch) -> str:
    """The cached value of `key`, else `fetch()` → (value, lifetime in seconds), cached."""
    value = cache.get(key)
    if value:
        return value
    if cache.get(key + ":failed"):
        raise WeChatError("WeChat was unreachable a moment ago")
    try:
        value, lifetime = fetch()
    except WeChatError:
        cache.set(key + ":failed", True, FAILURE_PAUSE)
        raise
    cache.set(key, value, max(int(lifetime) - MARGIN, 60))
    return value


def _cache_key(name: str) -> str:
    return f"wechat:mp:{settings.WECHAT_MP_APP_ID}:{name}"


def access_token() -> str:
    """The official account's access_token (cached)."""

    def fetch():
        data = _get(
            "token",
            {
                "grant_type": "client_credential",
                "appid": settings.WECHAT_MP_APP_ID,
                "secret": settings.WECHAT_MP_APP_SECRET,
            },
        )
        return data["access_token"], data.get("expires_in", 7200)

    return _cached(_cache_key("access_token"), fetch)


def jsapi_ticket() -> str:
    """The JS-SDK's jsapi_ticket (cached), fetched with the access_token."""

    def fetch():
        data = _get("ticket/getticket", {"access_token": access_token(), "type": "jsapi"})
        return data["ticket"], data.get("expires_in", 7200)

    return _cached(_cache_key("jsapi_ticket"), fetch)


def signature(*, ticket: str, nonce: str, timestamp: int, url: str) -> str:
    """WeChat's JS-SDK signature: SHA-1 of the four fields in this order (the page's address
    without its #fragment)."""
    text = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url}"
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def jssdk_config(url: str) -> dict:
    """What `wx.config` needs to share the page at `url`; raises WeChatError."""
    url = url.split("#", 1)[0]
    nonce = secrets.token_hex(8)
    timestamp = int(time.time())
    return {
        "appId": settings.WECHAT_MP_APP_ID,
        "timestamp": timestamp,
        "nonceStr": nonce,
        "signature": signature(ticket=jsapi_ticket(), nonce=nonce, timestamp=timestamp, url=url),
        "jsApiList": JS_API_LIST,
    }
