"""Attendee pages: register, cancel, my events, my ticket."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Registration
from events.permissions import (
    access_registration,
    access_ticket,
    can_register_for_event,
)
from events.registration_forms import RegistrationForm
from events.selectors import my_registrations, registration_panel
from events.services.registration_rules import allowed_roles
from events.services.registrations import registration_cancel, registration_create
from events.signals import open_rooms
from events.views.public import invitation_code, viewable_event


@login_required
def register(request, slug: str):
    event = viewable_event(request, slug)
    if not can_register_for_event(request.user, event, code=invitation_code(request, slug)):
        raise Http404
    panel = registration_panel(event=event, user=request.user)
    if panel["state"] == "registered":
        messages.info(request, _("You are already registered for this event."))
        return redirect("events:detail", slug=event.slug)
    if panel["state"] not in ("open", "full"):  # the event page says why
        return redirect("events:detail", slug=event.slug)
    form = RegistrationForm(request.POST or None, event=event, roles=allowed_roles(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(
                event=event,
                user=request.user,
                role=form.cleaned_data["role"],
                answers=form.answers(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, REGISTERED_MESSAGES[registration.status]())
            return redirect("events:detail", slug=event.slug)
    return render(request, "events/register.html", {"event": event, "form": form, "panel": panel})


REGISTERED_MESSAGES = {
    Registration.Status.CONFIRMED: lambda: _("You are registered. Your ticket is below."),
    Registration.Status.WAITLISTED: lambda: _(
        "The event is full: you are on the waiting list and will be emailed when a seat frees."
    ),
    Registration.Status.PENDING: lambda: _(
        "Registration received: the organizers will review it and email you."
    ),
}


@require_POST
@login_required
def cancel(request, slug: str, pk: int):
    registration = access_registration(request.user, slug=slug, pk=pk)
    try:
        registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("events:detail", slug=slug)


@login_required
def my_events(request):
    registrations = list(my_registrations(user=request.user))
    chat = open_rooms(request.user, {r.event for r in registrations})
    rows = [
        {"registration": r, "chat": [link for link in chat if link.event_id == r.event_id]}
        for r in registrations
    ]
    return render(request, "events/my_events.html", {"rows": rows})


@login_required
def ticket(request, token: str):
    registration = access_ticket(request.user, token)
    qr = None
    if registration.status == Registration.Status.CONFIRMED:
        # segno writes the SVG itself (no outside request); the token is URL-safe base64. A
        # viewBox instead of a fixed size lets the code scale to the page (and stay centred).
        qr = mark_safe(  # noqa: S308 - generated SVG, no user input but the token
            segno.make(registration.ticket_token, error="m").svg_inline(
                scale=6, border=2, omitsize=True
            )
        )
    chat = open_rooms(request.user, [registration.event]) if qr else []
    context = {"registration": registration, "qr": qr, "chat": chat}
    return render(request, "events/ticket.html", context)
