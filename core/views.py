import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import run_checks

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


def privacy_notice(request):
    return render(request, "core/privacy.html")
