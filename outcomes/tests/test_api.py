"""The figures API: its keys, its errors, who may call it, and its constant number of queries."""

import pytest
from django.urls import reverse

from outcomes.tests.factories import local, scene, staffed_host

pytestmark = pytest.mark.django_db
KEYS = {
    "period": {"from", "to"},
    "events": {"count", "registrations", "checked_in", "check_in_rate"},
    "matching": {
        "introductions_requested",
        "introductions_accepted",
        "meetings_scheduled",
        "meetings_held",
    },
    "needs": {
        "total",
        "responded",
        "response_rate",
        "on_time_response_rate",
        "resolved",
        "resolution_rate",
        "satisfaction",
        "overdue",
    },
    "outcomes": {"surveyed", "answered", "cooperation"},
}


def _url(host):
    return reverse("api:host-figures", args=[host.slug])


def test_figures_api_answers_with_the_documented_keys(client):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    client.force_login(staff)
    response = client.get(_url(host), {"from": "2026-06-01", "to": "2026-06-30"})
    assert response.status_code == 200
    body = response.json()
    assert {key: set(value) for key, value in body.items()} == KEYS
    assert body["period"] == {"from": "2026-06-01", "to": "2026-06-30"}
    assert body["events"]["count"] == 1
    assert body["needs"]["satisfaction"] == 4.0


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"from": "2026-6-1"}, "invalid_date"),
        ({"from": "yesterday"}, "invalid_date"),
        ({"to": "2026-02-31"}, "invalid_date"),
        ({"from": "2026-06-30", "to": "2026-06-01"}, "invalid_period"),
    ],
)
def test_figures_api_refuses_malformed_dates_with_400(client, params, code):
    host, staff = staffed_host()
    client.force_login(staff)
    response = client.get(_url(host), params)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert set(response.json()) == {"detail", "code"}


@pytest.mark.parametrize("who", ["anonymous", "other_host_staff", "attendee"])
def test_figures_api_is_404_for_everyone_but_the_staff(client, world, who):
    user = world.actor(who)
    if user is not None:
        client.force_login(user)
    response = client.get(_url(world.host))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。", "code": "not_found"}


@pytest.mark.parametrize("size", [1, 3])
def test_figures_api_constant_queries(client, django_assert_num_queries, size):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30), copies=size)
    client.force_login(staff)
    # session, user, host, staff check, events (2), introductions, meetings, needs, follow-ups
    with django_assert_num_queries(10):
        response = client.get(_url(host), {"from": "2026-06-01", "to": "2026-06-30"})
    assert response.json()["events"]["count"] == size


def test_figures_api_is_in_the_schema(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/hosts/{slug}/figures/"]["get"]
    assert operation["operationId"] == "host_figures_retrieve"
    assert {p["name"] for p in operation["parameters"]} == {"slug", "from", "to"}
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == {"$ref": "#/components/schemas/HostFigures"}
    period = schema["components"]["schemas"]["Period"]
    assert list(period["properties"]) == ["from", "to"]
