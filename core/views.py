import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import metrics as core_metrics
from core.health import run_checks
from core.permissions import can_read_metrics

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
