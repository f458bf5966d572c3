"""GET and PATCH /api/v1/events/<id>/registration-setup/: host staff read and change seats per
role, the window (in the event's zone), approval, invitation only and the questions."""

import datetime as dt
import zoneinfo

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from conftest import ACTORS
from events.models import Event, Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
STAFF = {"host_staff", "host_owner", "superuser"}


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _url(event):
    return reverse("api:event-registration-setup", kwargs={"event_pk": event.pk})


@pytest.fixture
def event(client):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=3))
    client.force_login(HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user)
    return event


def _patch(client, event, body):
    return client.patch(_url(event), body, content_type="application/json")


def test_api_setup_reads_the_event_as_set(client, event):
    event.capacity, event.quota_experts = 20, 10
    event.registration_closes = dt.datetime(2030, 4, 30, 10, 0, tzinfo=dt.UTC)
    event.questions = [{"key": "org", "label": "单位", "type": "text", "required": True}]
    event.save()
    RegistrationFactory(event=event, role="expert")
    assert client.get(_url(event)).json() == {
        "timezone": "Asia/Shanghai",
        "capacity": 20,
        "quota_experts": 10,
        "quota_enterprises": None,
        "quota_guests": None,
        "registration_opens": None,
        "registration_closes": "2030-04-30T18:00:00+08:00",
        "requires_approval": False,
        "invite_only": False,
        "questions": [
            {
                "key": "org",
                "label": "单位",
                "label_en": "",
                "type": "text",
                "required": True,
                "choices": [],
            }
        ],
        "seats_left": {"total": 19, "expert": 9, "enterprise": 19, "guest": 19},
    }


def test_api_setup_patch_writes_nested_questions_and_reads_times_in_the_event_zone(client, event):
    body = {
        "capacity": 30,
        "quota_experts": 10,
        "quota_enterprises": 10,
        "registration_opens": "2030-04-01T09:00",
        "registration_closes": "2030-04-30T18:00:00+08:00",
        "requires_approval": True,
        "invite_only": True,
        "questions": [
            {"label": "关注方向", "type": "multiple", "choices": ["金融", "科创"]},
            {"label": "午餐", "label_en": "Lunch", "type": "yesno", "required": True},
        ],
    }
    response = _patch(client, event, body)
    event.refresh_from_db()
    assert response.status_code == 200
    assert (event.capacity, event.quota_experts, event.quota_enterprises) == (30, 10, 10)
    assert (event.requires_approval, event.visibility) == (True, "invite")
    assert event.registration_opens == dt.datetime(2030, 4, 1, 9, 0, tzinfo=SHANGHAI)
    assert event.registration_closes == dt.datetime(2030, 4, 30, 18, 0, tzinfo=SHANGHAI)
    assert [(q["label"], q["type"], q["required"], q["choices"]) for q in event.questions] == [
        ("关注方向", "multiple", False, ["金融", "科创"]),
        ("午餐", "yesno", True, []),
    ]
    assert response.json()["questions"] == event.questions
    assert response.json()["registration_opens"] == "2030-04-01T09:00:00+08:00"


def test_api_setup_patch_leaves_what_is_not_sent(client, event):
    event.questions = [{"key": "org", "label": "单位", "type": "text"}]
    event.capacity = 9
    event.save()
    _patch(client, event, {"quota_guests": 5})
    event.refresh_from_db()
    assert (event.capacity, event.quota_guests, [q["key"] for q in event.questions]) == (
        9,
        5,
        ["org"],
    )


@pytest.mark.parametrize(
    ("body", "code", "detail"),
    [
        ({"quota_guests": -1}, "min_value", "Ensure this value is greater than or equal to 0."),
        ({"capacity": "many"}, "invalid", "A valid integer is required."),
        (
            {"capacity": 2**40},
            "max_value",
            "Ensure this value is less than or equal to 2147483647.",
        ),
        (
            {"capacity": 5, "quota_experts": 6},
            "quota_above_capacity",
            "A role's seats cannot exceed the capacity (5).",
        ),
        ({"questions": [{"label": "评分", "type": "rating"}]}, "invalid_choice", None),
        ({"questions": "none"}, "not_a_list", None),
        (
            {"questions": [{"label": "方向", "type": "choice"}]},
            "questions",
            "The choice question “方向” needs choices.",
        ),
        (
            {"registration_opens": "2030-04-10T09:00", "registration_closes": "2030-04-09T09:00"},
            "window",
            "Registration must close after it opens.",
        ),
        ({"registration_opens": "soon"}, "invalid", None),
    ],
)
def test_api_setup_bad_input_is_a_400(client, event, body, code, detail):
    response = _patch(client, event, body)
    answer = response.json()
    assert (response.status_code, answer["code"]) == (400, code)
    if detail is not None:
        assert answer["detail"] == detail


def test_api_setup_refuses_a_quota_below_confirmed_seats(client, event):
    event.quota_enterprises = 3
    event.save()
    for _ in range(2):
        RegistrationFactory(event=event, role="enterprise", status=Registration.Status.CONFIRMED)
    response = _patch(client, event, {"quota_enterprises": 1})
    assert (response.status_code, response.json()["code"]) == (400, "below_confirmed")
    assert response.json()["errors"] == {
        "quota_enterprises": [
            "Seats already confirmed here: 2. This figure cannot go below that; cancel "
            "registrations first to lower it."
        ]
    }
    event.refresh_from_db()
    assert event.quota_enterprises == 3


def test_api_setup_refuses_to_drop_an_answered_choice(client, event):
    event.questions = [{"key": "t", "label": "方向", "type": "choice", "choices": ["金融", "科创"]}]
    event.save()
    RegistrationFactory(event=event, answers={"t": "科创"})
    body = {"questions": [{"key": "t", "label": "方向", "type": "choice", "choices": ["金融"]}]}
    response = _patch(client, event, body)
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Registrants chose 科创 in “方向”: keep these choices.",
    )


def test_api_setup_patch_by_actor(world, client):
    """Only the host's staff change the set-up; everyone else meets 404 (403 when signed out),
    and nothing changes."""
    answers, expected = {}, {}
    for actor in ACTORS:
        expected[actor] = 200 if actor in STAFF else 403 if actor == "anonymous" else 404
        with transaction.atomic():
            client.logout()
            if (user := world.actor(actor)) is not None:
                client.force_login(user)
            response = _patch(client, world.event, {"capacity": 7})
            changed = Event.objects.get(pk=world.event.pk).capacity == 7
            answers[actor] = response.status_code if changed == (actor in STAFF) else "changed?"
            transaction.set_rollback(True)
    assert answers == expected
