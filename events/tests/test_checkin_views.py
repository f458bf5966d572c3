"""The door's page and API: search, short codes, the offline sync's answers, and where the
short code is printed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.tests.factories import EventFactory, RegistrationFactory
from events.tests.test_registration_views import staff_of
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = pytest.mark.django_db


def _page(event):
    return reverse("events:check_in", args=[event.slug])


def _api(event):
    return reverse("api:event-check-in", kwargs={"event_pk": event.pk})


@pytest.fixture
def door(client):
    event = EventFactory(timezone="Asia/Shanghai")
    staff = staff_of(event.host)
    client.force_login(staff)
    return event, staff


# --- Search ------------------------------------------------------------------------------------
@pytest.fixture
def people(door):
    event, _staff = door
    by_name = RegistrationFactory(event=event, user=UserFactory(name="王海洋"))
    by_phone = RegistrationFactory(event=event, user=UserFactory(phone="+8613800138000"))
    member = CompanyMembershipFactory(company__name="蓝色海湾科技有限公司")
    by_company = RegistrationFactory(event=event, user=member.user)
    RegistrationFactory(user=UserFactory(name="王海洋"))  # another event's
    return by_name, by_phone, by_company


@pytest.mark.parametrize(
    ("q", "found"),
    [("王海洋", [0]), ("13800138000", [1]), ("蓝色海湾", [2]), ("", []), ("nobody", [])],
)
def test_check_in_search_by_name_phone_or_company(client, door, people, q, found):
    response = client.get(_page(door[0]), {"q": q})
    assert [r for r, _org in response.context["matches"]] == [people[i] for i in found]


def test_check_in_search_lists_confirmed_first_with_a_button_only_where_it_helps(client, door):
    event, _staff = door
    cancelled = RegistrationFactory(event=event, user=UserFactory(name="李明"), status="cancelled")
    done = RegistrationFactory(
        event=event, user=UserFactory(name="李明亮"), checked_in_at=timezone.now()
    )
    waiting = RegistrationFactory(event=event, user=UserFactory(name="李明远"))
    response = client.get(_page(event), {"q": "李明"})
    html = response.content.decode()
    assert [r for r, _org in response.context["matches"]] == [done, waiting, cancelled]
    assert html.count('class="door-match-form"') == 1
    assert f'value="{waiting.ticket_token}"' in html


@pytest.mark.parametrize("size", [1, 3])
def test_check_in_search_queries(client, door, django_assert_num_queries, size):
    event, _staff = door
    for n in range(size):
        member = CompanyMembershipFactory(company__name=f"海湾公司{n}")
        RegistrationFactory(event=event, user=member.user)
    with django_assert_num_queries(8):
        response = client.get(_page(event), {"q": "海湾"})
    assert len(response.context["matches"]) == size


def test_check_in_search_of_another_hosts_staff_is_404(client, door):
    other = EventFactory()
    RegistrationFactory(event=other, user=UserFactory(name="王海洋"))
    assert client.get(_page(other), {"q": "王海洋"}).status_code == 404


# --- Short codes on the page -------------------------------------------------------------------
def test_check_in_page_accepts_the_short_code(client, door):
    event, staff = door
    registration = RegistrationFactory(event=event)
    response = client.post(_page(event), {"code": registration.short_code.lower()})
    registration.refresh_from_db()
    assert (response.status_code, response.context["result"].outcome) == (200, "ok")
    assert registration.checked_in_by == staff


def test_check_in_page_already_says_when_and_by_whom(client, door):
    event, staff = door
    when = dt.datetime(2026, 5, 1, 1, 30, tzinfo=dt.UTC)
    registration = RegistrationFactory(event=event, checked_in_at=when, checked_in_by=staff)
    response = client.post(_page(event), {"code": registration.short_code})
    html = " ".join(response.content.decode().split())
    assert response.context["result"].outcome == "already"
    assert (
        f"{registration.user.display_name} 已于 2026年5月1日 09:30 由 {staff.display_name} 签到。"
    ) in html


def test_check_in_page_short_codes_past_the_limit_is_429(client, door, settings):
    settings.CHECK_IN_SHORT_CODE_COUNT, settings.CHECK_IN_SHORT_CODE_SECONDS = 1, 60
    event, _staff = door
    registration = RegistrationFactory(event=event)
    client.post(_page(event), {"code": "ABCDEFGH"})
    response = client.post(_page(event), {"code": registration.short_code})
    registration.refresh_from_db()
    assert (response.status_code, response.context["result"].outcome) == (429, "rate_limited")
    assert "短时间内尝试的签到码过多：请稍等一分钟，或扫描二维码。" in response.content.decode()
    assert registration.checked_in_at is None


# --- The API the page's script sends scans to --------------------------------------------------
def test_api_check_in_by_short_code_then_again_is_idempotent(client, door):
    event, staff = door
    registration = RegistrationFactory(event=event)
    first = client.post(_api(event), {"code": registration.short_code}, "application/json")
    second = client.post(_api(event), {"code": registration.short_code}, "application/json")
    registration.refresh_from_db()
    first, second = first.json(), second.json()
    assert (first["outcome"], first["by_you"], first["checked_in_by"]) == (
        "ok",
        True,
        staff.display_name,
    )
    assert (second["outcome"], second["by_you"], second["checked_in_by"]) == (
        "already",
        True,
        staff.display_name,
    )
    assert first["checked_in_at"] == second["checked_in_at"]
    assert dt.datetime.fromisoformat(second["checked_in_at"]) == registration.checked_in_at
    assert second["registration"]["short_code"] == registration.short_code


def test_api_already_checked_in_by_a_colleague_is_not_by_you(client, door):
    event, _staff = door
    colleague = staff_of(event.host)
    registration = RegistrationFactory(
        event=event, checked_in_at=timezone.now(), checked_in_by=colleague
    )
    body = client.post(_api(event), {"code": registration.ticket_token}, "application/json").json()
    assert (body["outcome"], body["by_you"], body["checked_in_by"]) == (
        "already",
        False,
        colleague.display_name,
    )


def test_api_scan_kept_offline_keeps_its_time(client, door):
    event, _staff = door
    registration = RegistrationFactory(event=event)
    scanned = (timezone.now() - dt.timedelta(minutes=12)).replace(microsecond=0)
    body = client.post(
        _api(event),
        {"code": registration.ticket_token, "scanned_at": scanned.isoformat()},
        "application/json",
    ).json()
    registration.refresh_from_db()
    assert (body["outcome"], registration.checked_in_at) == ("ok", scanned)


def test_api_scanned_at_not_a_time_is_400(client, door):
    event, _staff = door
    registration = RegistrationFactory(event=event)
    response = client.post(
        _api(event),
        {"code": registration.ticket_token, "scanned_at": "yesterday"},
        "application/json",
    )
    registration.refresh_from_db()
    assert response.status_code == 400
    assert (response.json()["code"], list(response.json()["errors"])) == ("invalid", ["scanned_at"])
    assert registration.checked_in_at is None


def test_api_short_codes_past_the_limit_is_429(client, door, settings):
    settings.CHECK_IN_SHORT_CODE_COUNT, settings.CHECK_IN_SHORT_CODE_SECONDS = 1, 60
    event, _staff = door
    registration = RegistrationFactory(event=event)
    client.post(_api(event), {"code": "ABCDEFGH"}, "application/json")
    response = client.post(_api(event), {"code": registration.short_code}, "application/json")
    assert (response.status_code, response.json()) == (
        429,
        {
            "detail": "短时间内尝试的签到码过多：请稍等一分钟，或扫描二维码。",
            "code": "rate_limited",
        },
    )


def test_api_other_event_has_no_check_in_time(client, door):
    event, _staff = door
    foreign = RegistrationFactory(checked_in_at=timezone.now())
    body = client.post(_api(event), {"code": foreign.ticket_token}, "application/json").json()
    assert (body["outcome"], body["checked_in_at"], body["checked_in_by"], body["by_you"]) == (
        "other_event",
        None,
        None,
        False,
    )


# --- Where the short code is printed -----------------------------------------------------------
def test_ticket_shows_the_short_code(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    html = client.get(reverse("events:ticket", args=[registration.ticket_token])).content.decode()
    assert f'签到码：<strong class="ticket-short-code">{registration.short_code}</strong>' in html


def test_badges_and_sign_in_sheet_show_the_short_code(client, door):
    event, _staff = door
    registration = RegistrationFactory(event=event)
    for name in ("badges", "sign_in_sheet"):
        url = reverse(f"organizer:{name}", args=[event.host.slug, event.slug])
        html = client.get(url).content.decode()
        assert registration.short_code in html, name
