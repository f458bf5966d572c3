"""The organizer's one registrations page: search, filters, bulk actions, exports, and the old
address that now points to it."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(client):
    event = EventFactory(capacity=10)
    staff = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
    client.force_login(staff)
    event.staff = staff
    return event


def _url(event, name="registrations"):
    return reverse(f"organizer:{name}", args=[event.host.slug, event.slug])


def _shown(response) -> list[int]:
    return [registration.pk for registration, _org, _checked in response.context["rows"]]


def test_old_address_sends_staff_to_the_page_with_the_query(client, event):
    old = reverse("events:manage_registrations", args=[event.slug])
    response = client.get(old, {"status": "pending", "q": "王"})
    assert (response.status_code, response["Location"]) == (
        301,
        f"{_url(event)}?status=pending&q=%E7%8E%8B",
    )


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("王小明", "named"),
        ("wang@example", "named"),
        ("13912345678", "expert"),
        ("山东大学", "expert"),
        ("海洋科技", "company"),
        ("021-5555", "answered"),
    ],
)
def test_search_finds_name_email_phone_and_organization(client, event, text, who):
    people = {
        "named": RegistrationFactory(
            event=event, user=UserFactory(name="王小明", email="wang@example.com")
        ),
        "expert": RegistrationFactory(
            event=event,
            user=ExpertProfileFactory(
                user=UserFactory(), institution="山东大学", phone="13912345678"
            ).user,
            role="expert",
        ),
        "company": RegistrationFactory(
            event=event,
            user=CompanyMembershipFactory(company__name="海洋科技有限公司").user,
            role="enterprise",
        ),
        "answered": RegistrationFactory(event=event, answers={"phone": "021-55556666"}),
    }
    response = client.get(_url(event), {"q": text})
    assert _shown(response) == [people[who].pk]


def test_filters_by_checked_in_role_and_status(client, event):
    checked = RegistrationFactory(event=event, checked_in_at=timezone.now())
    waiting = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=S.CANCELLED)

    assert _shown(client.get(_url(event), {"checked_in": "yes"})) == [checked.pk]
    assert _shown(client.get(_url(event), {"checked_in": "no", "status": "confirmed"})) == [
        waiting.pk
    ]
    assert _shown(client.get(_url(event), {"role": "expert"})) == []


def test_exports_follow_the_filters(client, event):
    checked = RegistrationFactory(
        event=event, user=UserFactory(name="已到"), checked_in_at=timezone.now()
    )
    RegistrationFactory(event=event, user=UserFactory(name="未到"))

    text = client.get(_url(event, "registrations_csv"), {"checked_in": "yes"}).content
    sheet = load_workbook(
        io.BytesIO(client.get(_url(event, "registrations_xlsx"), {"checked_in": "yes"}).content)
    ).active

    lines = text.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [checked.user.display_name]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["已到"]


def test_page_links_exports_with_the_same_filters(client, event):
    html = client.get(_url(event), {"status": "confirmed", "page": "1"}).content.decode()
    assert f'{_url(event, "registrations_csv")}?status=confirmed"' in html
    assert reverse("organizer:sign_in_sheet", args=[event.host.slug, event.slug]) in html


def test_bulk_check_in_and_cancel(client, event):
    first, second = RegistrationFactory(event=event), RegistrationFactory(event=event)
    response = client.post(
        _url(event) + "?status=confirmed", {"action": "check_in", "ids": [first.pk, second.pk]}
    )
    assert response["Location"] == _url(event) + "?status=confirmed"
    assert [str(m) for m in client.get(response["Location"]).context["messages"]] == [
        "2 registrations updated."
    ]
    checked = Registration.objects.filter(pk__in=[first.pk, second.pk], checked_in_at__isnull=False)
    assert checked.count() == 2

    response = client.post(_url(event), {"action": "cancel", "ids": [first.pk]}, follow=True)
    first.refresh_from_db()
    assert first.status == S.CONFIRMED
    assert [str(m) for m in response.context["messages"]] == [
        "0 registrations updated.",
        f"{first.user.display_name}: This registration is checked in: it is kept as a record of "
        "attendance and can no longer be cancelled.",
    ]


@pytest.mark.parametrize("bad", ["²", "١٢", "99999999999999999999", "-1", "abc", ""])
def test_bulk_action_refuses_odd_ids_without_touching_anything(client, event, bad):
    registration = RegistrationFactory(event=event)
    response = client.post(
        _url(event), {"action": "cancel", "ids": [registration.pk, bad]}, follow=True
    )
    registration.refresh_from_db()
    messages = [str(m) for m in response.context["messages"]]
    assert (response.status_code, registration.status) == (200, S.CONFIRMED)
    assert messages == [f"“{bad}” is not a valid id."]


def test_bulk_action_of_another_host_staff_changes_nothing(client, event):
    registration = RegistrationFactory(event=event)
    other = HostMembershipFactory(role=HostMembership.Role.STAFF).user
    client.force_login(other)
    response = client.post(_url(event), {"action": "cancel", "ids": [registration.pk]})
    registration.refresh_from_db()
    assert (response.status_code, registration.status) == (404, S.CONFIRMED)


def test_page_is_paginated_with_the_one_partial(client, event):
    for _ in range(51):
        RegistrationFactory(event=event, status=S.WAITLISTED)
    html = client.get(_url(event), {"status": "waitlisted"}).content.decode()
    assert '<nav class="pagination"' in html
    assert "?status=waitlisted&amp;page=2" in html


def test_exports_have_a_column_per_question(client, event):
    event.questions = [
        {
            "key": "days",
            "label": "日期",
            "label_en": "Days",
            "type": "multiple",
            "choices": ["一", "二"],
        },
        {"key": "meal", "label": "午餐", "type": "yesno"},
    ]
    event.save()
    RegistrationFactory(
        event=event, user=UserFactory(name="甲"), answers={"days": ["一", "二"], "meal": "no"}
    )
    RegistrationFactory(event=event, user=UserFactory(name="乙"), answers={})

    lines = client.get(_url(event, "registrations_csv")).content.decode("utf-8-sig").splitlines()
    sheet = load_workbook(io.BytesIO(client.get(_url(event, "registrations_xlsx")).content)).active

    assert lines[0].split(",")[-2:] == ["Days", "午餐"]
    assert [line.split(",")[0] for line in lines[1:]] == ["甲", "乙"]
    rows = [row[-2:] for row in sheet.iter_rows(values_only=True)]
    assert rows == [("Days", "午餐"), ("一, 二", "No"), (None, None)]
