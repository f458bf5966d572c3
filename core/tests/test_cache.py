"""The Redis cache keeps the site up, and its rate limits in force, while Redis is down."""

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse

from core import cache as fallback
from core.cache import FallbackRedisCache

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _dead_cache():
    return FallbackRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2}})


def test_fallback_cache_is_djangos_redis_cache():
    from django.core.cache.backends.redis import RedisCache

    assert issubclass(FallbackRedisCache, RedisCache)


def test_fallback_cache_answers_from_memory_while_redis_is_down(caplog):
    cache = _dead_cache()
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        cache.set("a", 1)
        assert cache.get("a") == 1
        assert cache.get_many(["a", "b"]) == {"a": 1}
        assert cache.add("n", 0) is True
        assert cache.incr("n", 2) == 2
    assert cache.redis_down is True
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["cache: Redis unreachable"]


def test_fallback_cache_tries_redis_again_after_a_while(monkeypatch):
    monkeypatch.setattr(fallback, "RETRY_SECONDS", 0.2)
    cache = _dead_cache()
    cache.set("a", 1)
    states = [cache.redis_down]
    time.sleep(0.25)
    states.append(cache.redis_down)
    cache.set("a", 2)  # tried Redis again, and fell back again
    states.append(cache.redis_down)
    assert (states, cache.get("a")) == ([True, False, True], 2)


@pytest.fixture
def redis_down(settings):
    """The default cache pointing at a Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }  # the test settings signal gives every thread a new cache connection
    assert caches["default"].get("anything") is None


@pytest.mark.django_db
def test_login_works_and_stays_rate_limited_while_redis_is_down(client, redis_down):
    user = get_user_model().objects.create_user(
        email="ada@example.com", password="right-password-1", name="Ada"
    )
    url = reverse("account_login")
    ok = client.post(url, {"login": user.email, "password": "right-password-1"})
    assert (ok.status_code, client.session.get("_auth_user_id")) == (302, str(user.pk))
    client.logout()
    for _attempt in range(5):
        wrong = client.post(url, {"login": user.email, "password": "wrong"})
        assert wrong.status_code == 200
    limited = client.post(url, {"login": user.email, "password": "right-password-1"})
    assert limited.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_pages_and_api_answer_while_redis_is_down(client, redis_down):
    statuses = [
        client.get(url).status_code
        for url in ("/", "/events/", "/profiles/experts/", "/api/v1/events/", "/healthz")
    ]
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] in (200, 503)  # the health check may report Redis; it never fails
