"""Writes on an event's agenda (sessions) and its materials.

A session lies inside its event, and no two sessions of one event overlap in the same room.
Changes to the agenda of a published, upcoming event are told to its registrants.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event, Session, SessionMaterial
from events.services.events import event_change_record, local_text, session_text

SESSION_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "start",
    "end",
    "room",
    "room_en",
    "speakers_text",
    "chat_enabled",
)


def _check_session(session: Session) -> None:
    event = session.event
    tz = event.timezone
    if session.end <= session.start:
        raise ValidationError(
            {
                "end": ValidationError(
                    _("A session must end after it starts."), code="session_end_before_start"
                )
            }
        )
    if session.start < event.start or session.end > event.end:
        raise ValidationError(
            _("A session must take place during the event, between %(start)s and %(end)s.")
            % {"start": local_text(event.start, tz), "end": local_text(event.end, tz)},
            code="session_outside_event",
        )
    clash = (
        Session.objects.select_for_update()
        .filter(event=event, room=session.room, start__lt=session.end, end__gt=session.start)
        .exclude(pk=session.pk)
        .order_by("start")
        .first()
    )
    if clash is not None:
        if session.room:
            message = _("“%(room)s” is already used by “%(title)s” at %(time)s.")
        else:
            message = _("“%(title)s” already takes place at %(time)s in the main room.")
        raise ValidationError(
            message
            % {
                "room": session.room,
                "title": clash.title,
                "time": f"{local_text(clash.start, tz)}–{clash.end.astimezone(event.tzinfo):%H:%M}",
            },
            code="session_overlap",
        )


def _lock_event(event: Event) -> Event:
    # One writer per agenda at a time, so two overlapping sessions cannot slip in together.
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(event: Event) -> None:
    if event.status in (Event.Status.CANCELLED, Event.Status.FINISHED):
        raise ValidationError(
            _("A cancelled or finished event can no longer be changed."), code="event_closed"
        )


@transaction.atomic
def session_create(*, event: Event, by=None, notify: bool = True, speakers=(), **fields) -> Session:
    """Add a session to the agenda; raises ValidationError when it lies outside the event or
    overlaps another session in the same room."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    event = _lock_event(event)
    _check_open(event)
    session = Session(event=event, **fields)
    _check_session(session)
    session.full_clean(exclude=["event"])
    session.save()
    if speakers:
        session.speakers.set(speakers)
    event_change_record(
        event=event,
        changes=[
            {"field": "agenda_added", "old": "", "new": session_text(session, event.timezone)}
        ],
        by=by,
        notify=notify,
    )
    return session


@transaction.atomic
def session_update(
    *, session: Session, by=None, notify: bool = True, speakers=None, **fields
) -> Session:
    """Change a session under the same rules as session_create; registrants are told when its
    time, room or title changed."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    event = _lock_event(session.event)
    _check_open(event)
    session = Session.objects.get(pk=session.pk)
    session.event = event
    before = session_text(session, event.timezone)
    for name, value in fields.items():
        setattr(session, name, value)
    _check_session(session)
    session.full_clean(exclude=["event"])
    session.save()
    if speakers is not None:
        session.speakers.set(speakers)
    after = session_text(session, event.timezone)
    if before != after:
        event_change_record(
            event=event,
            changes=[{"field": "agenda_changed", "old": before, "new": after}],
            by=by,
            notify=notify,
        )
    return session


@transaction.atomic
def session_delete(*, session: Session, by=None, notify: bool = True) -> None:
    """Remove a session (and its materials) from the agenda; registrants are told."""
    event = _lock_event(session.event)
    _check_open(event)
    session.event = event
    text = session_text(session, event.timezone)
    session.delete()
    event_change_record(
        event=event,
        changes=[{"field": "agenda_removed", "old": text, "new": ""}],
        by=by,
        notify=notify,
    )


@transaction.atomic
def material_add(*, session: Session, title: str, file=None, url: str = "") -> SessionMaterial:
    """Attach a file or a link (exactly one) to a session."""
    title = (title or "").strip()
    if bool(file) == bool(url):
        raise ValidationError(
            _("Give either a file or a link, not both and not neither."), code="file_or_link"
        )
    if not title:
        title = getattr(file, "name", "") or url
    material = SessionMaterial(session=session, title=title[:200], url=url or "")
    if file:
        material.file = file
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: SessionMaterial) -> None:
    """Remove a material; its file goes once the removal is committed."""
    if material.file:
        storage, name = material.file.storage, material.file.name
        transaction.on_commit(lambda: storage.delete(name))
    material.delete()
