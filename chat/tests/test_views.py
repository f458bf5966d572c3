import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from chat import selectors
from chat.models import ChatSettings, Message, Mute, SessionWindow, SlowMode, Vote
from chat.tests.factories import MessageFactory
from conftest import ACTORS
from events.models import Event
from events.tests.factories import EventFactory, SessionFactory

STAFF = {"host_staff", "host_owner", "superuser"}
EN = {"accept-language": "en"}
PARTICIPANTS = {"attendee", "expert", *STAFF}


@pytest.fixture
def ended(world):
    """A session of `world`'s event that ended an hour ago, the expert speaking."""
    now = timezone.now()
    world.event.start, world.event.end = now - dt.timedelta(hours=5), now - dt.timedelta(hours=1)
    world.event.save()
    world.session = SessionFactory(
        event=world.event, start=now - dt.timedelta(hours=3), end=now - dt.timedelta(hours=2)
    )
    world.session.speakers.add(world.expert_profile)
    return world


def session_url(world):
    return reverse("chat:session", args=[world.event.slug, world.session.pk])


def transcript_url(world, fmt):
    return reverse("chat:transcript", args=[world.event.slug, world.session.pk, fmt])


@pytest.mark.parametrize("actor", ACTORS)
def test_session_page_chat_panel_for_participants_only(ended, client_for, actor):
    response = client_for(ended.actor(actor)).get(session_url(ended))
    html = response.content.decode()
    assert response.status_code == 200
    assert ended.session.title in html
    socket = f'data-socket-path="/ws/sessions/{ended.session.pk}/"'
    assert (socket in html) == (actor in PARTICIPANTS)
    assert ('data-moderator="1"' in html) == (actor in STAFF)
    assert ("transcript.csv" in html) == (actor in STAFF)


def test_session_page_of_draft_event_is_404(ended, client_for):
    ended.event.status = Event.Status.DRAFT
    ended.event.save()
    assert client_for(ended.actor("attendee")).get(session_url(ended)).status_code == 404
    assert client_for(ended.actor("host_staff")).get(session_url(ended)).status_code == 200


def test_session_page_of_another_event_is_404(ended, client_for):
    other = SessionFactory()
    url = reverse("chat:session", args=[ended.event.slug, other.pk])
    assert client_for(ended.actor("attendee")).get(url).status_code == 404


def test_session_page_without_chat_says_so(ended, client_for):
    ended.session.chat_enabled = False
    ended.session.save()
    html = client_for(ended.actor("attendee")).get(session_url(ended)).content.decode()
    assert "data-socket-path" not in html


def test_event_agenda_links_each_session_page(ended, client):
    html = client.get(reverse("events:detail", args=[ended.event.slug])).content.decode()
    assert f'href="{session_url(ended)}"' in html


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_transcript_for_organizers_only(ended, client_for, actor, fmt):
    MessageFactory(session=ended.session)
    response = client_for(ended.actor(actor)).get(transcript_url(ended, fmt))
    assert response.status_code == (200 if actor in STAFF else 404)


def test_transcript_before_the_end_is_404(ended, client_for):
    ended.session.end = timezone.now() + dt.timedelta(minutes=5)
    ended.session.save()
    response = client_for(ended.actor("host_staff")).get(transcript_url(ended, "csv"))
    assert response.status_code == 404


def test_transcript_unknown_format_is_404(ended, client_for):
    response = client_for(ended.actor("host_staff")).get(transcript_url(ended, "xml"))
    assert response.status_code == 404


def _transcript_messages(ended):
    created = dt.datetime(2026, 3, 21, 6, 40, tzinfo=dt.UTC)
    kept = MessageFactory(session=ended.session, body='你好, "world"\n第二行', created=created)
    gone = MessageFactory(session=ended.session, body="秘密", deleted=True, created=created)
    question = MessageFactory(
        session=ended.session,
        kind=Message.Kind.QUESTION,
        body="问题？",
        votes=2,
        answered=True,
        created=created,
    )
    question.author.delete()
    return kept, gone, question


