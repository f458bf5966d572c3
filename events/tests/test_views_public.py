import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.tests.factories import (
    EventFactory,
    MaterialFactory,
    RegistrationFactory,
    SeriesFactory,
    SessionFactory,
)
from hosts.tests.factories import HostFactory

pytestmark = pytest.mark.django_db

QUERIES_SERIES_PAGE = 3  # the series with its host, its upcoming events, its past events


def _past(**kwargs):
    start = timezone.now() - dt.timedelta(days=30)
    return EventFactory(start=start, end=start + dt.timedelta(hours=3), **kwargs)


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_runs_constant_queries(client, django_assert_num_queries, count):
    series = SeriesFactory()
    for _ in range(count):
        EventFactory(series=series, host=series.host, theme="金融科创")
    # event count, page of events, themes, hosts, series choices
    with django_assert_num_queries(5):
        response = client.get(reverse("events:list"))
    assert len(response.context["page"].object_list) == count


def test_event_list_upcoming_excludes_past_drafts_and_invite_only(client):
    upcoming = EventFactory(title="将来的会")
    _past(title="过去的会")
    EventFactory(title="草稿", status=Event.Status.DRAFT)
    EventFactory(title="闭门会", visibility=Event.Visibility.INVITE)
    response = client.get(reverse("events:list"))
    assert list(response.context["page"].object_list) == [upcoming]


def test_event_list_past_latest_first(client):
    older = _past(title="older")
    newer = EventFactory(
        start=timezone.now() - dt.timedelta(days=2),
        end=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
    )
    response = client.get(reverse("events:list"), {"phase": "past"})
    assert list(response.context["page"].object_list) == [newer, older]


def test_event_list_filters_by_series_theme_host_and_words(client):
    series = SeriesFactory()
    wanted = EventFactory(
        host=series.host,
        series=series,
        theme="成果转化",
        title="科技金融座谈",
        description="高校与企业对接",
    )
    EventFactory(host=series.host, theme="成果转化", title="科技金融沙龙")
    EventFactory(host=HostFactory(), series=series, theme="其他", title="科技金融")
    params = {
        "series": series.slug,
        "theme": "成果转化",
        "host": series.host.slug,
        "q": "科技 企业",
    }
    response = client.get(reverse("events:list"), params)
    assert list(response.context["page"].object_list) == [wanted]


def test_event_list_paginates(client):
    for _ in range(13):
        EventFactory()
    response = client.get(reverse("events:list"), {"page": 2})
    assert (response.context["page"].number, len(response.context["page"].object_list)) == (2, 1)


def test_series_page_lists_upcoming_and_past(client):
    series = SeriesFactory(title="金融科创论坛")
    upcoming = EventFactory(series=series, host=series.host)
    past = _past(series=series, host=series.host)
    EventFactory(series=series, host=series.host, status=Event.Status.DRAFT)
    response = client.get(reverse("events:series", args=[series.slug]))
    assert response.context["phases"] == {"upcoming": [upcoming], "past": [past]}
    assert "金融科创论坛" in response.content.decode()


def test_event_detail_renders_markdown_without_scripts(client):
    event = EventFactory(description="**重要**\n\n<script>alert(1)</script>\n\n- 一\n- 二")
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "<strong>重要</strong>" in html
    assert "<li>一</li>" in html
    assert "<script>alert(1)" not in html


def test_event_detail_invite_only_needs_the_code(client):
    event = EventFactory(visibility=Event.Visibility.INVITE, invitation_code="abc123")
    url = reverse("events:detail", args=[event.slug])
    assert client.get(url).status_code == 404
    assert client.get(url, {"code": "wrong"}).status_code == 404
    response = client.get(url, {"code": "abc123"})
    assert response.context["event"] == event
    # remembered for the rest of the visit
    assert client.get(url).context["event"] == event


