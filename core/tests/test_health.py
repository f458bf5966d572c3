import pytest
from channels.layers import channel_layers
from django.db.utils import OperationalError
from django.urls import reverse

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def fresh_channel_layers():
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


@pytest.mark.django_db
def test_healthz_all_ok(client, fresh_channel_layers):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "channel_layer": "ok",
        "cache": "ok",
    }


@pytest.mark.django_db
def test_healthz_names_a_dead_cache(client, settings, fresh_channel_layers):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_names_a_dead_channel_layer(client, settings, fresh_channel_layers):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [DEAD_REDIS]},
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["channel_layer"] == "down"
    assert response.json()["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_names_a_dead_database(client, monkeypatch, fresh_channel_layers):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["channel_layer"] == "ok"
