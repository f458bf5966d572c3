"""Organizer pages for an event's registrations: the table, check-in at the door, walk-ins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event, Registration
from events.permissions import can_manage_registrations
from events.registration_forms import (
    BulkActionForm,
    CheckInForm,
    RegistrationFilterForm,
    WalkInForm,
)
from events.selectors import check_in_counts, event_registrations, seats_left
from events.services.checkin import registration_check_in
from events.services.registrations import (
    registration_approve,
    registration_cancel,
    registration_reject,
    walk_in_register,
)

PAGE_SIZE = 50


def _managed_event(request, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("host"), slug=slug)
    if not can_manage_registrations(request.user, event):
        raise Http404
    return event


@login_required
def manage_registrations(request, slug: str):
    event = _managed_event(request, slug)
    if request.method == "POST":
        return _bulk_action(request, event)
    filters = RegistrationFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    qs = event_registrations(
        event=event,
        role=criteria.get("role", ""),
        status=criteria.get("status", ""),
        search=criteria.get("q", ""),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/manage_registrations.html",
        {
            "event": event,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "seats_left": seats_left(event),
            "counts": check_in_counts(event),
            "actions": BulkActionForm.ACTIONS,
        },
    )


def _bulk_action(request, event: Event):
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    chosen = list(
        Registration.objects.filter(event=event, pk__in=ids).select_related("event", "user")
    )
    form = BulkActionForm(request.POST)
    if not chosen or not form.is_valid():
        messages.error(request, _("Choose registrations and an action."))
        return redirect(request.get_full_path())
    action = form.cleaned_data["action"]
    done = 0
    errors = []
    if action == "approve":
        done = len(registration_approve(registrations=chosen, by=request.user))
    else:
        for registration in chosen:
            try:
                if action == "reject":
                    registration_reject(
                        registration=registration,
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                else:
                    registration_cancel(registration=registration, by=request.user)
                done += 1
            except ValidationError as error:
                errors.append(f"{registration.user.display_name}: {' '.join(error.messages)}")
    messages.success(request, _("%(count)s registrations updated.") % {"count": done})
    for error in errors:
        messages.error(request, error)
    return redirect(request.get_full_path())


RESULT_CLASSES = {
    "ok": "checkin-ok",
    "already": "checkin-warn",
    "cancelled": "checkin-bad",
    "not_confirmed": "checkin-bad",
    "other_event": "checkin-bad",
    "unknown": "checkin-bad",
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
            "event": event,
            "form": form,
            "walk_in_form": WalkInForm(),
            "result": result,
            "result_class": RESULT_CLASSES.get(result.outcome) if result else "",
            "same_host": bool(
                result
                and result.registration
                and result.registration.event.host_id == event.host_id
            ),
            "counts": check_in_counts(event),
        },
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
            "event": event,
            "form": CheckInForm(),
            "walk_in_form": form,
            "result": None,
            "counts": check_in_counts(event),
        },
    )


@login_required
def check_in_counts_json(request, slug: str):
    event = _managed_event(request, slug)
    return JsonResponse(check_in_counts(event))
