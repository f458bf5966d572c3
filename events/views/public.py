from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from core.downloads import private_file_response
from events.models import Event, Series
from events.permissions import (
    access_event,
    access_material,
    can_manage_event,
    can_view_materials,
    invitation_code_matches,
)
from events.selectors import (
    PHASE_LIMIT,
    event_for_viewing,
    event_search,
    event_themes,
    events_by_phase,
    registration_panel,
    series_detail,
)
from events.selectors import series_events as select_series_events
from events.signals import event_blocks, open_rooms
from hosts.models import Host

# Where an invitation code, once shown, is remembered so the invitee can move around the event.
SESSION_CODES = "event_invitation_codes"
PAGE_SIZE = 12


def home(request):
    context = {"phases": events_by_phase(), "phase_limit": PHASE_LIMIT}
    return render(request, "events/home.html", context)


def invitation_code(request, slug: str) -> str | None:
    """The invitation code of event `slug` from `?code=`, or remembered earlier."""
    return request.GET.get("code") or request.session.get(SESSION_CODES, {}).get(slug)


def viewable_event(request, slug: str, queryset=None) -> Event:
    """`access_event` for the event pages: its invitation code from the link or the session,
    remembered once it has opened the event."""
    code = invitation_code(request, slug)
    event = access_event(request.user, slug, code=code, queryset=queryset)
    if invitation_code_matches(event, code):
        codes = request.session.get(SESSION_CODES, {})
        if codes.get(slug) != code:
            request.session[SESSION_CODES] = {**codes, slug: code}
    return event


def event_detail(request, slug: str):
    event = viewable_event(request, slug, queryset=event_for_viewing())
    context = {
        "event": event,
        "agenda": agenda_rows(event, request.user),
        "show_materials": can_view_materials(request.user, event),
        "can_manage": can_manage_event(request.user, event),
        "panel": registration_panel(event=event, user=request.user),
        "extra_blocks": event_blocks(request, event),
    }
    return render(request, "events/event_detail.html", context)


def agenda_rows(event: Event, user, now=None) -> list[dict]:
    """The agenda as shown: each session (prefetched), whether it is on now, and the address
    of its chat when its room is open for `user`."""
    now = now or timezone.now()
    chat = {link.session_id: link.url for link in open_rooms(user, [event], now)}
    return [
        {"session": s, "on_now": s.start <= now < s.end, "chat_url": chat.get(s.pk)}
        for s in event.sessions.all()
    ]


def event_list(request):
    """Upcoming (or, with ?phase=past, past) public events, filtered and searched."""
    params = {
        "series": request.GET.get("series", "")[:80],
        "theme": request.GET.get("theme", "")[:100],
        "host": request.GET.get("host", "")[:80],
        "q": request.GET.get("q", "")[:100],
        "phase": "past" if request.GET.get("phase") == "past" else "upcoming",
    }
    page = Paginator(event_search(**params), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "params": params,
        "themes": event_themes(),
        "hosts": Host.objects.filter(
            events__status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED]
        )
        .distinct()
        .order_by("name"),
        "series_choices": Series.objects.filter(
            events__status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED]
        )
        .distinct()
        .order_by("title"),
        "query": query.urlencode(),
    }
    return render(request, "events/event_list.html", context)


def series_page(request, slug: str):
    series = series_detail(slug=slug)
    if series is None:
        raise Http404
    context = {
        "series": series,
        "phases": select_series_events(series=series),
        "phase_limit": PHASE_LIMIT,
    }
    return render(request, "events/series.html", context)


@login_required
def material_download(request, slug: str, pk: int):
    """A session's material, for confirmed registrants, speakers and the host's staff."""
    material = access_material(request.user, slug=slug, pk=pk)
    if not material.file:
        return redirect(material.url)
    return private_file_response(material.file)
