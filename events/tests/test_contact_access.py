"""The contact-privacy rule events adds to profiles: the staff of a host whose event an expert
registered for see the expert's contact details, on the expert's page and in the API."""

import pytest
from django.urls import reverse

from conftest import ACTORS
from events.models import Registration
from events.tests.factories import RegistrationFactory
from profiles.permissions import can_view_expert_contact

SEES_CONTACT = {"expert", "host_staff", "host_owner", "superuser"}


@pytest.fixture
def registered(world):
    """The world's expert, registered for the host's event: its staff may see the contact."""
    RegistrationFactory(
        event=world.event, user=world.actor("expert"), role=Registration.Role.EXPERT
    )
    return world.expert_profile


@pytest.mark.parametrize("actor", ACTORS)
def test_contact_rule_for_each_actor(world, registered, actor):
    assert can_view_expert_contact(world.actor(actor), registered) == (actor in SEES_CONTACT)


@pytest.mark.parametrize("actor", ACTORS)
def test_contact_on_expert_page_for_each_actor(world, registered, client_for, actor):
    response = client_for(world.actor(actor)).get(
        reverse("profiles:expert_page", args=[registered.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert (registered.email in body, "13800000000" in body, "expert_wx" in body) == (
        (actor in SEES_CONTACT,) * 3
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_contact_in_api_for_each_actor(world, registered, client_for, actor):
    client = client_for(world.actor(actor))
    detail = client.get(f"/api/v1/experts/{registered.pk}/").json()
    listed = client.get("/api/v1/experts/").json()["results"]
    expected = {"email", "phone", "wechat"} if actor in SEES_CONTACT else set()
    assert {"email", "phone", "wechat"} & set(detail) == expected
    assert [set(e) & {"email", "phone", "wechat"} for e in listed] == [expected]
    if expected:
        assert (detail["email"], detail["phone"]) == (registered.email, "13800000000")


def test_contact_rule_ignores_cancelled_registrations(world):
    RegistrationFactory(
        event=world.event, user=world.actor("expert"), status=Registration.Status.CANCELLED
    )
    assert can_view_expert_contact(world.actor("host_staff"), world.expert_profile) is False
