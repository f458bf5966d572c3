"""Health probes for /healthz: each answers "ok" or raises."""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "1":
        raise RuntimeError("cache did not return what was stored")


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip():
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "healthz.ping":
            raise RuntimeError("channel layer returned another message")

    async_to_sync(round_trip)()


CHECKS = {
    "database": check_database,
    "channel_layer": check_channel_layer,
    "cache": check_cache,
}


def run_checks() -> tuple[bool, dict[str, str]]:
    """Run every probe; return (all ok, {name: "ok" | "down"})."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means the dependency is down
            results[name] = "down"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return healthy, results
