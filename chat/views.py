import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from chat import permissions, selectors
from chat.frames import timestamp
from core.exports import safe_cell
from events.models import Session
from events.permissions import can_view_event


def _session_or_404(request, slug: str, session_id: int) -> Session:
    try:
        session = selectors.session_for_page(slug=slug, session_id=session_id)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view_event(request.user, session.event):
        raise Http404
    return session


def session_page(request, slug: str, session_id: int):
    """The agenda item with its live chat and questions."""
    session = _session_or_404(request, slug, session_id)
    room = selectors.session_room(session_id=session.pk) if session.chat_enabled else None
    context = {
        "event": session.event,
        "session": session,
        "room": room,
        "can_enter": room is not None and permissions.can_enter_room(request.user, room),
        "can_moderate": room is not None and permissions.can_moderate_room(request.user, room),
        "can_export": permissions.can_export_transcript(request.user, session),
        "socket_path": f"/ws/sessions/{session.pk}/",  # chat/routing.py
    }
    return render(request, "chat/session.html", context)


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
