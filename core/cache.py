"""A Redis cache that keeps the site up while Redis is down.

Django's RedisCache raises on every call when Redis cannot be reached, so everything that
touches the cache answers 500: sign-in (allauth keeps its rate limits in the cache), chat
tickets and the chat's rate limits. FallbackRedisCache catches connection errors and timeouts,
logs them, and answers from a memory cache of its own process until it tries Redis again
(every RETRY_SECONDS).

Why not ignore the errors (django-redis's IGNORE_EXCEPTIONS, or answering "missing"): a rate
limit whose counter is never stored is lifted for as long as Redis is down, silently. Counting
in each process's memory keeps every limit in force, per process (with two workers a limit of
five can let ten through), and no limit is lifted. What does not cross processes during the
outage: chat tickets, presence counts and chat's copy of mutes and slow modes (they are reloaded
from the database, chat/state.py). When Redis is back its own values apply again; counts made in
memory meanwhile are not carried over.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 5.0
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


def _fallback_method(name: str):
    def method(self, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except REDIS_DOWN as error:
            if not self._down_until:
                logger.error("cache: Redis unreachable (%s); using this process's memory", error)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"redis-fallback-{id(self)}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 10000}},
        )
        self._down_until = 0.0

    @property
    def redis_down(self) -> bool:
        """Whether calls go to the memory fallback now."""
        return time.monotonic() < self._down_until

    add = _fallback_method("add")
    get = _fallback_method("get")
    set = _fallback_method("set")
    touch = _fallback_method("touch")
    delete = _fallback_method("delete")
    get_many = _fallback_method("get_many")
    has_key = _fallback_method("has_key")
    incr = _fallback_method("incr")
    set_many = _fallback_method("set_many")
    delete_many = _fallback_method("delete_many")
    clear = _fallback_method("clear")


# --- Counted for Prometheus ---------------------------------------------------------------
BACKEND = "redis"


class InstrumentedRedisCache(FallbackRedisCache):
    """FallbackRedisCache, counting its reads for Prometheus (METRICS_ENABLED): the same
    figures django-prometheus' own Redis backend counts (it needs django-redis). Reads served
    from the memory fallback while Redis is down count too; they do not fail."""

    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend=BACKEND).inc()
        try:
            value = super().get(key, default=None, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend=BACKEND).inc()
            raise
        if value is None:
            django_cache_misses_total.labels(backend=BACKEND).inc()
            return default
        django_cache_hits_total.labels(backend=BACKEND).inc()
        return value
