"""An attendee's own meetings at an event: ask for meetings, mark busy slots and sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from meetings.forms import AttendeeRequestForm, AvailabilityForm
from meetings.permissions import access_meetings_event, can_plan_own_meetings
from meetings.selectors import (
    busy_of_user,
    meeting_counterparts,
    meeting_requests_of_user,
    meeting_slots,
    meetings_of_event,
)
from meetings.services.meetings import meeting_availability_set, meeting_request_create


@login_required
def meeting_mine(request, slug: str):
    event = access_meetings_event(request.user, slug, can_plan_own_meetings)
    user = request.user
    slots = meeting_slots(event=event).select_related("event")
    sessions = event.sessions.select_related("event").order_by("start")
    busy_slots, attended = busy_of_user(event=event, user=user)
    counterparts = meeting_counterparts(event=event, user=user)
    request_form = AttendeeRequestForm(counterparts=counterparts)
    availability_form = AvailabilityForm(
        slots=slots,
        sessions=sessions,
        initial={"unavailable": list(busy_slots), "sessions": list(attended)},
    )
    if request.method == "POST":
        if request.POST.get("form") == "request":
            request_form = AttendeeRequestForm(request.POST, counterparts=counterparts)
            if request_form.is_valid():
                try:
                    meeting_request_create(event=event, by=user, **request_form.cleaned_data)
                except ValidationError as exc:
                    request_form.add_error(None, exc)
                else:
                    messages.success(request, _("Your request was sent to the organizers."))
                    return redirect("meetings:meeting_mine", slug=event.slug)
        else:
            availability_form = AvailabilityForm(request.POST, slots=slots, sessions=sessions)
            if availability_form.is_valid():
                try:
                    meeting_availability_set(
                        event=event,
                        person=user,
                        unavailable=list(availability_form.cleaned_data["unavailable"]),
                        sessions=list(availability_form.cleaned_data["sessions"]),
                    )
                except ValidationError as exc:
                    availability_form.add_error(None, exc)
                else:
                    messages.success(request, _("Saved; the next schedule will respect it."))
                    return redirect("meetings:meeting_mine", slug=event.slug)
    context = {
        "event": event,
        "meetings": meetings_of_event(event=event, user=user),
        "requests": meeting_requests_of_user(event=event, user=user),
        "request_form": request_form,
        "availability_form": availability_form,
        "can_request": counterparts.exists(),
    }
    return render(request, "meetings/mine.html", context)
