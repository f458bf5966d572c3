import logging
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import metrics as core_metrics
from core import wechat
from core.health import run_checks
from core.permissions import can_read_metrics
from core.sites import site_url

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 `{"status": "ok", …}` when every dependency answers; 503 naming what is down."""
    healthy, results = run_checks()
    if not healthy:
        logger.warning("health check failed: %s", results)
    return JsonResponse(
        {"status": "ok" if healthy else "down", **results}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def metrics(request):
    """Prometheus metrics (docs/deployment.md); 404 when off or not for this requester."""
    if not can_read_metrics(request):
        raise Http404
    return HttpResponse(core_metrics.metrics_page(), content_type=core_metrics.CONTENT_TYPE)


def privacy_notice(request):
    return render(request, "core/privacy.html")


@never_cache
@require_GET
def wechat_jssdk_config(request):
    """`wx.config`'s fields for the page at `?url=` (an address of this site), for sharing from
    WeChat: {"appId", "timestamp", "nonceStr", "signature", "jsApiList"}. Public, like the
    pages it signs. 404 when no official account is configured; 400 for another site's
    address; 503 when WeChat's API cannot be reached."""
    if not wechat.share_configured():
        return JsonResponse(
            {"detail": "WeChat sharing is not configured.", "code": "not_found"}, status=404
        )
    url = request.GET.get("url", "")[:2000]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc not in {
        request.get_host(),
        urlsplit(site_url()).netloc,
    }:
        return JsonResponse(
            {"detail": "url must be a page of this site.", "code": "invalid"}, status=400
        )
    try:
        config = wechat.jssdk_config(url)
    except wechat.WeChatError as exc:
        logger.warning("WeChat JS-SDK configuration failed: %s", exc)
        return JsonResponse(
            {"detail": "WeChat cannot be reached.", "code": "unavailable"}, status=503
        )
    return JsonResponse(config)
