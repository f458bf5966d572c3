import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Event, EventChange, Session, SessionMaterial
from events.services import sessions as services
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def test_session_create_inside_the_event():
    event = EventFactory()
    session = services.session_create(
        event=event, title="开幕", start=event.start, end=event.start + H, room="主会场"
    )
    assert list(event.sessions.values_list("title", "room")) == [("开幕", "主会场")]
    assert session.event_id == event.pk


def test_session_create_outside_the_event_is_refused_with_the_event_times():
    event = EventFactory()
    with pytest.raises(ValidationError) as info:
        services.session_create(
            event=event, title="晚宴", start=event.end, end=event.end + H, notify=False
        )
    assert info.value.code == "session_outside_event"
    assert "(Asia/Shanghai)" in info.value.messages[0]
    assert Session.objects.count() == 0


def test_session_create_overlapping_in_the_same_room_is_refused():
    event = EventFactory()
    SessionFactory(
        event=event, title="金融专场", room="A厅", start=event.start, end=event.start + H
    )
    with pytest.raises(ValidationError) as info:
        services.session_create(
            event=event,
            title="水处理专场",
            room="A厅",
            start=event.start + H / 2,
            end=event.start + 2 * H,
        )
    assert info.value.code == "session_overlap"
    assert "金融专场" in info.value.messages[0]
    assert "A厅" in info.value.messages[0]


def test_session_create_same_time_in_another_room_is_accepted():
    event = EventFactory()
    SessionFactory(event=event, room="A厅", start=event.start, end=event.start + H)
    services.session_create(
        event=event, title="并行", room="B厅", start=event.start, end=event.start + H
    )
    assert event.sessions.count() == 2


def test_session_create_back_to_back_is_accepted():
    event = EventFactory()
    SessionFactory(event=event, room="", start=event.start, end=event.start + H)
    services.session_create(event=event, title="下一场", start=event.start + H, end=event.end)
    assert event.sessions.count() == 2


def test_session_update_into_an_overlap_is_refused():
    event = EventFactory()
    SessionFactory(event=event, start=event.start, end=event.start + H)
    second = SessionFactory(event=event, start=event.start + H, end=event.start + 2 * H)
    with pytest.raises(ValidationError) as info:
        services.session_update(session=second, start=event.start + H / 2)
    assert info.value.code == "session_overlap"


def test_session_update_itself_is_not_an_overlap():
    event = EventFactory()
    session = SessionFactory(event=event, start=event.start, end=event.start + H)
    services.session_update(session=session, title="新名字", end=event.start + 2 * H)
    session.refresh_from_db()
    assert (session.title, session.end) == ("新名字", event.start + 2 * H)


def test_session_changes_of_a_published_event_tell_registrants(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_create(
            event=event, title="政策解读", start=event.start, end=event.start + H
        )
        services.session_update(session=session, start=event.start + H, end=event.start + 2 * H)
        services.session_delete(session=session)
    assert [c.changes[0]["field"] for c in EventChange.objects.order_by("id")] == [
        "agenda_added",
        "agenda_changed",
        "agenda_removed",
    ]
    assert len(mailoutbox) == 3
    assert "政策解读" in mailoutbox[2].body


def test_session_create_in_a_draft_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(status=Event.Status.DRAFT)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_create(event=event, title="x", start=event.start, end=event.start + H)
    assert (mailoutbox, EventChange.objects.count()) == ([], 0)


def test_session_create_in_a_cancelled_event_is_refused():
    event = EventFactory(status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError) as info:
        services.session_create(event=event, title="x", start=event.start, end=event.start + H)
    assert info.value.code == "event_closed"


def test_material_add_link():
    session = SessionFactory()
    material = services.material_add(session=session, title="", url="https://example.com/a.pdf")
    assert (material.title, material.href) == (
        "https://example.com/a.pdf",
        "https://example.com/a.pdf",
    )


def test_material_add_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    material = services.material_add(session=session, title="讲稿", file=upload)
    assert material.file.name.startswith("events/materials/")
    assert material.file.name.endswith("/slides.pdf")
    assert material.href == f"/events/{session.event.slug}/materials/{material.pk}/"


def test_material_add_both_or_neither_is_refused():
    session = SessionFactory()
    with pytest.raises(ValidationError) as info:
        services.material_add(session=session, title="x")
    assert info.value.code == "file_or_link"
    assert SessionMaterial.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_session_create_concurrent_overlaps_only_one_is_accepted():
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL")
    event = EventFactory()
    barrier = threading.Barrier(6)
    outcomes = []

    def attempt(n):
        try:
            barrier.wait()
            services.session_create(
                event=event, title=f"并发{n}", room="A", start=event.start, end=event.start + H
            )
            outcomes.append("created")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["session_overlap"] * 5
    assert Session.objects.filter(event=event).count() == 1
