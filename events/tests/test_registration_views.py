import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


def staff_of(host):
    host.status = host.Status.APPROVED
    host.save()
    return HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user


def register_box(response) -> str:
    html = response.content.decode()
    return html[
        html.index('class="register-box"') : html.index(
            "</section>", html.index('class="register-box"')
        )
    ]


def test_event_detail_open_shows_register_button(client):
    event = EventFactory(capacity=5, quota_experts=2)
    client.force_login(UserFactory())
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert reverse("events:register", args=[event.slug]) in box
    assert '<dd data-seats="total">5</dd>' in box
    assert '<dd data-seats="expert">2</dd>' in box


def test_event_detail_anonymous_is_asked_to_log_in(client):
    event = EventFactory()
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert "/accounts/login/?next=" in box


def test_event_detail_full_offers_waiting_list(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    client.force_login(UserFactory())
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert "加入候补名单" in box


def test_event_detail_closed_window(client):
    event = EventFactory(registration_closes=timezone.now() - dt.timedelta(hours=1))
    client.force_login(UserFactory())
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert "报名已截止" in box
    assert reverse("events:register", args=[event.slug]) not in box


def test_event_detail_registered_shows_status_ticket_and_cancel(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    box = register_box(client.get(reverse("events:detail", args=[registration.event.slug])))
    assert "已确认" in box
    assert reverse("events:ticket", args=[registration.ticket_token]) in box
    assert 'name="cancel"' in box


def test_register_page_with_questions_registers(client):
    event = EventFactory(
        questions=[{"key": "org", "label": "单位", "required": True, "type": "text"}]
    )
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("events:register", args=[event.slug]))
    assert 'name="q_org"' in page.content.decode()
    response = client.post(
        reverse("events:register", args=[event.slug]), {"role": "guest", "q_org": "山东大学"}
    )
    assert response["Location"] == reverse("events:detail", args=[event.slug])
    registration = Registration.objects.get(event=event, user=user)
    assert (registration.status, registration.answers) == (S.CONFIRMED, {"org": "山东大学"})


def test_register_page_missing_answer_shows_error(client):
    event = EventFactory(
        questions=[{"key": "org", "label": "单位", "required": True, "type": "text"}]
    )
    client.force_login(UserFactory())
    response = client.post(reverse("events:register", args=[event.slug]), {"role": "guest"})
    assert response.status_code == 200
    assert response.context["form"].errors["q_org"] == ["该字段是必填项。"]
    assert not Registration.objects.filter(event=event).exists()


def test_register_page_expert_role_needs_profile(client):
    event = EventFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("events:register", args=[event.slug]), {"role": "expert"})
    assert "role" in response.context["form"].errors
    assert not Registration.objects.filter(event=event).exists()


def test_register_page_draft_event_is_404(client):
    event = EventFactory(status="draft")
    client.force_login(UserFactory())
    assert client.get(reverse("events:register", args=[event.slug])).status_code == 404


def test_cancel_after_start_shows_error_and_keeps_seat(client):
    now = timezone.now()
    event = EventFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1))
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)
    response = client.post(
        reverse("events:registration_cancel", args=[event.slug, registration.pk]), follow=True
    )
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert "活动已开始，报名不能再取消。" in response.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_my_events_lists_registrations_in_constant_queries(client, django_assert_num_queries, size):
    user = UserFactory()
    registrations = [RegistrationFactory(user=user) for _ in range(size)]
    client.force_login(user)
    # session, user, the organizer-area menu, registrations with their events; the events
    # are within a week, so the open chat rooms are looked for: staff, registrations,
    # speakers, sessions (chat/receivers.py)
    with django_assert_num_queries(8):
        response = client.get(reverse("events:my_events"))
    assert [row["registration"].pk for row in response.context["rows"]] == [
        r.pk for r in sorted(registrations, key=lambda r: r.event.start, reverse=True)
    ]


