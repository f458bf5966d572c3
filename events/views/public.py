from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.downloads import private_file_response
from events.models import Event, Series, SessionMaterial
from events.permissions import (
    can_manage_event,
    can_view_event,
    can_view_materials,
    invitation_code_matches,
)
from events.selectors import event_for_viewing as select_event
from events.selectors import (
    event_search,
    event_themes,
    events_by_phase,
    registration_panel,
    series_detail,
)
from events.selectors import series_events as select_series_events
from events.signals import event_blocks
from hosts.models import Host

# Where an invitation code, once shown, is remembered so the invitee can move around the event.
SESSION_CODES = "event_invitation_codes"
PAGE_SIZE = 12


def home(request):
    return render(request, "events/home.html", {"phases": events_by_phase()})


def invitation_code(request, event: Event) -> str | None:
    """The invitation code from `?code=` (remembered in the session) or remembered earlier."""
    codes = request.session.get(SESSION_CODES, {})
    code = request.GET.get("code")
    if invitation_code_matches(event, code):
        codes[str(event.pk)] = code
        request.session[SESSION_CODES] = codes
    return code or codes.get(str(event.pk))


def event_detail(request, slug: str):
    try:
        event = select_event(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view_event(request.user, event, code=invitation_code(request, event)):
        raise Http404
    context = {
        "event": event,
        "show_materials": can_view_materials(request.user, event),
        "can_manage": can_manage_event(request.user, event),
        "panel": registration_panel(event=event, user=request.user),
        "extra_blocks": event_blocks(request, event),
    }
    return render(request, "events/event_detail.html", context)


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
    try:
        series = series_detail(slug=slug)
    except Series.DoesNotExist as exc:
        raise Http404 from exc
    context = {"series": series, "phases": select_series_events(series=series)}
    return render(request, "events/series.html", context)


@login_required
def material_download(request, slug: str, pk: int):
    """A session's material, for confirmed registrants, speakers and the host's staff."""
    material = get_object_or_404(
        SessionMaterial.objects.select_related("session__event__host"),
        pk=pk,
        session__event__slug=slug,
    )
    if not can_view_materials(request.user, material.session.event):
        raise Http404
    if not material.file:
        return redirect(material.url)
    return private_file_response(material.file)
