import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chat import permissions, selectors, services
from chat.forms import SLOW_MODE_CHOICES, ChatWindowForm, SessionWindowForm, SlowModeForm
from chat.frames import timestamp
from core.exports import safe_cell
from events.models import Event, Session
from events.permissions import can_view_event


def _session_or_404(request, slug: str, session_id: int) -> Session:
    try:
        session = selectors.session_for_page(slug=slug, session_id=session_id)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view_event(request.user, session.event):
        raise Http404
    return session


def access_event_chat(user, slug: str, *, manage: bool = False) -> Event:
    """The event `slug` when `user` may see it (and, with `manage`, run its chat); 404 for
    missing and forbidden alike."""
    try:
        event = selectors.event_for_chat(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    allowed = permissions.can_manage_chat if manage else can_view_event
    if not allowed(user, event):
        raise Http404
    return event


def _chat_context(request, room, socket_path: str) -> dict:
    """What the chat panel (templates/chat/_panel.html) needs."""
    can_enter = room is not None and permissions.can_enter_room(request.user, room)
    now = timezone.now()
    state = None if room is None else "open" if room.is_open(now) else "closed"
    if room is not None and now < room.opens:
        state = "not_yet"
    return {
        "room": room,
        "room_open": state == "open",
        "room_state": state,
        "can_enter": can_enter,
        "can_moderate": room is not None and permissions.can_moderate_room(request.user, room),
        "socket_path": socket_path,  # chat/routing.py
        "voted": selectors.voted_question_ids(room=room, user=request.user) if can_enter else [],
        "votes_one": ngettext("%(count)s vote", "%(count)s votes", 1),
        "votes_other": ngettext("%(count)s vote", "%(count)s votes", 2),
    }


def session_page(request, slug: str, session_id: int):
    """The agenda item with its live chat and questions."""
    session = _session_or_404(request, slug, session_id)
    room = selectors.session_room(session_id=session.pk) if session.chat_enabled else None
    context = {
        "event": session.event,
        "session": session,
        "can_export": permissions.can_export_transcript(request.user, session),
        **_chat_context(request, room, f"/ws/sessions/{session.pk}/"),
    }
    return render(request, "chat/session.html", context)


def lobby_page(request, slug: str):
    """The event's lobby: one chat for the whole event, open from registration to the end."""
    event = access_event_chat(request.user, slug)
    room = selectors.lobby_room(event_id=event.pk)
    context = {"event": event, **_chat_context(request, room, f"/ws/events/{event.pk}/lobby/")}
    return render(request, "chat/lobby.html", context)


def settings_page(request, slug: str):
    """The host's staff set the chat window, slow mode per room, and lift mutes."""
    event = access_event_chat(request.user, slug, manage=True)
    conf = selectors.chat_settings_for(event)
    form = ChatWindowForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        services.chat_settings_update(event=event, **form.cleaned_data)
        messages.success(request, _("The chat window is saved."))
        return redirect("chat:settings", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "rooms": selectors.event_rooms(event=event),
        "conf": conf,
        "mutes": selectors.active_mutes(event=event),
        "slow_mode_choices": SLOW_MODE_CHOICES,
    }
    return render(request, "chat/settings.html", context)


@require_POST
def slow_mode(request, slug: str):
    """Set one room's slow mode from the settings page."""
    event = access_event_chat(request.user, slug, manage=True)
    form = SlowModeForm(request.POST)
    room = selectors.event_room(event=event, key=form.data.get("room", ""))
    if room is None or not form.is_valid():
        messages.error(request, _("Choose a room and a slow mode."))
    else:
        services.room_slow_mode_set(room=room, seconds=form.cleaned_data["seconds"])
        messages.success(request, _("Slow mode is saved."))
    return redirect("chat:settings", slug=event.slug)


@require_POST
def session_window(request, slug: str, session_id: int):
    """Give one session its own chat window from the settings page (both empty: the event's)."""
    event = access_event_chat(request.user, slug, manage=True)
    try:
        session = selectors.event_session(event=event, session_id=session_id)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    form = SessionWindowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter numbers of minutes from 0 to 1440."))
        return redirect("chat:settings", slug=event.slug)
    try:
        services.session_window_set(session=session, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The session's chat window is saved."))
    return redirect("chat:settings", slug=event.slug)


@require_POST
def unmute(request, slug: str, mute_id: int):
    """Lift a mute from the settings page."""
    event = access_event_chat(request.user, slug, manage=True)
    mute = selectors.active_mutes(event=event).filter(pk=mute_id).first()
    if mute is None:
        raise Http404
    try:
        services.user_unmute(room=selectors.lobby_room(event_id=event.pk), user_id=mute.user_id)
    except ValidationError as error:  # pragma: no cover - the id comes from our own row
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(name)s may write again.") % {"name": mute.user.display_name})
    return redirect("chat:settings", slug=event.slug)


TRANSCRIPT_FIELDS = ["id", "created", "kind", "author", "role", "body", "votes", "pinned"]
TRANSCRIPT_FIELDS += ["answered", "deleted"]


def _transcript_rows(session: Session):
    for message in selectors.transcript(session=session):
        yield {
            "id": message.pk,
            "created": timestamp(message.created),
            "kind": message.kind,
            "author": message.author.display_name if message.author else None,
            "role": message.author_role,
            # Deleted messages are marked, their text left out.
            "body": "" if message.deleted else message.body,
            "votes": message.votes,
            "pinned": message.pinned,
            "answered": message.answered,
            "deleted": message.deleted,
        }


def transcript(request, slug: str, session_id: int, fmt: str):
    """A session's transcript for its organizers, once it has ended (CSV or JSON)."""
    if fmt not in ("csv", "json"):
        raise Http404
    session = _session_or_404(request, slug, session_id)
    if not permissions.can_export_transcript(request.user, session):
        raise Http404
    rows = list(_transcript_rows(session))
    filename = f"transcript-{session.event.slug}-{session.pk}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            {"event": session.event.slug, "session": session.pk, "messages": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the Chinese text as UTF-8
        writer = csv.DictWriter(response, fieldnames=TRANSCRIPT_FIELDS)
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
