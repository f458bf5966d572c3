"""The organizer area of a host: its events, their agendas and materials, series and venues.

Every view answers 404 to whoever may not manage the host, like a host that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.forms import (
    CancelForm,
    DuplicateForm,
    EventForm,
    MaterialForm,
    SeriesForm,
    SessionForm,
    VenueForm,
    add_service_error,
    question_formset,
)
from events.models import Event, Series, Session, SessionMaterial, Venue
from events.permissions import access_event
from events.selectors import (
    check_in_counts,
    event_for_viewing,
    host_event_list,
    speaker_candidates,
)
from events.services import events as event_services
from events.services import sessions as session_services
from hosts.models import Host
from hosts.permissions import access_host, can_manage_host


def managed_host(request, host_slug: str) -> Host:
    return access_host(request.user, host_slug, can_manage_host)


def managed_event(request, host_slug: str, slug: str) -> Event:
    return access_event(
        request.user,
        slug,
        manage=True,
        host_slug=host_slug,
        queryset=event_for_viewing().prefetch_related("sessions__speakers"),
    )


def _to_event(event: Event):
    return redirect("organizer:event", host_slug=event.host.slug, slug=event.slug)


@login_required
def host_home(request, host_slug: str):
    host = managed_host(request, host_slug)
    context = {
        "host": host,
        "events": host_event_list(host=host),
        "series_list": Series.objects.filter(host=host).order_by("title"),
        "venues": Venue.objects.filter(host=host).order_by("name"),
    }
    return render(request, "events/organizer/host_home.html", context)


@login_required
def event_create(request, host_slug: str):
    host = managed_host(request, host_slug)
    form = EventForm(request.POST or None, request.FILES or None, host=host)
    questions = question_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        try:
            event = event_services.event_create(
                host=host,
                by=request.user,
                **form.service_fields(),
                **questions.service_fields(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The draft is saved. Add its agenda, then publish it."))
            return _to_event(event)
    context = {"host": host, "form": form, "questions": questions}
    return render(request, "events/organizer/event_form.html", context)


@login_required
def event_manage(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    context = {
        "host": event.host,
        "event": event,
        "changes": event.changes.select_related("changed_by")[:20],
        "cancel_form": CancelForm(),
        "counts": check_in_counts(event),  # kept live by events/checkin.js
    }
    return render(request, "events/organizer/event.html", context)


@login_required
def event_edit(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    form = EventForm(request.POST or None, request.FILES or None, instance=event, host=event.host)
    questions = question_formset(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        try:
            event_services.event_update(
                event=event,
                by=request.user,
                move_sessions=form.moves_sessions(),
                **form.service_fields(),
                **questions.service_fields(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return _to_event(event)
    context = {"host": event.host, "event": event, "form": form, "questions": questions}
    return render(request, "events/organizer/event_form.html", context)


def _act(request, action, event: Event, success: str, **kwargs):
    try:
        action(event=event, by=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return _to_event(event)


@login_required
@require_POST
def event_publish(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    return _act(request, event_services.event_publish, event, _("The event is published."))


@login_required
@require_POST
def event_finish(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    return _act(request, event_services.event_finish, event, _("The event is marked as held."))


@login_required
def event_cancel(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.event_cancel(
                event=event, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The event is cancelled; its registrants are told."))
            return _to_event(event)
    context = {"host": event.host, "event": event, "form": form}
    return render(request, "events/organizer/event_cancel.html", context)


@login_required
def event_duplicate(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    form = DuplicateForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            copy = event_services.event_duplicate(
                event=event, start=form.cleaned_data["start"], by=request.user
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("This is the copy, saved as a draft."))
            return _to_event(copy)
    context = {"host": event.host, "event": event, "form": form}
    return render(request, "events/organizer/event_duplicate.html", context)


def _session_of(event: Event, pk: int) -> Session:
    for session in event.sessions.all():
        if session.pk == pk:
            return session
    raise Http404


@login_required
def session_create(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.session_create(event=event, by=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The session is added to the agenda."))
            return _to_event(event)
    context = {"host": event.host, "event": event, "form": form}
    return render(request, "events/organizer/session_form.html", context)


@login_required
def session_edit(request, host_slug: str, slug: str, pk: int):
    event = managed_event(request, host_slug, slug)
    session = _session_of(event, pk)
    form = SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.session_update(
                session=session, by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return _to_event(event)
    context = {"host": event.host, "event": event, "session": session, "form": form}
    return render(request, "events/organizer/session_form.html", context)


@login_required
@require_POST
def session_delete(request, host_slug: str, slug: str, pk: int):
    event = managed_event(request, host_slug, slug)
    session = _session_of(event, pk)
    try:
        session_services.session_delete(
            session=session, by=request.user, notify=request.POST.get("notify") == "on"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The session is removed from the agenda."))
    return _to_event(event)


@login_required
def material_add(request, host_slug: str, slug: str, pk: int):
    event = managed_event(request, host_slug, slug)
    session = _session_of(event, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.material_add(session=session, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The material is added."))
            return _to_event(event)
    context = {"host": event.host, "event": event, "session": session, "form": form}
    return render(request, "events/organizer/material_form.html", context)


@login_required
@require_POST
def material_delete(request, host_slug: str, slug: str, pk: int):
    event = managed_event(request, host_slug, slug)
    material = SessionMaterial.objects.filter(pk=pk, session__event=event).first()
    if material is None:
        raise Http404
    session_services.material_delete(material=material)
    messages.success(request, _("The material is removed."))
    return _to_event(event)


def _simple_form(request, host, form_class, template, save, instance=None, title=""):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("organizer:host", host_slug=host.slug)
    return render(request, template, {"host": host, "form": form, "title": title})


@login_required
def series_create(request, host_slug: str):
    host = managed_host(request, host_slug)
    return _simple_form(
        request,
        host,
        SeriesForm,
        "events/organizer/simple_form.html",
        lambda data: event_services.series_create(host=host, **data),
        title=_("New series"),
    )


@login_required
def series_edit(request, host_slug: str, slug: str):
    host = managed_host(request, host_slug)
    series = Series.objects.filter(host=host, slug=slug).first()
    if series is None:
        raise Http404
    return _simple_form(
        request,
        host,
        SeriesForm,
        "events/organizer/simple_form.html",
        lambda data: event_services.series_update(series=series, **data),
        instance=series,
        title=series.title,
    )


@login_required
def venue_create(request, host_slug: str):
    host = managed_host(request, host_slug)
    return _simple_form(
        request,
        host,
        VenueForm,
        "events/organizer/simple_form.html",
        lambda data: event_services.venue_create(host=host, **data),
        title=_("New venue"),
    )


@login_required
def venue_edit(request, host_slug: str, pk: int):
    host = managed_host(request, host_slug)
    venue = Venue.objects.filter(host=host, pk=pk).first()
    if venue is None:
        raise Http404
    return _simple_form(
        request,
        host,
        VenueForm,
        "events/organizer/simple_form.html",
        lambda data: event_services.venue_update(venue=venue, by=request.user, **data),
        instance=Venue.objects.get(pk=venue.pk),
        title=venue.name,
    )


@login_required
def speaker_search(request, host_slug: str, slug: str):
    """The session form's speaker search: up to 20 of the host's experts by name or
    institution, as {"results": [{"id", "name", "institution"}]}."""
    event = access_event(request.user, slug, manage=True, host_slug=host_slug)
    experts = speaker_candidates(host=event.host, q=request.GET.get("q", "")[:100])
    results = [{"id": e.pk, "name": e.name, "institution": e.institution} for e in experts]
    return JsonResponse({"results": results})