def test_event_detail_shows_materials_to_registrants_only(client):
    session = SessionFactory()
    MaterialFactory(session=session, title="演讲稿PDF")
    url = reverse("events:detail", args=[session.event.slug])
    assert "演讲稿PDF" not in client.get(url).content.decode()
    client.force_login(RegistrationFactory(event=session.event).user)
    assert "演讲稿PDF" in client.get(url).content.decode()


def test_event_detail_cancelled_shows_the_reason(client):
    event = EventFactory(status=Event.Status.CANCELLED, cancellation_reason="场地维修")
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "场地维修" in html
    assert 'class="event-cancelled"' in html


def test_event_detail_draft_is_404_for_the_public(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 404


def test_material_file_downloads_for_registrants_only(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.services.sessions import material_add

    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    material = material_add(
        session=session, title="讲稿", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 x")
    )
    url = reverse("events:material", args=[session.event.slug, material.pk])
    assert material.href == url
    assert "/slides.pdf" in material.file.name
    client.force_login(RegistrationFactory(event=session.event, status="waitlisted").user)
    assert client.get(url).status_code == 404
    client.force_login(RegistrationFactory(event=session.event).user)
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Content-Disposition"] == 'attachment; filename="slides.pdf"'


@pytest.mark.parametrize("count", [1, 3])
def test_series_page_runs_constant_queries(client, django_assert_num_queries, count):
    series = SeriesFactory(title="金融科创系列")
    upcoming = [
        EventFactory(series=series, host=series.host, title=f"将来的会{i}") for i in range(count)
    ]
    past = [_past(series=series, host=series.host, title=f"过去的会{i}") for i in range(count)]
    with django_assert_num_queries(QUERIES_SERIES_PAGE):
        response = client.get(reverse("events:series", args=[series.slug]))
    page = response.content.decode()
    assert response.context["phases"]["upcoming"] == upcoming
    assert response.context["phases"]["past"] == past[::-1]
    assert all(event.title in page for event in upcoming + past)
    assert "金融科创系列" in page


def test_material_file_is_handed_to_nginx_behind_it(client, settings, tmp_path):
    """With DJANGO_MEDIA_X_ACCEL_PREFIX the checked view answers with an X-Accel-Redirect to
    nginx's internal location and no bytes of its own (deploy/nginx/)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.services.sessions import material_add

    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_X_ACCEL_PREFIX = "/_protected_media/"
    session = SessionFactory()
    material = material_add(
        session=session, title="讲稿", file=SimpleUploadedFile("讲稿 v2.pdf", b"%PDF-1.4 x")
    )
    url = reverse("events:material", args=[session.event.slug, material.pk])
    client.force_login(RegistrationFactory(event=session.event, status="waitlisted").user)
    response = client.get(url)
    assert (response.status_code, response.has_header("X-Accel-Redirect")) == (404, False)
    client.force_login(RegistrationFactory(event=session.event).user)
    response = client.get(url)
    folder = material.file.name.rsplit("/", 1)[0]
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == (f"/_protected_media/{folder}/%E8%AE%B2%E7%A8%BF_v2.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E8%AE%B2%E7%A8%BF_v2.pdf"
    )


def test_series_page_shows_at_most_a_phase_limit_and_links_to_the_full_list(client, settings):
    from events.selectors import PHASE_LIMIT

    series = SeriesFactory(slug="jinrong")
    now = timezone.now()
    for n in range(PHASE_LIMIT + 1):
        EventFactory(series=series, host=series.host, start=now + dt.timedelta(days=n + 1))
        _past(series=series, host=series.host, title=f"过去的会{n}")
    response = client.get(reverse("events:series", args=[series.slug]))
    page = response.content.decode()
    phases = response.context["phases"]
    assert (len(phases["upcoming"]), len(phases["past"])) == (PHASE_LIMIT, PHASE_LIMIT)
    assert '/events/?series=jinrong&amp;phase=past"' in page
    assert '/events/?series=jinrong"' in page
