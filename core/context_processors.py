from django.conf import settings

from core import wechat
from core.sites import site_url


def site(request):
    """Names every page needs: the site name and address, the privacy notice's version, and
    whether the page is inside WeChat's browser (`in_wechat`; `wechat_share` when its JS-SDK
    share set-up is configured too)."""
    in_wechat = wechat.is_wechat(request)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_url(),
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "in_wechat": in_wechat,
        "wechat_share": in_wechat and wechat.share_configured(),
    }
