"""Organizer pages at the door: check-in, walk-ins and the live counters (the registrations
table itself is events/views/registration_table.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from events.permissions import access_event
from events.registration_forms import CheckInForm, WalkInForm
from events.selectors import check_in_counts, check_in_search, organization_of
from events.services.checkin import check_in_message, registration_check_in
from events.services.registrations import walk_in_register


def _managed_event(request, slug: str) -> Event:
    return access_event(request.user, slug, manage=True)


@login_required
def manage_registrations(request, slug: str):
    """The registrations page moved to the organizer area: a permanent redirect there, with
    the same query string."""
    event = _managed_event(request, slug)
    url = reverse("organizer:registrations", args=[event.host.slug, event.slug])
    if query := request.META.get("QUERY_STRING", ""):
        url = f"{url}?{query}"
    return HttpResponsePermanentRedirect(url)


RESULT_CLASSES = {
    "ok": "checkin-ok",
    "already": "checkin-warn",
    "cancelled": "checkin-bad",
    "not_confirmed": "checkin-bad",
    "other_event": "checkin-bad",
    "unknown": "checkin-bad",
    "rate_limited": "checkin-warn",
}


def _door_context(request, event: Event) -> dict:
    """What every state of the check-in page shows besides the result: the counters, the
    search and its matches, and the check-in API the page's script sends scans to."""
    q = request.GET.get("q", "")[:100]
    return {
        "event": event,
        "counts": check_in_counts(event),
        "q": q,
        "matches": [
            (registration, organization_of(registration))
            for registration in check_in_search(event=event, q=q)
        ],
        "api_url": reverse("api:event-check-in", args=[event.pk]),
    }


@login_required
def check_in(request, slug: str):
    event = _managed_event(request, slug)
    result = None
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = registration_check_in(event=event, code=form.cleaned_data["code"], by=request.user)
        form = CheckInForm()  # an empty field, ready for the next person
    return render(
        request,
        "events/check_in.html",
        {
            **_door_context(request, event),
            "form": form,
            "walk_in_form": WalkInForm(),
            "result": result,
            "result_class": RESULT_CLASSES.get(result.outcome) if result else "",
            "result_message": check_in_message(result) if result else "",
            "same_host": bool(
                result
                and result.registration
                and result.registration.event.host_id == event.host_id
            ),
        },
        status=429 if result and result.outcome == "rate_limited" else 200,
    )


@require_POST
@login_required
def walk_in(request, slug: str):
    event = _managed_event(request, slug)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            registration = walk_in_register(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered and checked in.")
                % {"name": registration.user.display_name},
            )
            return redirect("events:check_in", slug=event.slug)
    return render(
        request,
        "events/check_in.html",
        {
            **_door_context(request, event),
            "form": CheckInForm(),
            "walk_in_form": form,
            "result": None,
        },
    )


@login_required
def check_in_counts_json(request, slug: str):
    event = _managed_event(request, slug)
    return JsonResponse(check_in_counts(event))
