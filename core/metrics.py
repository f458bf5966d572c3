"""Prometheus metrics for operators: what is measured at scrape time, and the page itself.

Requests, database and cache come from django-prometheus (settings: METRICS_ENABLED); each
app counts its own events with prometheus_client (chat: `chat/metrics.py`). With several
processes, PROMETHEUS_MULTIPROC_DIR must name a folder they all write to, set before they
start; the page then adds up every process's figures. The probes below run when the page is
read, in the process that answers it.
"""

import os
import time

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from core.health import check_channel_layer

CONTENT_TYPE = CONTENT_TYPE_LATEST


class ChannelLayerCollector:
    """yizhan_channel_layer_up (1 or 0) and the seconds of one send-and-receive round trip."""

    def collect(self):
        up = GaugeMetricFamily(
            "yizhan_channel_layer_up", "Whether the channel layer answered a round trip."
        )
        seconds = GaugeMetricFamily(
            "yizhan_channel_layer_roundtrip_seconds",
            "Seconds one message took to the channel layer and back.",
        )
        started = time.perf_counter()
        try:
            check_channel_layer()
        except Exception:  # a probe: any failure means the layer is down
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            seconds.add_metric([], time.perf_counter() - started)
        yield up
        yield seconds


class TaskQueueCollector:
    """Background tasks in django-tasks-db's table by state, and how long the oldest task
    ready to run has waited (a worker that is down or behind shows here first)."""

    STATES = {"READY": "ready", "RUNNING": "running", "FAILED": "failed"}

    def collect(self):
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            return
        tasks = GaugeMetricFamily(
            "yizhan_tasks", "Background tasks in the database queue by state.", labels=["state"]
        )
        counts = dict(
            DBTaskResult.objects.filter(status__in=self.STATES)
            .values_list("status")
            .annotate(Count("id"))
        )
        for status, state in self.STATES.items():
            tasks.add_metric([state], counts.get(status, 0))
        yield tasks
        oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        age = GaugeMetricFamily(
            "yizhan_tasks_oldest_ready_age_seconds",
            "Seconds the oldest task ready to run has waited (0 when none waits).",
        )
        age.add_metric([], (timezone.now() - oldest).total_seconds() if oldest else 0)
        yield age


PROBES = [ChannelLayerCollector(), TaskQueueCollector()]


def metrics_page() -> bytes:
    """The metrics of every process (or of this one) followed by the probes', as Prometheus'
    text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    probes = CollectorRegistry()
    for probe in PROBES:
        probes.register(probe)
    return generate_latest(processes) + generate_latest(probes)
