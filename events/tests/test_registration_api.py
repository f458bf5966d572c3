import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


def staff_of(host):
    host.status = host.Status.APPROVED
    host.save()
    return HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user


def registrations_url(event):
    return reverse("api:event-registration-list", kwargs={"event_pk": event.pk})


def registration_url(registration, action=""):
    name = f"api:event-registration-{action or 'detail'}"
    return reverse(name, kwargs={"event_pk": registration.event_id, "pk": registration.pk})


def test_api_register_as_guest_without_answers(client):
    event = EventFactory(capacity=1)
    user = UserFactory(onboarded_at=None)
    client.force_login(user)
    response = client.post(registrations_url(event), {"role": "guest"}, "application/json")
    body = response.json()
    registration = Registration.objects.get(event=event, user=user)
    assert response.status_code == 201
    assert (body["id"], body["status"], body["role"]) == (registration.pk, "confirmed", "guest")
    assert body["ticket_url"] == (
        "http://testserver" + reverse("events:ticket", args=[registration.ticket_token])
    )


def test_api_register_full_event_waitlists(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    client.force_login(UserFactory())
    body = client.post(registrations_url(event), {"role": "guest"}, "application/json").json()
    assert (body["status"], body["ticket_url"]) == ("waitlisted", None)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"role": "pilot"}, "invalid_choice"),
        ({"role": "expert"}, "role_needs_profile"),
        ({"role": "guest", "answers": {}}, "answers"),
        ({"role": "guest", "answers": "nope"}, "not_a_dict"),
        ({}, "required"),
    ],
)
def test_api_register_bad_input_is_400_json(client, payload, code):
    event = EventFactory(questions=[{"key": "org", "label": "单位", "required": True}])
    client.force_login(UserFactory())
    response = client.post(registrations_url(event), payload, "application/json")
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert response.json()["detail"]


def test_api_register_unknown_event_is_404(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("api:event-registration-list", kwargs={"event_pk": 999999}),
        {"role": "guest"},
        "application/json",
    )
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_api_register_draft_event_is_404(client):
    client.force_login(UserFactory())
    event = EventFactory(status="draft")
    response = client.post(registrations_url(event), {"role": "guest"}, "application/json")
    assert response.status_code == 404


def test_api_cancel_own_registration_promotes_next(client):
    event = EventFactory(capacity=1)
    mine = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED)
    client.force_login(mine.user)
    response = client.delete(registration_url(mine))
    waiting.refresh_from_db()
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert waiting.status == S.CONFIRMED


def test_api_cancel_after_start_is_400(client):
    now = timezone.now()
    event = EventFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1))
    mine = RegistrationFactory(event=event)
    client.force_login(mine.user)
    response = client.delete(registration_url(mine))
    assert (response.status_code, response.json()["code"]) == (400, "started")


@pytest.mark.parametrize("size", [1, 3])
def test_api_list_registrations_constant_queries(client, django_assert_num_queries, size):
    event = EventFactory()
    staff = staff_of(event.host)
    made = [RegistrationFactory(event=event) for _ in range(size)]
    client.force_login(staff)
    # session, user, event, membership, count, page, companies
    with django_assert_num_queries(7):
        response = client.get(registrations_url(event))
    body = response.json()
    assert body["count"] == size
    assert [r["id"] for r in body["results"]] == [r.pk for r in made]
    assert set(body["results"][0]) >= {"name", "email", "organization", "status", "role"}


def test_api_list_registrations_filters(client):
    event = EventFactory()
    staff = staff_of(event.host)
    wanted = RegistrationFactory(event=event, role="expert", user=UserFactory(name="张教授"))
    RegistrationFactory(event=event, role="guest", user=UserFactory(name="张三"))
    RegistrationFactory(event=event, role="expert", status=S.CANCELLED)
    client.force_login(staff)
    body = client.get(
        registrations_url(event), {"role": "expert", "status": "confirmed", "search": "张"}
    ).json()
    assert [r["id"] for r in body["results"]] == [wanted.pk]


def test_api_approve_pending(client):
    event = EventFactory(requires_approval=True)
    registration = RegistrationFactory(event=event, status=S.PENDING)
    client.force_login(staff_of(event.host))
    body = client.post(registration_url(registration, "approve")).json()
    assert body["status"] == "confirmed"


