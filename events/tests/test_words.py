"""Words on English and Chinese pages (docs/glossary.md): host-given English names for series,
venue and room, the glossary's terms, full-width punctuation in Chinese."""

import pytest
from django.urls import reverse

from events.tests.factories import EventFactory, SeriesFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory(
        title="对接日",
        title_en="Matchmaking day",
        series=SeriesFactory(title="金融科创", title_en="Fintech"),
        venue=VenueFactory(name="会客厅", name_en="Talent Lounge"),
    )
    SessionFactory(
        event=event,
        title="开幕",
        title_en="Opening",
        room="主会场",
        room_en="Main hall",
        speakers_text="林海声",
    )
    return event


def test_english_pages_show_the_hosts_english_names(client, event):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    for text in ("Matchmaking day", "Fintech", "Talent Lounge", "Opening", "· Main hall"):
        assert text in html
    assert 'data-label="Speakers:">林海声</td>' in html
    listing = client.get(reverse("events:list")).content.decode()
    assert f'<option value="{event.series.slug}">Fintech</option>' in listing


def test_chinese_pages_show_the_chinese_names_and_glossary_terms(client, event):
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    for text in ("对接日", "金融科创", "会客厅", "开幕", "· 主会场"):
        assert text in html
    assert '<th scope="col">演讲嘉宾</th>' in html
    assert 'data-label="演讲嘉宾：">林海声</td>' in html


def test_an_english_name_left_empty_falls_back_to_the_chinese_one(client):
    event = EventFactory(title="对接日")
    SessionFactory(event=event, title="开幕", room="主会场")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "对接日" in html
    assert "· 主会场" in html
