import datetime as dt
import io
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from events.models import Event, Registration, Session
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def staff(client):
    membership = HostMembershipFactory(role=HostMembership.Role.STAFF)
    client.force_login(membership.user)
    return membership


def _url(name, event, **kwargs):
    return reverse(
        f"organizer:{name}", kwargs={"host_slug": event.host.slug, "slug": event.slug, **kwargs}
    )


def test_event_create_reads_times_in_the_chosen_zone(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.post(
        reverse("organizer:event_create", args=[staff.host.slug]),
        {
            "title": "座谈会",
            "title_en": "Spring Forum",
            "start": "2030-03-21T14:30",
            "end": "2030-03-21T18:00",
            "timezone": "Asia/Shanghai",
            "visibility": "public",
            "cover": SimpleUploadedFile("cover.png", PNG, content_type="image/png"),
        },
    )
    event = Event.objects.get()
    assert response["Location"] == _url("event", event)
    assert (event.status, event.slug) == ("draft", "spring-forum")
    assert event.start == dt.datetime(2030, 3, 21, 14, 30, tzinfo=SHANGHAI)
    assert event.cover.name.endswith(".png")


def test_event_create_rejects_a_fake_image_cover(client, staff):
    response = client.post(
        reverse("organizer:event_create", args=[staff.host.slug]),
        {
            "title": "座谈会",
            "start": "2030-03-21T14:30",
            "end": "2030-03-21T18:00",
            "timezone": "Asia/Shanghai",
            "visibility": "public",
            "cover": SimpleUploadedFile("cover.png", b"<html>", content_type="image/png"),
        },
    )
    assert response.context["form"].errors["cover"] == [
        "This file is not a JPEG, PNG, WebP or GIF image."
    ]
    assert Event.objects.count() == 0


def test_event_create_end_before_start_shows_the_error(client, staff):
    response = client.post(
        reverse("organizer:event_create", args=[staff.host.slug]),
        {
            "title": "座谈会",
            "start": "2030-03-21T14:30",
            "end": "2030-03-21T12:00",
            "timezone": "Asia/Shanghai",
            "visibility": "public",
        },
    )
    assert response.context["form"].errors["end"] == ["The event must end after it starts."]


def test_event_edit_shows_times_in_the_event_zone(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(host=staff.host, start=start, end=start + dt.timedelta(hours=2))
    html = client.get(_url("event_edit", event)).content.decode()
    assert 'value="2030-05-01T09:00"' in html


def test_another_hosts_event_is_404_for_staff(client, staff):
    event = EventFactory()
    url = reverse("organizer:event", kwargs={"host_slug": staff.host.slug, "slug": event.slug})
    assert client.get(url).status_code == 404
    assert client.get(_url("event", event)).status_code == 404


def test_publish_and_cancel_through_the_pages(client, staff):
    event = EventFactory(host=staff.host, status=Event.Status.DRAFT)
    client.post(_url("event_publish", event))
    event.refresh_from_db()
    assert event.status == "published"
    response = client.post(_url("event_cancel", event), {"reason": ""})
    assert response.context["form"].errors["reason"] == ["This field is required."]
    client.post(_url("event_cancel", event), {"reason": "场地临时关闭"})
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == ("cancelled", "场地临时关闭")


def test_duplicate_through_the_page(client, staff):
    event = EventFactory(host=staff.host, slug="forum")
    SessionFactory(event=event)
    response = client.post(_url("event_duplicate", event), {"start": "2031-01-10T14:00"})
    copy = Event.objects.get(slug="forum-20310110")
    assert response["Location"] == _url("event", copy)
    assert copy.start == dt.datetime(2031, 1, 10, 14, 0, tzinfo=SHANGHAI)
    assert copy.sessions.count() == 1


def test_session_overlap_is_shown_on_the_form(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(host=staff.host, start=start, end=start + dt.timedelta(hours=4))
    SessionFactory(event=event, title="开幕", room="主会场", start=start)
    response = client.post(
        _url("session_create", event),
        {"title": "冲突", "start": "2030-05-01T09:30", "end": "2030-05-01T10:30", "room": "主会场"},
    )
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "“主会场” is already used by “开幕” at 2030-05-01 09:00 (Asia/Shanghai)–10:00."
    ]
    assert event.sessions.count() == 1


def test_session_create_through_the_page(client, staff):
    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=SHANGHAI)
    event = EventFactory(host=staff.host, start=start, end=start + dt.timedelta(hours=4))
    client.post(
        _url("session_create", event),
        {
            "title": "圆桌",
            "start": "2030-05-01T10:00",
            "end": "2030-05-01T11:00",
            "room": "A",
            "chat_enabled": "on",
            "notify": "on",
        },
    )
    session = Session.objects.get(event=event)
    assert (session.title, session.start) == ("圆桌", start + dt.timedelta(hours=1))


def test_material_add_through_the_page(client, staff):
    session = SessionFactory(event=EventFactory(host=staff.host))
    client.post(
        _url("material_add", session.event, pk=session.pk),
        {"title": "讲稿", "url": "https://example.com/slides.pdf"},
    )
    assert list(session.materials.values_list("title", "url")) == [
        ("讲稿", "https://example.com/slides.pdf")
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_host_home_runs_constant_queries(client, staff, django_assert_num_queries, count):
    for _ in range(count):
        event = EventFactory(host=staff.host)
        RegistrationFactory(event=event)
    # session, user, host, membership check, events with counts, series, venues, nav hosts
    with django_assert_num_queries(8):
        response = client.get(reverse("organizer:host", args=[staff.host.slug]))
    assert len(response.context["events"]) == count
    assert [e.confirmed_count for e in response.context["events"]] == [1] * count


def _registrants(event, n=0):
    expert = ExpertProfileFactory(institution="山东大学", user=UserFactory())
    RegistrationFactory(event=event, user=expert.user, role=Registration.Role.EXPERT)
    company = CompanyMembershipFactory(company__name=f"海洋科技有限公司{n or ''}")
    RegistrationFactory(
        event=event,
        user=company.user,
        role=Registration.Role.ENTERPRISE,
        status=Registration.Status.WAITLISTED,
    )
    return expert, company


@pytest.mark.parametrize("count", [1, 3])
def test_registration_table_runs_constant_queries(client, staff, django_assert_num_queries, count):
    event = EventFactory(host=staff.host)
    for n in range(count):
        _registrants(event, n)
    # session, user, menu, event, membership, count, page, company memberships, seats,
    # check-ins (the same page as test_manage_registrations_constant_queries)
    with django_assert_num_queries(10):
        response = client.get(_url("registrations", event))
    assert len(response.context["rows"]) == 2 * count


def test_registration_table_filters_and_searches_by_organization(client, staff):
    event = EventFactory(host=staff.host)
    expert, company = _registrants(event)
    response = client.get(_url("registrations", event), {"q": "海洋"})
    assert [r.user for r, _org, _c in response.context["rows"]] == [company.user]
    response = client.get(_url("registrations", event), {"role": "expert"})
    assert [(r.user, org) for r, org, _c in response.context["rows"]] == [(expert.user, "山东大学")]
    response = client.get(_url("registrations", event), {"status": "waitlisted"})
    assert [r.user for r, _org, _c in response.context["rows"]] == [company.user]


def test_registrations_csv_has_role_organization_status_and_check_in(client, staff):
    event = EventFactory(host=staff.host)
    expert, _company = _registrants(event)
    response = client.get(_url("registrations_csv", event), {"role": "expert"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.splitlines()[0] == "Name,Email,Role,Organization,Status,Registered at,Checked in at"
    row = text.splitlines()[1].split(",")
    assert row[1] == expert.user.email
    assert row[3] == "山东大学"
    assert row[6] == ""


def test_registrations_csv_defuses_formulas(client, staff):
    event = EventFactory(host=staff.host)
    RegistrationFactory(event=event, user__name="=HYPERLINK(1)")
    text = client.get(_url("registrations_csv", event)).content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("'=HYPERLINK(1)")


def test_registrations_xlsx_has_a_row_per_registration(client, staff):
    event = EventFactory(host=staff.host)
    _registrants(event)
    response = client.get(_url("registrations_xlsx", event))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert [row[3] for row in rows[1:]] == ["山东大学", "海洋科技有限公司"]


def test_sign_in_sheet_lists_confirmed_registrants(client, staff):
    event = EventFactory(host=staff.host)
    expert, company = _registrants(event)
    response = client.get(_url("sign_in_sheet", event))
    assert [r.user for r, _org in response.context["rows"]] == [expert.user]
    assert "events/print.css" in response.content.decode()


def test_table_cards_page(client, staff):
    event = EventFactory(host=staff.host)
    expert, _company = _registrants(event)
    response = client.get(_url("badges", event), {"kind": "table"})
    assert response.context["kind"] == "table"
    assert expert.user.display_name in response.content.decode()


def test_series_create_through_the_page(client, staff):
    response = client.post(
        reverse("organizer:series_create", args=[staff.host.slug]),
        {"title": "金融科创", "title_en": "Fintech Forum"},
    )
    assert response["Location"] == reverse("organizer:host", args=[staff.host.slug])
    assert list(staff.host.series.values_list("slug", "title")) == [("fintech-forum", "金融科创")]


def test_venue_duplicate_name_shows_the_error(client, staff):
    client.post(reverse("organizer:venue_create", args=[staff.host.slug]), {"name": "会客厅"})
    response = client.post(
        reverse("organizer:venue_create", args=[staff.host.slug]), {"name": "会客厅"}
    )
    assert response.context["form"].errors["name"] == ["You already have a venue named “会客厅”."]
    assert staff.host.venues.count() == 1


def test_venue_of_another_host_is_404(client, staff):
    from events.tests.factories import VenueFactory

    venue = VenueFactory()
    url = reverse("organizer:venue_edit", args=[staff.host.slug, venue.pk])
    assert client.get(url).status_code == 404


def test_pending_host_has_no_organizer_area(client):
    from hosts.models import Host

    membership = HostMembershipFactory(
        role=HostMembership.Role.OWNER, host__status=Host.Status.PENDING
    )
    client.force_login(membership.user)
    assert client.get(reverse("organizer:host", args=[membership.host.slug])).status_code == 404


def test_service_error_on_a_field_the_form_lacks_shows_at_the_top():
    from django import forms
    from django.core.exceptions import ValidationError

    from events.forms import add_service_error

    class OneField(forms.Form):
        name = forms.CharField(required=False)

    form = OneField({})
    form.is_valid()
    add_service_error(form, ValidationError({"slug": "taken", "name": "bad"}))
    assert (form.non_field_errors(), form.errors["name"]) == (["taken"], ["bad"])