def test_api_reject_with_reason(client):
    registration = RegistrationFactory()
    client.force_login(staff_of(registration.event.host))
    body = client.post(
        registration_url(registration, "reject"), {"reason": "非本地企业"}, "application/json"
    ).json()
    assert (body["status"], body["rejection_reason"]) == ("rejected", "非本地企业")


def test_api_check_in_ok_then_already(client):
    registration = RegistrationFactory()
    event = registration.event
    client.force_login(staff_of(event.host))
    url = reverse("api:event-check-in", kwargs={"event_pk": event.pk})
    first = client.post(url, {"code": registration.ticket_token}, "application/json").json()
    second = client.post(url, {"code": registration.ticket_token}, "application/json").json()
    assert (first["outcome"], first["registration"]["id"]) == ("ok", registration.pk)
    assert second["outcome"] == "already"
    local = registration.event.tzinfo
    registration.refresh_from_db()
    when = registration.checked_in_at.astimezone(local).strftime("%Y-%m-%d %H:%M")
    assert second["message"] == f"已于 {when} 由 {registration.checked_in_by.display_name} 签到。"


def test_api_check_in_other_hosts_ticket_says_nothing_more(client):
    event = EventFactory()
    foreign = RegistrationFactory()
    client.force_login(staff_of(event.host))
    body = client.post(
        reverse("api:event-check-in", kwargs={"event_pk": event.pk}),
        {"code": foreign.ticket_token},
        "application/json",
    ).json()
    assert (body["outcome"], body["registration"]) == ("other_event", None)


@pytest.mark.parametrize("size", [1, 3])
def test_api_events_list_seats_left_constant_queries(client, django_assert_num_queries, size):
    events = [EventFactory(capacity=10, quota_experts=4) for _ in range(size)]
    RegistrationFactory(event=events[0], role="expert")
    with django_assert_num_queries(2):
        body = client.get(reverse("api:event-list")).json()
    assert body["results"][0]["seats_left"] == {
        "total": 9,
        "expert": 3,
        "enterprise": 9,
        "guest": 9,
    }


def test_api_event_detail_seats_left_without_limits(client):
    event = EventFactory()
    body = client.get(reverse("api:event-detail", args=[event.pk])).json()
    assert body["seats_left"] == {"total": None, "expert": None, "enterprise": None, "guest": None}


def test_api_schema_documents_registration_endpoints(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert set(schema["paths"]["/api/v1/events/{event_pk}/registrations/"]) >= {"get", "post"}
    assert "delete" in schema["paths"]["/api/v1/events/{event_pk}/registrations/{id}/"]
    assert "post" in schema["paths"]["/api/v1/events/{event_pk}/check-in/"]


def test_api_approve_many_first_come_until_full(client):
    event = EventFactory(requires_approval=True, capacity=1)
    first = RegistrationFactory(event=event, status=S.PENDING)
    second = RegistrationFactory(event=event, status=S.PENDING)
    foreign = RegistrationFactory(status=S.PENDING)
    client.force_login(staff_of(event.host))
    body = client.post(
        reverse("api:event-registration-approve-many", kwargs={"event_pk": event.pk}),
        {"ids": [second.pk, first.pk, foreign.pk]},
        "application/json",
    ).json()
    assert [(r["id"], r["status"]) for r in body] == [
        (first.pk, "confirmed"),
        (second.pk, "waitlisted"),
    ]
    foreign.refresh_from_db()
    assert foreign.status == S.PENDING


def test_api_schema_has_no_warnings():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "/api/v1/events/{event_pk}/registrations/approve/" in out.getvalue()


def test_api_register_answers_multiple_choice_and_yes_no(client):
    event = EventFactory(
        questions=[
            {"key": "days", "label": "日期", "type": "multiple", "choices": ["周一", "周二"]},
            {"key": "meal", "label": "午餐", "type": "yesno"},
        ]
    )
    client.force_login(UserFactory())
    payload = {"role": "guest", "answers": {"days": ["周二", "周一"], "meal": True}}
    body = client.post(registrations_url(event), payload, "application/json").json()
    assert body["answers"] == {"days": ["周一", "周二"], "meal": "yes"}


def test_api_register_answer_of_another_shape_is_400(client, settings):
    event = EventFactory(questions=[{"key": "org", "label": "单位"}])
    client.force_login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    payload = {"role": "guest", "answers": {"org": {"name": "x"}}}
    response = client.post(registrations_url(event), payload, "application/json")
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Answer with a text or a list of texts.",
    )