def test_ticket_page_has_inline_qr_with_token(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    html = client.get(reverse("events:ticket", args=[registration.ticket_token])).content.decode()
    assert "<svg" in html
    assert registration.ticket_token in html
    assert "http" not in re.search(r"<svg.*?</svg>", html, re.S).group(0).replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_ticket_page_cancelled_has_no_qr(client):
    registration = RegistrationFactory(status=S.CANCELLED)
    client.force_login(registration.user)
    response = client.get(reverse("events:ticket", args=[registration.ticket_token]))
    assert response.context["qr"] is None


@pytest.mark.parametrize("size", [1, 3])
def test_manage_registrations_constant_queries(client, django_assert_num_queries, size):
    event = EventFactory()
    staff = staff_of(event.host)
    for _ in range(size):
        RegistrationFactory(event=event)
    client.force_login(staff)
    # session, user, menu, event, membership, count, page, companies, seats, check-ins
    with django_assert_num_queries(10):
        response = client.get(
            reverse("organizer:registrations", args=[event.host.slug, event.slug])
        )
    assert len(response.context["page"]) == size


def test_manage_registrations_filters_and_search(client):
    event = EventFactory()
    staff = staff_of(event.host)
    wanted = RegistrationFactory(event=event, user=UserFactory(name="王小明"), role="guest")
    RegistrationFactory(event=event, user=UserFactory(name="李四"), role="guest")
    RegistrationFactory(event=event, role="guest", status=S.WAITLISTED)
    client.force_login(staff)
    response = client.get(
        reverse("organizer:registrations", args=[event.host.slug, event.slug]),
        {"status": "confirmed", "q": "小明"},
    )
    assert [r.pk for r in response.context["page"]] == [wanted.pk]


def test_manage_registrations_bulk_approve(client):
    event = EventFactory(requires_approval=True, capacity=1)
    staff = staff_of(event.host)
    first = RegistrationFactory(event=event, status=S.PENDING)
    second = RegistrationFactory(event=event, status=S.PENDING)
    client.force_login(staff)
    client.post(
        reverse("organizer:registrations", args=[event.host.slug, event.slug]),
        {"action": "approve", "ids": [first.pk, second.pk]},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.CONFIRMED, S.WAITLISTED)


def test_manage_registrations_bulk_reject_with_reason(client):
    event = EventFactory()
    staff = staff_of(event.host)
    registration = RegistrationFactory(event=event)
    other_event_registration = RegistrationFactory()
    client.force_login(staff)
    client.post(
        reverse("organizer:registrations", args=[event.host.slug, event.slug]),
        {"action": "reject", "ids": [registration.pk, other_event_registration.pk], "reason": "满"},
    )
    registration.refresh_from_db()
    other_event_registration.refresh_from_db()
    assert (registration.status, registration.rejection_reason) == (S.REJECTED, "满")
    assert other_event_registration.status == S.CONFIRMED


def check_in(client, event, code):
    response = client.post(reverse("events:check_in", args=[event.slug]), {"code": code})
    return response.context["result"].outcome, response.content.decode()


def test_check_in_page_answers_each_case(client):
    event = EventFactory(timezone="Asia/Shanghai")
    staff = staff_of(event.host)
    other_host_event = EventFactory()
    same_host_event = EventFactory(host=event.host, title="另一场")
    valid = RegistrationFactory(event=event)
    cancelled = RegistrationFactory(event=event, status=S.CANCELLED)
    client.force_login(staff)
    assert check_in(client, event, valid.ticket_token)[0] == "ok"
    outcome, html = check_in(client, event, f"  https://x.test/tickets/{valid.ticket_token}/ ")
    valid.refresh_from_db()
    local = timezone.localtime(valid.checked_in_at, event.tzinfo)
    assert outcome == "already"
    assert f"{local:%H:%M}" in html
    assert check_in(client, event, cancelled.ticket_token)[0] == "cancelled"
    outcome, html = check_in(client, event, RegistrationFactory(event=same_host_event).ticket_token)
    assert (outcome, "另一场" in html) == ("other_event", True)
    outcome, html = check_in(
        client, event, RegistrationFactory(event=other_host_event).ticket_token
    )
    assert (outcome, other_host_event.title in html) == ("other_event", False)
    assert check_in(client, event, "nonsense")[0] == "unknown"


def test_check_in_counts_json(client):
    event = EventFactory()
    staff = staff_of(event.host)
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=S.CANCELLED)
    client.force_login(staff)
    response = client.get(reverse("events:check_in_counts", args=[event.slug]))
    assert response.json() == {"confirmed": 2, "checked_in": 1, "walk_in": 0}


def test_walk_in_registers_and_checks_in(client):
    event = EventFactory()
    staff = staff_of(event.host)
    client.force_login(staff)
    client.post(
        reverse("events:walk_in", args=[event.slug]),
        {"name": "门口来宾", "email": "walk@example.com", "role": "guest"},
    )
    registration = Registration.objects.get(event=event, user__email="walk@example.com")
    assert (registration.walk_in, registration.checked_in_by) == (True, staff)


def test_other_hosts_staff_cannot_reach_check_in(client):
    event = EventFactory()
    client.force_login(staff_of(HostFactory()))
    assert client.get(reverse("events:check_in", args=[event.slug])).status_code == 404


def test_register_page_when_closed_goes_back_to_event(client):
    event = EventFactory(registration_closes=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(UserFactory())
    response = client.get(reverse("events:register", args=[event.slug]))
    assert response["Location"] == reverse("events:detail", args=[event.slug])


def test_event_detail_shows_role_seats_only_where_quotas_exist(client):
    event = EventFactory(capacity=50, quota_experts=10, quota_enterprises=10)
    RegistrationFactory(event=event, role="expert")
    RegistrationFactory(event=event, role="guest")
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert re.findall(r'<dd data-seats="(\w+)">(\d+)</dd>', box) == [
        ("total", "48"),
        ("expert", "9"),
        ("enterprise", "10"),
    ]


def test_event_detail_without_quotas_shows_the_total_only(client):
    event = EventFactory(capacity=50)
    box = register_box(client.get(reverse("events:detail", args=[event.slug])))
    assert re.findall(r'data-seats="(\w+)"', box) == ["total"]


def test_register_page_answers_multiple_choice_and_yes_no(client):
    event = EventFactory(
        questions=[
            {"key": "days", "label": "日期", "type": "multiple", "choices": ["周一", "周二"]},
            {"key": "meal", "label": "午餐", "type": "yesno", "required": True},
        ]
    )
    client.force_login(UserFactory())
    page = client.get(reverse("events:register", args=[event.slug])).content.decode()
    assert 'type="checkbox" name="q_days" value="周二"' in page
    assert 'type="radio" name="q_meal" value="no"' in page
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"role": "guest", "q_days": ["周二", "周一"], "q_meal": "yes"},
    )
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert registration.answers == {"days": ["周一", "周二"], "meal": "yes"}