def test_transcript_csv_marks_deleted_messages(ended, client_for):
    kept, gone, question = _transcript_messages(ended)
    response = client_for(ended.actor("host_owner")).get(transcript_url(ended, "csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows == [
        ["id", "created", "kind", "author", "role", "body", "votes", "pinned", "answered", "deleted"],  # noqa: E501
        [str(kept.pk), "2026-03-21T06:40:00Z", "message", kept.author.name, "guest",
         "你好, \"world\"\n第二行", "0", "False", "False", "False"],
        [str(gone.pk), "2026-03-21T06:40:00Z", "message", gone.author.name, "guest",
         "", "0", "False", "False", "True"],
        [str(question.pk), "2026-03-21T06:40:00Z", "question", "", "guest",
         "问题？", "2", "False", "True", "False"],
    ]  # fmt: skip


def test_transcript_json_marks_deleted_messages(ended, client_for):
    kept, gone, question = _transcript_messages(ended)
    response = client_for(ended.actor("host_owner")).get(transcript_url(ended, "json"))
    body = json.loads(response.content)
    assert body["event"] == ended.event.slug
    assert body["session"] == ended.session.pk
    assert [(m["id"], m["body"], m["deleted"], m["author"]) for m in body["messages"]] == [
        (kept.pk, kept.body, False, kept.author.name),
        (gone.pk, "", True, gone.author.name),
        (question.pk, "问题？", False, None),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_transcript_queries_do_not_grow(ended, client_for, django_assert_num_queries, count):
    for _ in range(count):
        MessageFactory(session=ended.session)
    client = client_for(ended.actor("host_staff"))
    with django_assert_num_queries(7):
        response = client.get(transcript_url(ended, "json"))
    assert len(json.loads(response.content)["messages"]) == count


def test_transcript_csv_neutralises_formulas(ended, client_for):
    MessageFactory(session=ended.session, body='=HYPERLINK("http://x")')
    MessageFactory(session=ended.session, body="@SUM(1)", author__name="-2+3")
    response = client_for(ended.actor("host_owner")).get(transcript_url(ended, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row[3], row[5]) for row in rows[1:]] == [
        (rows[1][3], '\'=HYPERLINK("http://x")'),
        ("'-2+3", "'@SUM(1)"),
    ]


def test_transcript_json_keeps_text_as_written(ended, client_for):
    MessageFactory(session=ended.session, body="=1+2")
    response = client_for(ended.actor("host_owner")).get(transcript_url(ended, "json"))
    assert [m["body"] for m in json.loads(response.content)["messages"]] == ["=1+2"]


# --- The lobby page, the chat settings page and its actions (every actor) --------------------
def _mute(world, event=None):
    return Mute.objects.create(
        event=event or world.event,
        user=world.actor("attendee"),
        until=timezone.now() + dt.timedelta(minutes=10),
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_lobby_page_chat_panel_for_participants_only(world, client_for, actor):
    response = client_for(world.actor(actor)).get(reverse("chat:lobby", args=[world.event.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    socket = f'data-socket-path="/ws/events/{world.event.pk}/lobby/"'
    assert (socket in html) == (actor in PARTICIPANTS - {"expert"})  # speaks in no session
    assert ('data-role="moderation"' in html) == (actor in STAFF)


def test_lobby_page_of_draft_event_is_404(world, client_for):
    world.event.status = Event.Status.DRAFT
    world.event.save()
    url = reverse("chat:lobby", args=[world.event.slug])
    assert client_for(world.actor("attendee")).get(url).status_code == 404


@pytest.mark.parametrize("actor", ACTORS)
def test_settings_page_for_staff_only(world, client_for, actor):
    _mute(world)
    response = client_for(world.actor(actor)).get(reverse("chat:settings", args=[world.event.slug]))
    assert response.status_code == (200 if actor in STAFF else 404)
    if actor in STAFF:
        html = response.content.decode()
        assert world.actor("attendee").display_name in html
        assert 'name="opens_before"' in html


@pytest.mark.parametrize("actor", ACTORS)
def test_settings_of_another_hosts_event_is_404(world, client_for, actor):
    other = EventFactory(host=world.other_host)
    url = reverse("chat:settings", args=[other.slug])
    response = client_for(world.actor(actor)).get(url)
    assert response.status_code == (200 if actor in {"other_host_staff", "superuser"} else 404)


def test_settings_page_saves_the_window(world, client_for):
    client = client_for(world.actor("host_staff"))
    url = reverse("chat:settings", args=[world.event.slug])
    response = client.post(url, {"opens_before": "45", "closes_after": "5"})
    assert (response.status_code, response.url) == (302, url)
    conf = ChatSettings.objects.get(event=world.event)
    assert (conf.opens_before, conf.closes_after) == (45, 5)


@pytest.mark.parametrize("value", ["-1", "1441", "abc", "99999999999999999999999"])
def test_settings_page_refuses_a_bad_window(world, client_for, value):
    client = client_for(world.actor("host_staff"))
    url = reverse("chat:settings", args=[world.event.slug])
    response = client.post(url, {"opens_before": value, "closes_after": "5"})
    assert response.status_code == 200
    assert response.context["form"].errors["opens_before"]
    assert not ChatSettings.objects.filter(event=world.event).exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_slow_mode_post_for_staff_only(world, client_for, actor):
    url = reverse("chat:slow_mode", args=[world.event.slug])
    response = client_for(world.actor(actor)).post(url, {"room": "lobby", "seconds": "30"})
    stored = list(SlowMode.objects.values_list("event_id", "session_id", "seconds"))
    if actor in STAFF:
        assert (response.status_code, stored) == (302, [(world.event.pk, None, 30)])
    else:
        assert (response.status_code, stored) == (404, [])


def test_slow_mode_post_sets_a_session_room_and_refuses_another_events(world, client_for):
    session = SessionFactory(event=world.event)
    foreign = SessionFactory()
    client = client_for(world.actor("host_staff"))
    url = reverse("chat:slow_mode", args=[world.event.slug])
    client.post(url, {"room": str(session.pk), "seconds": "60"})
    client.post(url, {"room": str(foreign.pk), "seconds": "60"})
    client.post(url, {"room": "²", "seconds": "60"})
    client.post(url, {"room": "lobby", "seconds": "7"})
    assert list(SlowMode.objects.values_list("session_id", "seconds")) == [(session.pk, 60)]
    client.post(url, {"room": str(session.pk), "seconds": "0"})
    assert SlowMode.objects.count() == 0


@pytest.mark.parametrize("actor", ACTORS)
def test_unmute_post_for_staff_only(world, client_for, actor):
    mute = _mute(world)
    url = reverse("chat:unmute", args=[world.event.slug, mute.pk])
    response = client_for(world.actor(actor)).post(url)
    assert response.status_code == (302 if actor in STAFF else 404)
    assert Mute.objects.filter(pk=mute.pk).exists() == (actor not in STAFF)


def test_unmute_of_another_events_mute_is_404(world, client_for):
    foreign = _mute(world, event=EventFactory(host=world.other_host))
    url = reverse("chat:unmute", args=[world.event.slug, foreign.pk])
    assert client_for(world.actor("host_staff")).post(url).status_code == 404
    assert Mute.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_settings_page_queries_do_not_grow(world, client_for, django_assert_num_queries, count):
    for _ in range(count):
        SessionFactory(event=world.event)
        Mute.objects.create(
            event=world.event,
            user=UserFactory(),
            until=timezone.now() + dt.timedelta(minutes=5),
        )
    client = client_for(world.actor("host_staff"))
    client.get(reverse("chat:settings", args=[world.event.slug]))  # warm the session
    with django_assert_num_queries(9):
        response = client.get(reverse("chat:settings", args=[world.event.slug]))
    assert len(response.context["mutes"]) == count
    assert len(response.context["rooms"]) == count + 1


def test_session_page_says_when_the_room_opens(ended, client_for):
    ended.session.start = timezone.now() + dt.timedelta(hours=2)
    ended.session.end = ended.session.start + dt.timedelta(hours=1)
    ended.session.save()
    ended.event.end = ended.session.end
    ended.event.save()
    html = client_for(ended.actor("attendee")).get(session_url(ended), headers=EN).content.decode()
    assert "The chat opens at" in html
    assert 'id="chat-message-body" name="body" rows="2" maxlength="2000"' in html
    assert "disabled" in html.split('id="chat-message-body"')[1].split(">")[0]


def test_session_page_says_when_the_room_is_closed(ended, client_for):
    html = client_for(ended.actor("attendee")).get(session_url(ended), headers=EN).content.decode()
    assert "This chat is closed: you can read it, but no longer write." in html


def test_session_page_knows_what_you_voted_for(ended, client_for):
    question = MessageFactory(session=ended.session, kind=Message.Kind.QUESTION)
    MessageFactory(session=ended.session, kind=Message.Kind.QUESTION)
    Vote.objects.create(message=question, user=ended.actor("attendee"))
    html = client_for(ended.actor("attendee")).get(session_url(ended), headers=EN).content.decode()
    assert f'data-voted="{question.pk}"' in html
    assert 'data-t-votes-one="%(count)s vote"' in html
    assert 'data-t-votes-other="%(count)s votes"' in html


@pytest.mark.parametrize("actor", ACTORS)
def test_event_page_links_the_lobby_and_chat_settings(world, client_for, actor):
    html = (
        client_for(world.actor(actor))
        .get(reverse("events:detail", args=[world.event.slug]))
        .content.decode()
    )
    assert f'href="{reverse("chat:lobby", args=[world.event.slug])}"' in html
    settings_link = f'href="{reverse("chat:settings", args=[world.event.slug])}"'
    assert (settings_link in html) == (actor in STAFF)


@pytest.mark.parametrize("actor", ACTORS)
def test_session_window_post_for_staff_only(world, client_for, actor):
    session = SessionFactory(event=world.event)
    url = reverse("chat:session_window", args=[world.event.slug, session.pk])
    response = client_for(world.actor(actor)).post(url, {"opens_before": "5", "closes_after": "90"})
    stored = list(SessionWindow.objects.values_list("session_id", "opens_before", "closes_after"))
    if actor in STAFF:
        assert (response.status_code, stored) == (302, [(session.pk, 5, 90)])
    else:
        assert (response.status_code, stored) == (404, [])


def test_session_window_of_another_events_session_is_404(world, client_for):
    foreign = SessionFactory()
    url = reverse("chat:session_window", args=[world.event.slug, foreign.pk])
    response = client_for(world.actor("host_staff")).post(
        url, {"opens_before": "5", "closes_after": "5"}
    )
    assert response.status_code == 404
    assert not SessionWindow.objects.exists()


def test_session_window_moves_the_room_and_empty_restores_the_events(world, client_for):
    now = timezone.now()
    session = SessionFactory(
        event=world.event, start=now + dt.timedelta(minutes=50), end=now + dt.timedelta(hours=2)
    )
    assert selectors.session_room(session_id=session.pk).is_open() is False  # 30 min before
    client = client_for(world.actor("host_staff"))
    url = reverse("chat:session_window", args=[world.event.slug, session.pk])
    client.post(url, {"opens_before": "60", "closes_after": "0"})
    assert selectors.session_room(session_id=session.pk).is_open() is True
    client.post(url, {"opens_before": "", "closes_after": ""})
    assert selectors.session_room(session_id=session.pk).is_open() is False
    assert not SessionWindow.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"opens_before": "5", "closes_after": ""},
        {"opens_before": "-1", "closes_after": "5"},
        {"opens_before": "5", "closes_after": "1441"},
        {"opens_before": "²", "closes_after": "5"},
    ],
)
def test_session_window_refuses_bad_values(world, client_for, data):
    session = SessionFactory(event=world.event)
    url = reverse("chat:session_window", args=[world.event.slug, session.pk])
    response = client_for(world.actor("host_staff")).post(url, data)
    assert (response.status_code, SessionWindow.objects.count()) == (302, 0)


def test_session_page_in_chinese_says_when_the_room_is_closed(ended, client_for):
    html = client_for(ended.actor("attendee")).get(session_url(ended)).content.decode()
    assert "本聊天已关闭：可以浏览，但不能再发言。" in html
    assert 'data-t-votes-one="%(count)s 票"' in html
