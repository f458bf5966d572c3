"""/metrics: who may read it, and the figures measured when it is read."""

import datetime as dt

import pytest
from channels.layers import channel_layers
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.permissions import address_allowed, can_read_metrics, client_address

TOKEN = "metrics-token-0123456789"  # noqa: S105


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_ENABLED = True
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1", "10.0.0.0/8"]
    settings.METRICS_TOKEN = TOKEN
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    channel_layers.backends = {}
    yield settings
    channel_layers.backends = {}


def samples(response) -> dict[str, float]:
    values = {}
    for line in response.content.decode().splitlines():
        if line and not line.startswith("#"):
            name, _sep, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def test_metrics_are_404_when_off(client, settings):
    settings.METRICS_ENABLED = False
    response = client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 404
    assert b"yizhan_" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "authorization", "status"),
    [
        ("127.0.0.1", "", 200),
        ("10.20.30.40", "", 200),
        ("203.0.113.9", "", 404),
        ("203.0.113.9", f"Bearer {TOKEN}", 200),
        ("203.0.113.9", f"bearer {TOKEN}", 200),
        ("203.0.113.9", "Bearer wrong", 404),
        ("203.0.113.9", TOKEN, 404),
    ],
)
def test_metrics_answer_the_allowed_addresses_and_the_token(
    client, metrics_on, address, authorization, status
):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.get(reverse("metrics"), REMOTE_ADDR=address, **headers)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "text/plain; version=1.0.0; charset=utf-8"
        assert samples(response)["yizhan_channel_layer_up"] == 1.0


def test_metrics_without_a_token_set_take_no_bearer(rf, metrics_on):
    metrics_on.METRICS_TOKEN = ""
    request = rf.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer ")
    assert can_read_metrics(request) is False


def test_client_address_behind_the_proxy_is_the_address_it_appended(rf, settings):
    # The client sent "X-Forwarded-For: 127.0.0.1"; nginx appended the real address.
    request = rf.get(
        "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.9"
    )
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == ""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address(rf.get("/metrics", HTTP_X_REAL_IP="198.51.100.4")) == "198.51.100.4"


def test_a_forged_forwarded_address_does_not_open_the_metrics(rf, metrics_on):
    metrics_on.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get(
        "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.9"
    )
    assert can_read_metrics(request) is False


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("10.1.2.3", True), ("::1", True), ("192.168.0.1", False), ("not an address", False)],
)
def test_address_allowed_takes_addresses_and_networks(address, allowed):
    assert address_allowed(address, ["10.0.0.0/8", "::1"]) is allowed


@pytest.mark.django_db
def test_metrics_count_the_database_task_queue(client, metrics_on):
    metrics_on.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    common = {"args_kwargs": {}, "task_path": "core.mail.send_templated_mail"}
    common |= {"backend_name": "default", "run_after": timezone.now()}
    waiting = DBTaskResult.objects.create(status="READY", **common)
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=90)
    )
    DBTaskResult.objects.create(status="READY", **common)
    DBTaskResult.objects.create(status="FAILED", **common)
    DBTaskResult.objects.create(status="SUCCESSFUL", **common)
    values = samples(client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1"))
    assert {name: value for name, value in values.items() if name.startswith("yizhan_tasks{")} == {
        'yizhan_tasks{state="ready"}': 2.0,
        'yizhan_tasks{state="running"}': 0.0,
        'yizhan_tasks{state="failed"}': 1.0,
    }
    assert 90 <= values["yizhan_tasks_oldest_ready_age_seconds"] < 150


@pytest.mark.django_db
def test_metrics_leave_the_task_queue_out_with_immediate_tasks(client, metrics_on):
    metrics_on.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    values = samples(client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1"))
    assert [name for name in values if name.startswith("yizhan_tasks")] == []


@pytest.mark.django_db
def test_metrics_show_a_dead_channel_layer(client, metrics_on):
    metrics_on.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    values = samples(client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1"))
    assert values["yizhan_channel_layer_up"] == 0.0
    assert "yizhan_channel_layer_roundtrip_seconds" not in values
