import pytest
from django.urls import reverse

from events.models import Event, Registration
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_api_runs_constant_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        event = EventFactory(capacity=10, venue=VenueFactory())
        RegistrationFactory(event=event)
    with django_assert_num_queries(2):
        body = client.get(reverse("api:event-list")).json()
    assert (body["count"], len(body["results"]), body["next"], body["previous"]) == (
        count,
        count,
        None,
        None,
    )


def test_event_list_api_shows_seats_left_and_an_absolute_ics_url(client):
    event = EventFactory(capacity=10)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    EventFactory(status=Event.Status.DRAFT)
    result = client.get(reverse("api:event-list")).json()["results"]
    assert [r["id"] for r in result] == [event.pk]
    assert result[0]["seats_left"] == {"total": 9, "expert": 9, "enterprise": 9, "guest": 9}
    assert result[0]["ics_url"] == f"http://testserver/events/{event.slug}/calendar.ics"
    assert result[0]["timezone"] == "Asia/Shanghai"


def test_event_list_api_counts_confirmed_seats_per_role(client):
    event = EventFactory(capacity=10, quota_experts=3, quota_guests=5)
    RegistrationFactory(event=event, role=Registration.Role.EXPERT)
    RegistrationFactory(event=event, role=Registration.Role.EXPERT)
    RegistrationFactory(event=event, role=Registration.Role.GUEST)
    RegistrationFactory(event=event, role=Registration.Role.GUEST, status="cancelled")
    SessionFactory(event=event)  # no join multiplies the counts
    SessionFactory(event=event)
    result = client.get(reverse("api:event-list")).json()["results"]
    assert result[0]["seats_left"] == {"total": 7, "expert": 1, "enterprise": 7, "guest": 4}


def test_event_list_api_unlimited_seats_are_null(client):
    EventFactory(capacity=None)
    result = client.get(reverse("api:event-list")).json()["results"]
    assert result[0]["seats_left"] == {
        "total": None,
        "expert": None,
        "enterprise": None,
        "guest": None,
    }


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_api_runs_constant_queries(client, django_assert_num_queries, count):
    event = EventFactory()
    for n in range(count):
        SessionFactory(event=event, room=f"R{n}")
    with django_assert_num_queries(2):
        body = client.get(reverse("api:event-detail", args=[event.pk])).json()
    assert len(body["sessions"]) == count
    assert set(body["sessions"][0]) == {
        "id",
        "title",
        "start",
        "end",
        "room",
        "room_en",
        "chat_enabled",
    }


def test_event_detail_api_of_a_draft_is_404_json(client):
    event = EventFactory(status=Event.Status.DRAFT)
    response = client.get(reverse("api:event-detail", args=[event.pk]))
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("count", [1, 3])
def test_host_events_api_lists_drafts_with_counts(client, django_assert_num_queries, count):
    from hosts.tests.factories import HostMembershipFactory

    staff = HostMembershipFactory()
    for _ in range(count):
        event = EventFactory(host=staff.host, status=Event.Status.DRAFT)
        RegistrationFactory(event=event)
        # Counted per event, not over a join: sessions do not multiply registrations.
        SessionFactory(event=event)
        SessionFactory(event=event)
    EventFactory()  # another host's
    client.force_login(staff.user)
    # session, user, host, membership check, count, page
    with django_assert_num_queries(6):
        body = client.get(reverse("api:host-events", args=[staff.host.slug])).json()
    assert body["count"] == count
    assert {
        (r["status"], r["confirmed"], r["pending"], r["sessions"]) for r in body["results"]
    } == {("draft", 1, 0, 2)}
