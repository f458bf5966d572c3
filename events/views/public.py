from django.http import Http404
from django.shortcuts import render

from events.models import Event
from events.selectors import event_detail as select_event
from events.selectors import events_by_phase, registration_panel


def home(request):
    return render(request, "events/home.html", {"phases": events_by_phase()})


def event_detail(request, slug: str):
    try:
        event = select_event(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "panel": registration_panel(event=event, user=request.user)},
    )
