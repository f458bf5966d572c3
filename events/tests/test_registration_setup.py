"""The registration set-up an organizer changes through event_create and event_update: seats
per role, questions and the window (events/services/registration_setup.py), and moving an
event with its agenda."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.services import events as services
from events.services.registration_rules import validate_answers
from events.services.registration_setup import questions_normalise
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.tests.factories import HostFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


CHOICE = {"key": "topic", "label": "方向", "type": "choice", "choices": ["金融", "科创"]}
MULTI = {"key": "days", "label": "日期", "type": "multiple", "choices": ["周一", "周二", "周三"]}
YESNO = {"key": "meal", "label": "午餐", "type": "yesno", "required": True}


def _error(info, field: str) -> tuple[str, str]:
    error = info.value.error_dict[field][0]
    return error.code, error.messages[0]


def _create(**fields):
    start = dt.datetime(2030, 5, 20, 6, 0, tzinfo=dt.UTC)
    return services.event_create(
        host=HostFactory(), title="座谈会", start=start, end=start + dt.timedelta(hours=3), **fields
    )


# --- questions ----------------------------------------------------------------------------------


def test_questions_normalise_keeps_order_makes_keys_and_cleans_choices():
    cleaned = questions_normalise(
        [
            {"label": " 单位 ", "type": "text", "required": "on"},
            {
                "key": "topic",
                "label": "方向",
                "type": "choice",
                "choices": [" 金融", "", "金融", "科创"],
            },
        ]
    )
    assert cleaned[0]["key"].startswith("q") and len(cleaned[0]["key"]) == 9
    assert cleaned == [
        {
            "key": cleaned[0]["key"],
            "label": "单位",
            "label_en": "",
            "type": "text",
            "required": True,
            "choices": [],
        },
        {
            "key": "topic",
            "label": "方向",
            "label_en": "",
            "type": "choice",
            "required": False,
            "choices": ["金融", "科创"],
        },
    ]


@pytest.mark.parametrize(
    "questions",
    [
        [{"label": "", "type": "text"}],
        [{"label": "方向", "type": "choice", "choices": ["", " "]}],
        [{"label": "多选", "type": "multiple"}],
        [{"label": "评分", "type": "rating"}],
        [{"key": "a", "label": "一"}, {"key": "a", "label": "二"}],
        "not a list",
        [{"label": f"问题{n}"} for n in range(31)],
    ],
)
def test_event_create_refuses_malformed_questions(questions):
    with pytest.raises(ValidationError) as info:
        _create(questions=questions)
    assert list(info.value.error_dict) == ["questions"]


def test_validate_answers_of_every_type():
    event = EventFactory(
        questions=[{"key": "org", "label": "单位", "type": "text"}, CHOICE, MULTI, YESNO]
    )
    answers = {"org": " 山大 ", "topic": "科创", "days": ["周三", "周一"], "meal": "yes"}
    assert validate_answers(event, answers) == {
        "org": "山大",
        "topic": "科创",
        "days": ["周一", "周三"],
        "meal": "yes",
    }


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"meal": "maybe"}, "“maybe” is not one of the choices for “午餐”."),
        ({"meal": "no", "days": ["周五"]}, "“周五” is not one of the choices for “日期”."),
        ({"meal": "no", "topic": ["金融", "科创"]}, "Give one answer to “方向”."),
        ({"days": ["周一"]}, "Please answer “午餐”."),
    ],
)
def test_validate_answers_refuses_what_does_not_fit(answers, message):
    event = EventFactory(questions=[CHOICE, MULTI, YESNO])
    with pytest.raises(ValidationError) as info:
        validate_answers(event, answers)
    assert (info.value.code, info.value.messages) == ("answers", [message])


def _answered_event():
    event = EventFactory(questions=[CHOICE, MULTI])
    RegistrationFactory(event=event, answers={"topic": "金融", "days": ["周二"]})
    RegistrationFactory(event=event, status=S.CANCELLED, answers={"days": ["周三"]})
    return event


def test_event_update_refuses_to_drop_a_choice_someone_picked():
    event = _answered_event()
    changed = [CHOICE, {**MULTI, "choices": ["周一", "周三"]}]
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, questions=changed)
    assert _error(info, "questions") == (
        "answered",
        "Registrants chose 周二 in “日期”: keep these choices.",
    )


def test_event_update_may_drop_a_choice_only_cancelled_people_picked_and_add_others():
    event = _answered_event()
    changed = [{**CHOICE, "label": "研究方向"}, {**MULTI, "choices": ["周二", "周四"]}]
    services.event_update(event=event, questions=changed)
    event.refresh_from_db()
    assert [q["choices"] for q in event.questions] == [["金融", "科创"], ["周二", "周四"]]
    assert event.questions[0]["label"] == "研究方向"


def test_event_update_refuses_a_new_type_for_an_answered_question():
    event = _answered_event()
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, questions=[{**CHOICE, "type": "text"}, MULTI])
    assert _error(info, "questions") == (
        "answered",
        "Registrants have answered “方向”: its type can no longer change. "
        "Add a new question instead.",
    )


def test_event_update_removing_an_answered_question_keeps_its_answers():
    event = _answered_event()
    services.event_update(event=event, questions=[MULTI])
    event.refresh_from_db()
    assert [q["key"] for q in event.questions] == ["days"]
    kept = Registration.objects.get(event=event, status=S.CONFIRMED).answers
    assert kept == {"topic": "金融", "days": ["周二"]}


# --- seats --------------------------------------------------------------------------------------


def test_event_create_with_quotas_and_window():
    opens = dt.datetime(2030, 5, 1, 1, 0, tzinfo=dt.UTC)
    event = _create(
        capacity=30,
        quota_experts=10,
        quota_enterprises=10,
        registration_opens=opens,
        registration_closes=opens + dt.timedelta(days=10),
        requires_approval=True,
        visibility="invite",
    )
    assert (event.capacity, event.quota_experts, event.quota_enterprises, event.quota_guests) == (
        30,
        10,
        10,
        None,
    )
    assert (event.requires_approval, event.visibility, len(event.invitation_code) > 20) == (
        True,
        "invite",
        True,
    )


def test_event_create_refuses_a_quota_above_the_capacity():
    with pytest.raises(ValidationError) as info:
        _create(capacity=10, quota_guests=11)
    assert _error(info, "quota_guests") == (
        "quota_above_capacity",
        "A role's seats cannot exceed the capacity (10).",
    )


def _event_with_confirmed(**limits):
    event = EventFactory(**limits)
    for role in ("expert", "expert", "enterprise"):
        RegistrationFactory(event=event, role=role, status=S.CONFIRMED)
    RegistrationFactory(event=event, role="expert", status=S.WAITLISTED)
    return event


def test_event_update_refuses_a_quota_below_confirmed_seats():
    event = _event_with_confirmed(capacity=10, quota_experts=5)
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, quota_experts=1)
    assert _error(info, "quota_experts") == (
        "below_confirmed",
        "Seats already confirmed here: 2. This figure cannot go below that; cancel "
        "registrations first to lower it.",
    )
    event.refresh_from_db()
    assert event.quota_experts == 5


def test_event_update_refuses_a_capacity_below_confirmed_seats():
    event = _event_with_confirmed(capacity=10)
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, capacity=2)
    assert _error(info, "capacity")[0] == "below_confirmed"


def test_event_update_lowers_a_quota_to_exactly_the_confirmed_seats():
    event = _event_with_confirmed(capacity=10, quota_experts=5)
    services.event_update(event=event, quota_experts=2, quota_enterprises=1)
    event.refresh_from_db()
    assert (event.quota_experts, event.quota_enterprises) == (2, 1)


def test_event_update_raising_a_quota_promotes_the_waiting_list():
    event = _event_with_confirmed(capacity=10, quota_experts=2)
    services.event_update(event=event, quota_experts=3)
    statuses = sorted(event.registrations.filter(role="expert").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "confirmed"]


def test_event_update_keeps_an_unchanged_limit_already_exceeded():
    event = _event_with_confirmed(capacity=1)
    services.event_update(event=event, capacity=1, title="新标题")
    event.refresh_from_db()
    assert (event.capacity, event.title) == (1, "新标题")


# --- window -------------------------------------------------------------------------------------


def test_event_create_refuses_a_window_that_closes_before_it_opens():
    opens = dt.datetime(2030, 5, 10, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as info:
        _create(registration_opens=opens, registration_closes=opens - dt.timedelta(hours=1))
    assert _error(info, "registration_closes") == (
        "window",
        "Registration must close after it opens.",
    )


def test_event_create_refuses_a_window_that_opens_after_the_event():
    with pytest.raises(ValidationError) as info:
        _create(registration_opens=dt.datetime(2030, 6, 1, tzinfo=dt.UTC))
    assert _error(info, "registration_opens") == (
        "window",
        "Registration must open before the event ends.",
    )


# --- moving an event ----------------------------------------------------------------------------


def test_event_update_moves_the_agenda_with_the_event():
    event = EventFactory()
    first = SessionFactory(event=event, start=event.start)
    last = SessionFactory(event=event, start=event.end - dt.timedelta(hours=1))
    hour = dt.timedelta(hours=1)
    services.event_update(
        event=event, start=event.start + hour, end=event.end + hour, move_sessions=True
    )
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.start, last.end) == (event.start + hour, event.end + hour)


def test_event_update_without_moving_refuses_stranded_sessions_and_changes_nothing():
    event = EventFactory()
    session = SessionFactory(event=event, title="开幕", start=event.start)
    hour = dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, start=event.start + hour, end=event.end + hour)
    assert info.value.messages == [
        "These sessions would fall outside the event: 开幕. Move them first."
    ]
    session.refresh_from_db()
    assert session.start == event.start


def test_event_update_moving_still_refuses_sessions_that_fall_outside_a_shorter_event():
    event = EventFactory()
    SessionFactory(event=event, title="闭幕", start=event.end - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as info:
        services.event_update(
            event=event, start=event.start + dt.timedelta(hours=1), move_sessions=True
        )
    assert info.value.code == "sessions_outside"


def test_registration_with_answers_of_every_type_end_to_end():
    from events.services.registrations import registration_create

    event = EventFactory(questions=[CHOICE, MULTI, YESNO])
    registration = registration_create(
        event=event,
        user=UserFactory(),
        role="guest",
        answers={"topic": "金融", "days": ["周二"], "meal": "no"},
    )
    assert registration.answers == {"topic": "金融", "days": ["周二"], "meal": "no"}
