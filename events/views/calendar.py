"""Calendar files: one per event, and each person's private subscription feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.sites import absolute_url
from events.calendar import calendar_for
from events.models import CalendarFeed
from events.selectors import calendar_events_of, event_for_viewing
from events.services.calendar import calendar_feed_get, calendar_feed_reset
from events.views.public import viewable_event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, slug: str):
    event = viewable_event(request, slug, queryset=event_for_viewing())
    return _ics(calendar_for([event], name=event.title), f"{event.slug}.ics")


def feed_ics(request, token: str):
    """The subscription: every event the token's owner is confirmed for. No session needed,
    calendar apps fetch it on their own; the token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = calendar_events_of(user=feed.user)
    return _ics(calendar_for(events, name=_("Yizhan events"), user=feed.user), "yizhan.ics")


@login_required
def feed_page(request):
    feed = calendar_feed_get(user=request.user)
    url = absolute_url(reverse("events:calendar_feed_ics", args=[feed.token]))
    return render(request, "events/calendar_feed.html", {"feed_url": url})


@login_required
@require_POST
def feed_reset(request):
    calendar_feed_reset(user=request.user)
    messages.success(
        request, _("Your calendar link is new; calendars using the old one no longer update.")
    )
    return redirect("events:calendar_feed")
