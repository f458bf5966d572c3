"""Event, series, need, expert and company pages inside WeChat and when shared: calendar files
and the data export say how to open them in the browser, download links carry the hint, and
each page's Open Graph tags give its own title, description and image."""

import pytest
from django.urls import reverse

from core.tests.test_wechat import HINT, PHONE_UA, WECHAT_UA, meta_tags
from events.tests.factories import EventFactory, RegistrationFactory, SeriesFactory
from needs.tests.factories import NeedFactory
from profiles.tests.factories import CompanyFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_a_calendar_file_in_wechat_is_a_page_saying_how_to_open_it(client):
    event = EventFactory()
    url = reverse("events:ics", args=[event.slug])
    response = client.get(url, HTTP_USER_AGENT=WECHAT_UA)
    html = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert HINT in html
    assert f'value="http://testserver{url}"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert "User-Agent" in response["Vary"]


def test_a_calendar_file_elsewhere_is_the_file(client):
    event = EventFactory()
    response = client.get(reverse("events:ics", args=[event.slug]), HTTP_USER_AGENT=PHONE_UA)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Vary"] == "User-Agent, Accept-Language, Cookie"
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def test_the_data_export_in_wechat_says_how_to_open_it(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    response = client.get(reverse("accounts:data_export"), HTTP_USER_AGENT=WECHAT_UA)
    assert HINT in response.content.decode()
    assert "Content-Disposition" not in response
    response = client.get(reverse("accounts:data_export"), HTTP_USER_AGENT=PHONE_UA)
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(("agent", "hinted"), [(WECHAT_UA, True), (PHONE_UA, False)])
def test_download_links_carry_the_hint_only_in_wechat(client, agent, hinted):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    pages = [
        reverse("events:detail", args=[registration.event.slug]),
        reverse("events:ticket", args=[registration.ticket_token]),
        reverse("events:calendar_feed"),
        reverse("accounts:overview"),
    ]
    found = [HINT in client.get(page, HTTP_USER_AGENT=agent).content.decode() for page in pages]
    assert found == [hinted] * len(pages)


def test_an_event_shares_its_title_description_and_cover(client):
    event = EventFactory(title="金融科创对接日", description="**专家**与企业面对面。" * 20)
    meta = meta_tags(client.get(reverse("events:detail", args=[event.slug])).content.decode())
    assert (meta["og:title"], meta["og:type"]) == ("金融科创对接日", "article")
    assert meta["og:description"].startswith("**专家**与企业面对面。")
    assert len(meta["og:description"]) == 120
    assert meta["og:image"] == "http://testserver/static/img/share.jpg"
    assert meta["og:url"] == f"http://testserver/events/{event.slug}/"


def test_series_needs_experts_and_companies_share_their_own_title_and_description(client):
    series = SeriesFactory(title="金融科创系列", description="每月一场。")
    need = NeedFactory(title="冷链温控", description="需要全程温控方案。")
    expert = ExpertProfileFactory(name="林海声", research_summary="水声通信。")
    company = CompanyFactory(name="青岛某公司", description="做海洋装备。")
    pages = {
        reverse("events:series", args=[series.slug]): ("金融科创系列", "每月一场。"),
        reverse("needs:need_detail", args=[need.pk]): ("冷链温控", "需要全程温控方案。"),
        reverse("profiles:expert_page", args=[expert.pk]): ("林海声", "水声通信。"),
        reverse("profiles:company_page", args=[company.pk]): ("青岛某公司", "做海洋装备。"),
    }
    found = {}
    for path in pages:
        meta = meta_tags(client.get(path).content.decode())
        found[path] = (meta["og:title"], meta["og:description"])
    assert found == pages


def test_english_pages_share_in_english(client):
    event = EventFactory(title="金融科创对接日", title_en="Fintech matchmaking day")
    client.cookies["django_language"] = "en"
    meta = meta_tags(client.get(reverse("events:detail", args=[event.slug])).content.decode())
    assert (meta["og:title"], meta["og:locale"]) == ("Fintech matchmaking day", "en_US")
