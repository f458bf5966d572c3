import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.tests.factories import PASSWORD

URL = "/api/v1/chat/tickets/"


def test_ticket_needs_authentication(world, client):
    response = client.post(URL)
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_ticket_is_single_use_and_expires_in_a_minute(world, client_for):
    user = world.actor("attendee")
    before = timezone.now()
    response = client_for(user).post(URL)
    body = response.json()
    assert response.status_code == 201
    assert set(body) == {"ticket", "expires"}
    expires = parse_datetime(body["expires"])
    assert before + dt.timedelta(seconds=59) <= expires <= timezone.now() + dt.timedelta(seconds=61)
    assert cache.get(f"chat:ticket:{body['ticket']}") == user.pk


@pytest.mark.django_db
def test_ticket_with_app_session_token(world, client):
    user = world.actor("attendee")
    login = client.post(
        "/_allauth/app/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    token = login.json()["meta"]["session_token"]
    client.cookies.clear()
    response = client.post(URL, headers={"X-Session-Token": token})
    assert response.status_code == 201
    assert cache.get(f"chat:ticket:{response.json()['ticket']}") == user.pk


def test_ticket_schema_documents_201():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    responses = schema["paths"]["/api/v1/chat/tickets/"]["post"]["responses"]
    assert "201" in responses
    assert "200" not in responses
    assert responses["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ChatTicket"
    }
