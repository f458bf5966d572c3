"""The event form's registration set-up: seats per role, the window in the event's zone,
approval, invitation only, the questions formset, and moving the agenda with the event."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from events.models import Event, Registration
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def staff(client):
    membership = HostMembershipFactory(role=HostMembership.Role.STAFF)
    client.force_login(membership.user)
    return membership


def _url(name, event):
    return reverse(f"organizer:{name}", kwargs={"host_slug": event.host.slug, "slug": event.slug})


def _management(total: int, initial: int = 0) -> dict:
    return {
        "questions-TOTAL_FORMS": str(total),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "30",
    }


def _event_data(**extra) -> dict:
    return {
        "title": "座谈会",
        "start": "2030-03-21T14:30",
        "end": "2030-03-21T18:00",
        "timezone": "Asia/Shanghai",
        "visibility": "public",
        **extra,
    }


def _fields(event: Event, *names):
    return tuple(getattr(event, name) for name in names)


def test_event_create_with_quotas_window_and_ordered_questions(client, staff):
    data = _event_data(
        visibility="invite",
        requires_approval="on",
        capacity="25",
        quota_experts="10",
        quota_enterprises="10",
        registration_opens="2030-03-01T09:00",
        registration_closes="2030-03-20T18:00",
        **_management(3),
        **{
            "questions-0-label": "单位",
            "questions-0-type": "text",
            "questions-0-required": "on",
            "questions-0-ORDER": "2",
            "questions-1-label": "关注方向",
            "questions-1-label_en": "Interests",
            "questions-1-type": "multiple",
            "questions-1-choices": "金融\r\n科创\r\n\r\n",
            "questions-1-ORDER": "1",
            "questions-2-type": "text",  # the blank question: not asked
            "questions-2-ORDER": "3",
        },
    )
    response = client.post(reverse("organizer:event_create", args=[staff.host.slug]), data)
    event = Event.objects.get()
    assert response["Location"] == _url("event", event)
    assert _fields(event, "capacity", "quota_experts", "quota_enterprises", "quota_guests") == (
        25,
        10,
        10,
        None,
    )
    assert _fields(event, "visibility", "requires_approval") == ("invite", True)
    assert event.registration_opens == dt.datetime(2030, 3, 1, 9, 0, tzinfo=SHANGHAI)
    assert event.registration_closes == dt.datetime(2030, 3, 20, 18, 0, tzinfo=SHANGHAI)
    keys = [q["key"] for q in event.questions]
    assert event.questions == [
        {
            "key": keys[0],
            "label": "关注方向",
            "label_en": "Interests",
            "type": "multiple",
            "required": False,
            "choices": ["金融", "科创"],
        },
        {
            "key": keys[1],
            "label": "单位",
            "label_en": "",
            "type": "text",
            "required": True,
            "choices": [],
        },
    ]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"quota_guests": "-1"},
            "quota_guests",
            "Ensure this value is greater than or equal to 0.",
        ),
        ({"capacity": "many"}, "capacity", "Enter a whole number."),
        (
            {"capacity": "5", "quota_experts": "6"},
            "quota_experts",
            "A role's seats cannot exceed the capacity (5).",
        ),
        (
            {
                "registration_opens": "2030-03-10T09:00",
                "registration_closes": "2030-03-09T09:00",
            },
            "registration_closes",
            "Registration must close after it opens.",
        ),
    ],
)
def test_event_create_bad_registration_set_up_shows_the_error(client, staff, extra, field, message):
    response = client.post(
        reverse("organizer:event_create", args=[staff.host.slug]),
        _event_data(**extra, **_management(0)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Event.objects.count() == 0


def test_event_create_choice_question_without_choices_shows_the_error(client, staff):
    data = _event_data(
        **_management(1),
        **{"questions-0-label": "方向", "questions-0-type": "choice", "questions-0-ORDER": "1"},
    )
    response = client.post(reverse("organizer:event_create", args=[staff.host.slug]), data)
    assert response.context["questions"].errors == [
        {"choices": ["Give at least one choice, one per line."]}
    ]
    assert Event.objects.count() == 0


def _edit_data(event: Event, **extra) -> dict:
    start = event.start.astimezone(SHANGHAI)
    end = event.end.astimezone(SHANGHAI)
    return _event_data(start=f"{start:%Y-%m-%dT%H:%M}", end=f"{end:%Y-%m-%dT%H:%M}", **extra)


def test_event_edit_shows_the_questions_and_offers_to_move_the_agenda(client, staff):
    event = EventFactory(
        host=staff.host,
        questions=[{"key": "org", "label": "单位", "type": "choice", "choices": ["甲", "乙"]}],
    )
    SessionFactory(event=event)
    response = client.get(_url("event_edit", event))
    questions = response.context["questions"]
    assert [f.initial for f in questions.initial_forms] == [
        {
            "key": "org",
            "label": "单位",
            "label_en": "",
            "type": "choice",
            "required": False,
            "choices": "甲\n乙",
            "ORDER": 1,
        }
    ]
    html = response.content.decode()
    assert response.context["form"]["move_sessions"].value() is True
    assert "Move the sessions too" in html


def test_event_edit_without_sessions_offers_no_move(client, staff):
    event = EventFactory(host=staff.host)
    response = client.get(_url("event_edit", event))
    assert "move_sessions" not in response.context["form"].fields


def test_event_edit_moves_the_agenda_by_one_hour(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(host=staff.host, start=start, end=start + dt.timedelta(hours=3))
    session = SessionFactory(event=event, start=event.end - dt.timedelta(hours=1))
    hour = dt.timedelta(hours=1)
    later = EventFactory.build(start=event.start + hour, end=event.end + hour)
    data = _edit_data(later, move_sessions="on", **_management(0))
    response = client.post(_url("event_edit", event), data)
    assert response["Location"] == _url("event", event)
    session.refresh_from_db()
    assert (session.start, session.end) == (event.end, event.end + hour)


def test_event_edit_without_moving_refuses_stranded_sessions(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(host=staff.host, start=start, end=start + dt.timedelta(hours=3))
    SessionFactory(event=event, title="开幕", start=event.start)
    hour = dt.timedelta(hours=1)
    later = EventFactory.build(start=event.start + hour, end=event.end + hour)
    response = client.post(_url("event_edit", event), _edit_data(later, **_management(0)))
    assert response.context["form"].non_field_errors() == [
        "These sessions would fall outside the event: 开幕. Move them first."
    ]
    event.refresh_from_db()
    assert event.start == later.start - hour


def test_event_edit_quota_below_confirmed_seats_shows_the_error(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(
        host=staff.host, quota_experts=5, start=start, end=start + dt.timedelta(hours=3)
    )
    for _ in range(2):
        RegistrationFactory(event=event, role="expert", status=Registration.Status.CONFIRMED)
    response = client.post(
        _url("event_edit", event), _edit_data(event, quota_experts="1", **_management(0))
    )
    assert response.context["form"].errors["quota_experts"] == [
        "Seats already confirmed here: 2. This figure cannot go below that; cancel "
        "registrations first to lower it."
    ]


def test_event_edit_removes_a_question_and_keeps_the_rest(client, staff):
    questions = [
        {"key": "org", "label": "单位", "type": "text"},
        {"key": "meal", "label": "午餐", "type": "yesno"},
    ]
    event = EventFactory(host=staff.host, questions=questions)
    data = _edit_data(
        event,
        **_management(2, initial=2),
        **{
            "questions-0-key": "org",
            "questions-0-label": "单位",
            "questions-0-type": "text",
            "questions-0-ORDER": "1",
            "questions-0-DELETE": "on",
            "questions-1-key": "meal",
            "questions-1-label": "午餐",
            "questions-1-type": "yesno",
            "questions-1-required": "on",
            "questions-1-ORDER": "2",
        },
    )
    client.post(_url("event_edit", event), data)
    event.refresh_from_db()
    assert event.questions == [
        {
            "key": "meal",
            "label": "午餐",
            "label_en": "",
            "type": "yesno",
            "required": True,
            "choices": [],
        }
    ]


def test_event_edit_without_the_questions_part_leaves_them(client, staff):
    questions = [{"key": "org", "label": "单位", "type": "text"}]
    event = EventFactory(host=staff.host, questions=questions)
    client.post(_url("event_edit", event), _edit_data(event, title="新标题"))
    event.refresh_from_db()
    assert (event.title, event.questions) == ("新标题", questions)


def test_event_manage_page_shows_the_registration_set_up_and_chat_links(client, staff):
    event = EventFactory(
        host=staff.host,
        capacity=20,
        quota_experts=10,
        questions=[{"key": "org", "label": "单位", "type": "text", "required": True}],
    )
    html = client.get(_url("event", event)).content.decode()
    assert '<dd data-setup="capacity">20</dd>' in html
    assert '<dd data-setup="quota_experts">10</dd>' in html
    assert 'data-setup="quota_guests"' not in html
    assert "单位 *" in html
    assert reverse("chat:settings", args=[event.slug]) in html
    assert reverse("chat:lobby", args=[event.slug]) in html
