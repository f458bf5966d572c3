"""Every meetings and round-tables URL and endpoint for every actor (STYLE.md rule 18)."""

import pytest
from django.urls import reverse

from conftest import ACTORS
from events.tests.factories import RegistrationFactory
from meetings import urls as meetings_urls
from meetings.models import Meeting, MeetingRequest
from meetings.services.round_tables import round_tables_seat
from meetings.tests.factories import make_slots, make_tables, registered_member

STAFF = {"host_staff", "host_owner", "superuser"}
REGISTERED = {"attendee", "expert", "enterprise"}


def _organizer(ok: int) -> dict:
    return {a: ok if a in STAFF else 404 for a in ACTORS} | {"anonymous": 302}


EXPECTED = {
    "meeting_setup": _organizer(200),
    "meeting_requests": _organizer(200),
    "meeting_schedule_run": _organizer(302),
    "meeting_grid": _organizer(200),
    "meeting_move": _organizer(302),
    "meeting_cancel": _organizer(302),
    "meeting_print": _organizer(200),
    "meeting_mine": {a: 200 if a in REGISTERED else 404 for a in ACTORS} | {"anonymous": 302},
    "roundtable_seating": _organizer(200),
    "roundtable_seat": _organizer(400),  # an empty form is answered with its errors
    "roundtable_move": _organizer(302),
    "roundtable_print": _organizer(200),
}
POSTS = {
    "meeting_schedule_run",
    "meeting_move",
    "meeting_cancel",
    "roundtable_seat",
    "roundtable_move",
}


@pytest.fixture
def meeting(world):
    """The expert and the enterprise member are registered and meet in the first slot; the
    event has a round-table plan."""
    event = world.event
    RegistrationFactory(event=event, user=world.actor("expert"), role="expert")
    RegistrationFactory(event=event, user=world.actor("enterprise"), role="enterprise")
    for _ in range(3):
        registered_member(event)
    slot, table = make_slots(event, 2)[0], make_tables(event, 2)[0]
    round_tables_seat(event=event, table_size=4, by=None)
    return Meeting.objects.create(
        event=event,
        slot=slot,
        table=table,
        expert=world.actor("expert"),
        company_member=world.actor("enterprise"),
        moved_by_hand=True,  # so "schedule now" keeps it
    )


def test_every_meetings_url_is_in_the_matrix():
    assert {p.name for p in meetings_urls.urlpatterns} == set(EXPECTED)


def _url(name, meeting):
    slug = meeting.event.slug
    if name == "meeting_move" or name == "meeting_cancel":
        return reverse(f"meetings:{name}", args=[slug, meeting.pk])
    if name == "roundtable_move":
        seat = meeting.event.round_table_plan.seats.first()
        return reverse(f"meetings:{name}", args=[slug, seat.pk])
    return reverse(f"meetings:{name}", args=[slug])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_meetings_page_matrix(world, meeting, client_for, name, actor):
    client = client_for(world.actor(actor))
    url = _url(name, meeting)
    response = client.post(url) if name in POSTS else client.get(url)
    expected = EXPECTED[name][actor]
    assert response.status_code == expected
    if expected == 302 and actor == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    meeting.refresh_from_db()
    cancelled = name == "meeting_cancel" and actor in STAFF
    assert meeting.status == ("cancelled" if cancelled else "scheduled")


EVENT_MEETINGS = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "attendee": 0,
    "expert": 1,
    "enterprise": 1,
    "host_staff": 1,
    "host_owner": 1,
    "superuser": 1,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_event_meetings_api_matrix(world, meeting, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.get(f"/api/v1/matching/events/{meeting.event_id}/meetings/")
    expected = EVENT_MEETINGS[actor]
    if isinstance(expected, int) and expected >= 400:
        assert response.status_code == expected
    else:
        assert response.status_code == 200
        assert response.json()["count"] == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_my_meetings_api_matrix(world, meeting, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.get("/api/v1/matching/meetings/mine/")
    if actor == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.json()["count"] == (1 if actor in ("expert", "enterprise") else 0)


REQUEST_CREATE = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "attendee": 400,  # a guest is neither an expert nor a company member
    "expert": 400,  # cannot ask to meet themself
    "enterprise": 201,
    "host_staff": 400,  # organizers pair two people with expert and company_member
    "host_owner": 400,
    "superuser": 400,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_meeting_request_create_api_matrix(world, meeting, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.post(
        f"/api/v1/matching/events/{meeting.event_id}/meeting-requests/",
        {"counterpart": world.actor("expert").pk},
        content_type="application/json",
    )
    assert response.status_code == REQUEST_CREATE[actor]
    created = MeetingRequest.objects.filter(event=meeting.event).count()
    assert created == (1 if actor == "enterprise" else 0)
    if response.status_code == 400:
        assert set(response.json()) >= {"detail", "code"}
