import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Event, EventChange, Registration, Session
from events.services import events as services
from events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    SeriesFactory,
    SessionFactory,
    VenueFactory,
)
from hosts.tests.factories import HostFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def _future(days=10, hour=14):
    day = (timezone.now() + dt.timedelta(days=days)).astimezone(SHANGHAI).date()
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def test_event_create_makes_a_draft_with_a_slug_from_the_english_title():
    host = HostFactory()
    start = _future()
    event = services.event_create(
        host=host,
        title="座谈会",
        title_en="Fintech Forum",
        start=start,
        end=start + dt.timedelta(hours=3),
    )
    assert (event.status, event.slug, event.invitation_code) == ("draft", "fintech-forum", "")


def test_event_create_invite_only_gets_an_invitation_code():
    start = _future()
    event = services.event_create(
        host=HostFactory(),
        title="闭门会",
        start=start,
        end=start + dt.timedelta(hours=1),
        visibility=Event.Visibility.INVITE,
    )
    assert len(event.invitation_code) >= 24
    assert event.slug == f"event-{start:%Y%m%d}"


def test_event_create_rejects_another_hosts_venue():
    start = _future()
    with pytest.raises(ValidationError) as info:
        services.event_create(
            host=HostFactory(),
            title="x",
            start=start,
            end=start + dt.timedelta(hours=1),
            venue=VenueFactory(),
        )
    assert info.value.error_dict["venue"][0].code == "foreign_venue"


def test_event_create_rejects_end_before_start():
    start = _future()
    with pytest.raises(ValidationError) as info:
        services.event_create(host=HostFactory(), title="x", start=start, end=start)
    assert info.value.error_dict["end"][0].code == "end_before_start"


def test_event_update_time_tells_active_registrants(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(start=_future(), end=_future() + dt.timedelta(hours=3))
    told = [
        RegistrationFactory(event=event, status=status).user.email
        for status in ("confirmed", "pending", "waitlisted")
    ]
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    new_start = event.start + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, start=new_start, end=new_start + dt.timedelta(hours=3))
    assert sorted(m.to[0] for m in mailoutbox) == sorted(told)
    change = EventChange.objects.get(event=event)
    assert (change.kind, change.notified, change.changes[0]["field"]) == ("changed", 3, "time")
    assert f"{new_start:%Y-%m-%d} 14:00 (Asia/Shanghai)" in mailoutbox[0].body
    assert event.title in mailoutbox[0].subject


def test_event_update_venue_tells_registrants_old_and_new(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(venue=None)
    RegistrationFactory(event=event)
    venue = VenueFactory(host=event.host, name="新会场", address="唐岛湾")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, venue=venue)
    assert len(mailoutbox) == 1
    assert "新会场, 唐岛湾" in mailoutbox[0].body


def test_event_update_title_only_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, title="新标题")
    assert (mailoutbox, EventChange.objects.count()) == ([], 0)


def test_event_update_of_a_draft_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(status=Event.Status.DRAFT)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, start=event.start - dt.timedelta(hours=1))
    assert mailoutbox == []


def test_event_update_without_notify_records_but_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, start=event.start - dt.timedelta(hours=1), notify=False)
    assert mailoutbox == []
    assert EventChange.objects.get(event=event).notified == 0


def test_event_update_refuses_to_strand_sessions():
    event = EventFactory()
    SessionFactory(event=event, title="开幕", start=event.end - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, end=event.end - dt.timedelta(hours=2))
    assert info.value.code == "sessions_outside"
    assert "开幕" in info.value.messages[0]


def test_event_publish_draft_becomes_published():
    event = services.event_publish(event=EventFactory(status=Event.Status.DRAFT))
    assert event.status == "published"


def test_event_publish_twice_is_refused():
    with pytest.raises(ValidationError) as info:
        services.event_publish(event=EventFactory())
    assert info.value.code == "not_draft"


def test_event_cancel_tells_registrants_the_reason(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="台风预警，改期另行通知。")
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == ("cancelled", "台风预警，改期另行通知。")
    assert [m.to for m in mailoutbox] == [[registration.user.email]]
    assert "台风预警" in mailoutbox[0].body
    assert EventChange.objects.get(event=event).kind == "cancelled"


def test_event_cancel_needs_a_reason():
    with pytest.raises(ValidationError) as info:
        services.event_cancel(event=EventFactory(), reason="  ")
    assert info.value.error_dict["reason"][0].code == "reason_required"


def test_event_cancel_twice_is_refused():
    event = EventFactory(status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError) as info:
        services.event_cancel(event=event, reason="again")
    assert info.value.code == "not_cancellable"


def test_event_finish_before_start_is_refused():
    with pytest.raises(ValidationError) as info:
        services.event_finish(event=EventFactory())
    assert info.value.code == "not_started"


def test_event_finish_after_start_marks_it_held():
    start = timezone.now() - dt.timedelta(hours=1)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=3))
    assert services.event_finish(event=event).status == "finished"


def test_event_duplicate_shifts_the_agenda_to_the_new_date():
    start = _future(days=5)
    event = EventFactory(slug="forum", start=start, end=start + dt.timedelta(hours=3))
    session = SessionFactory(
        event=event, start=start + dt.timedelta(minutes=30), end=start + dt.timedelta(hours=1)
    )
    RegistrationFactory(event=event)
    new_start = start + dt.timedelta(days=28)
    copy = services.event_duplicate(event=event, start=new_start)
    assert (copy.status, copy.slug, copy.start, copy.end) == (
        "draft",
        f"forum-{new_start:%Y%m%d}",
        new_start,
        new_start + dt.timedelta(hours=3),
    )
    copied = Session.objects.get(event=copy)
    assert (copied.title, copied.start) == (
        session.title,
        new_start + dt.timedelta(minutes=30),
    )
    assert copy.registrations.count() == 0
    assert Session.objects.filter(event=event).count() == 1


def test_series_create_and_update():
    host = HostFactory()
    series = services.series_create(host=host, title="金融科创", title_en="Fintech")
    series = services.series_update(series=series, description="每月一次")
    assert (series.slug, series.description) == ("fintech", "每月一次")


def test_venue_create_rejects_a_duplicate_name():
    host = HostFactory()
    services.venue_create(host=host, name="会客厅")
    with pytest.raises(ValidationError) as info:
        services.venue_create(host=host, name="会客厅 ")
    assert info.value.error_dict["name"][0].code == "duplicate_venue"


def test_venue_update_address_tells_registrants_of_its_events(
    mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="会客厅", address="旧址")
    event = EventFactory(host=venue.host, venue=venue)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.venue_update(venue=venue, address="新址")
    assert len(mailoutbox) == 1
    assert "会客厅, 新址" in mailoutbox[0].body


def test_event_change_series_of_another_host_is_refused():
    event = EventFactory()
    with pytest.raises(ValidationError) as info:
        services.event_update(event=event, series=SeriesFactory())
    assert info.value.error_dict["series"][0].code == "foreign_series"
