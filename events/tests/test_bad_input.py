"""Odd input to the events forms and API is a form error or a 4xx answer, never a 500: dates
far in the future or past, ids beyond 64 bits or written in other digits, cancelling what
was checked in."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration, Session
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from profiles.tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db
OUT_OF_RANGE = "Choose a date between the years 2000 and 2100."


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def staff(client):
    membership = HostMembershipFactory(role=HostMembership.Role.STAFF)
    client.force_login(membership.user)
    return membership


def _organizer(name, event, **kwargs):
    return reverse(
        f"organizer:{name}", kwargs={"host_slug": event.host.slug, "slug": event.slug, **kwargs}
    )


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2030-03-21T14:30", "9999-12-31T23:59", "end"),
        ("9999-12-31T20:00", "9999-12-31T23:59", "start"),
        ("1899-01-01T10:00", "2030-03-21T18:00", "start"),
    ],
)
def test_event_form_refuses_dates_outside_the_range(client, staff, start, end, field):
    response = client.post(
        reverse("organizer:event_create", args=[staff.host.slug]),
        {
            "title": "远期",
            "start": start,
            "end": end,
            "timezone": "America/Los_Angeles",
            "visibility": "public",
        },
    )
    assert (response.status_code, response.context["form"].errors[field]) == (
        200,
        [OUT_OF_RANGE],
    )
    assert not Event.objects.exists()


def test_duplicate_to_a_far_future_refused_and_host_page_still_works(client, staff):
    event = EventFactory(host=staff.host, timezone="America/Los_Angeles")
    response = client.post(_organizer("event_duplicate", event), {"start": "9999-12-31T23:59"})
    assert response.context["form"].errors["start"] == [OUT_OF_RANGE]
    # starts in 2100 there, but that is already 2101 in UTC, where the copy's times are kept
    response = client.post(_organizer("event_duplicate", event), {"start": "2100-12-31T23:00"})
    assert response.context["form"].errors["start"] == [OUT_OF_RANGE]
    assert Event.objects.count() == 1
    assert client.get(reverse("organizer:host", args=[staff.host.slug])).status_code == 200


def test_host_page_survives_an_event_stored_at_the_end_of_the_calendar(client, staff):
    EventFactory(
        host=staff.host,
        timezone="Asia/Shanghai",
        start=dt.datetime(9999, 12, 31, 20, 0, tzinfo=dt.UTC),
        end=dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
    )
    html = client.get(reverse("organizer:host", args=[staff.host.slug])).content.decode()
    assert "Dec 31, 9999" in html


def test_session_form_refuses_far_dates_and_odd_speaker_ids(client, staff):
    event = EventFactory(host=staff.host, start=dt.datetime(2030, 5, 1, 1, 0, tzinfo=dt.UTC))
    expert = ExpertProfileFactory()
    local = timezone.localtime(event.start, event.tzinfo)
    base = {"title": "开幕", "end": f"{local + dt.timedelta(hours=1):%Y-%m-%dT%H:%M}"}
    answers = {}
    for label, data in {
        "far": {"start": "9999-01-01T10:00"},
        "superscript": {"start": f"{local:%Y-%m-%dT%H:%M}", "speakers": ["²"]},
        "huge": {"start": f"{local:%Y-%m-%dT%H:%M}", "speakers": ["99999999999999999999"]},
        "foreign_digits": {"start": f"{local:%Y-%m-%dT%H:%M}", "speakers": ["١٢"]},
    }.items():
        response = client.post(_organizer("session_create", event), {**base, **data})
        answers[label] = response.context["form"].errors.as_data()
    codes = {
        label: [e.code for errors in found.values() for e in errors]
        for label, found in answers.items()
    }
    assert codes == {
        "far": ["out_of_range"],
        "superscript": ["invalid_pk_value"],
        "huge": ["invalid_pk_value"],
        "foreign_digits": ["invalid_pk_value"],
    }
    assert not Session.objects.filter(event=event).exists()
    response = client.post(
        _organizer("session_create", event),
        {**base, "start": f"{local:%Y-%m-%dT%H:%M}", "speakers": [str(expert.pk)]},
    )
    assert response.status_code == 302
    assert list(Session.objects.get(event=event).speakers.all()) == [expert]


def test_session_form_lists_only_chosen_speakers(client, staff):
    event = EventFactory(host=staff.host)
    chosen = ExpertProfileFactory(name="甲教授")
    ExpertProfileFactory.create_batch(30)
    session = SessionFactory(event=event)
    session.speakers.set([chosen])
    html = client.get(_organizer("session_edit", event, pk=session.pk)).content.decode()
    assert html.count('type="checkbox" name="speakers"') == 1
    assert f'value="{chosen.pk}" checked' in html
    assert _organizer("speaker_search", event) in html


def test_speaker_search_finds_the_hosts_experts_only(client, staff):
    event = EventFactory(host=staff.host)
    claimed = ExpertProfileFactory(name="海洋甲", institution="中国海洋大学")
    own_import = ExpertProfileFactory(
        name="海洋乙", claimed_at=None, imported_by=staff.host, user=None
    )
    ExpertProfileFactory(name="海洋丙", claimed_at=None, imported_by=EventFactory().host)
    ExpertProfileFactory(name="海洋丁", visibility="organizers")
    hidden = ExpertProfileFactory(name="陆地", institution="山东大学")

    body = client.get(_organizer("speaker_search", event), {"q": "海洋"}).json()
    names = [result["name"] for result in body["results"]]
    assert names == sorted([claimed.name, own_import.name, "海洋丁"])
    assert client.get(_organizer("speaker_search", event), {"q": ""}).json() == {"results": []}
    assert hidden.name not in names


def test_speaker_search_is_limited(client, staff):
    event = EventFactory(host=staff.host)
    ExpertProfileFactory.create_batch(25, institution="青岛大学")
    body = client.get(_organizer("speaker_search", event), {"q": "青岛"}).json()
    assert len(body["results"]) == 20


# --- API --------------------------------------------------------------------------------------


def _api(client, event, name, **kwargs):
    return reverse(f"api:{name}", kwargs={"event_pk": event.pk, **kwargs})


@pytest.mark.parametrize(
    "ids",
    [["²"], [2**64], ["99999999999999999999"], ["١٢"], [0], [-3], [True], ["1.5"]],
)
def test_api_approve_many_refuses_odd_ids(client, ids):
    event = EventFactory(requires_approval=True)
    pending = RegistrationFactory(event=event, status=Registration.Status.PENDING)
    client.force_login(HostMembershipFactory(host=event.host).user)
    response = client.post(
        _api(client, event, "event-registration-approve-many"),
        {"ids": ids},
        content_type="application/json",
    )
    pending.refresh_from_db()
    assert (response.status_code, pending.status) == (400, Registration.Status.PENDING)
    assert set(response.json()) >= {"detail", "code"}


def test_api_staff_delete_of_a_checked_in_registration_is_a_clear_400(client):
    registration = RegistrationFactory(checked_in_at=timezone.now())
    client.force_login(HostMembershipFactory(host=registration.event.host).user)
    response = client.delete(
        _api(client, registration.event, "event-registration-detail", pk=registration.pk)
    )
    assert (response.status_code, response.json()["code"]) == (400, "checked_in")


def test_api_list_filters_by_check_in_and_refuses_unknown_values(client):
    event = EventFactory()
    checked = RegistrationFactory(event=event, checked_in_at=timezone.now())
    RegistrationFactory(event=event)
    client.force_login(HostMembershipFactory(host=event.host).user)
    url = _api(client, event, "event-registration-list")
    body = client.get(url, {"checked_in": "yes"}).json()
    assert [row["id"] for row in body["results"]] == [checked.pk]
    response = client.get(url, {"role": "pilot"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_choice")


def test_attendee_cancelling_after_check_in_is_told_why(client):
    registration = RegistrationFactory(checked_in_at=timezone.now())
    client.force_login(registration.user)
    response = client.post(
        reverse("events:registration_cancel", args=[registration.event.slug, registration.pk]),
        follow=True,
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert [str(m) for m in response.context["messages"]] == [
        "This registration is checked in: it is kept as a record of attendance and can no "
        "longer be cancelled."
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_speaker_search_runs_constant_queries(client, staff, django_assert_num_queries, count):
    event = EventFactory(host=staff.host)
    experts = ExpertProfileFactory.create_batch(count, institution="青岛大学")
    # session, user, event, membership, experts
    with django_assert_num_queries(5):
        body = client.get(_organizer("speaker_search", event), {"q": "青岛"}).json()
    assert [r["id"] for r in body["results"]] == [
        e.pk for e in sorted(experts, key=lambda e: e.name)
    ]
