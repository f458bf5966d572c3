"""Organizer pages for one-to-one meetings at an event (host staff only: every page asks
`access_meetings_event` or `access_meeting`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from meetings.forms import MeetingMoveForm, SlotRangeForm, StaffRequestForm, TablesForm
from meetings.permissions import access_meeting, access_meetings_event
from meetings.selectors import (
    event_registrant_choices,
    meeting_grid,
    meeting_requests_of_event,
    meeting_slots,
    meeting_tables,
    meetings_of_event,
)
from meetings.services.meetings import (
    meeting_cancel,
    meeting_move,
    meeting_request_add,
    meeting_slot_delete,
    meeting_slots_define,
    meeting_table_delete,
    meeting_tables_define,
    meetings_schedule,
)


def _show_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def meeting_setup(request, slug: str):
    """Meeting slots (a time range cut into slots) and tables."""
    event = access_meetings_event(request.user, slug)
    slot_form = SlotRangeForm(initial={"day": event.start.astimezone(event.tzinfo).date()})
    tables_form = TablesForm()
    if request.method == "POST" and request.POST.get("form") in ("delete_slot", "delete_table"):
        _setup_delete(request, event)
        return redirect("meetings:meeting_setup", slug=event.slug)
    if request.method == "POST":
        which = request.POST.get("form")
        form = SlotRangeForm(request.POST) if which == "slots" else TablesForm(request.POST)
        if form.is_valid():
            try:
                if which == "slots":
                    made = meeting_slots_define(event=event, **form.cleaned_data)
                else:
                    made = meeting_tables_define(event=event, names=form.cleaned_data["names"])
            except ValidationError as exc:
                _show_errors(request, exc)
            else:
                messages.success(request, _("%(count)s added.") % {"count": len(made)})
                return redirect("meetings:meeting_setup", slug=event.slug)
        if which == "slots":
            slot_form = form
        else:
            tables_form = form
    context = {
        "event": event,
        "slots": meeting_slots(event=event),
        "tables": meeting_tables(event=event),
        "slot_form": slot_form,
        "tables_form": tables_form,
    }
    return render(request, "meetings/setup.html", context)


def _setup_delete(request, event: Event) -> None:
    """Remove one slot or table with the meetings in it (their requests are scheduled again
    next time)."""
    pk = request.POST.get("pk", "")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
        return
    if request.POST["form"] == "delete_slot":
        slot = meeting_slots(event=event).filter(pk=pk).first()
        if slot is not None:
            meeting_slot_delete(slot=slot)
    else:
        table = meeting_tables(event=event).filter(pk=pk).first()
        if table is not None:
            meeting_table_delete(table=table)
    messages.success(request, _("Removed."))


@login_required
def meeting_requests(request, slug: str):
    """Every request of the event, and an organizer's own pairing of two registrants."""
    event = access_meetings_event(request.user, slug)
    choices = {
        "experts": event_registrant_choices(event=event, side="expert"),
        "members": event_registrant_choices(event=event, side="company"),
    }
    form = StaffRequestForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_request_add(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The request was added."))
            return redirect("meetings:meeting_requests", slug=event.slug)
    context = {"event": event, "requests": meeting_requests_of_event(event=event), "form": form}
    return render(request, "meetings/requests.html", context)


@login_required
@require_POST
def meeting_schedule_run(request, slug: str):
    event = access_meetings_event(request.user, slug)
    result = meetings_schedule(event=event)
    messages.success(
        request,
        _(
            "%(placed)s meetings scheduled, %(kept)s moved by hand kept, %(unplaced)s requests "
            "could not be placed."
        )
        % result,
    )
    return redirect("meetings:meeting_grid", slug=event.slug)


@login_required
def meeting_grid_page(request, slug: str):
    """The schedule: slots down, tables across; each meeting can be moved or cancelled."""
    event = access_meetings_event(request.user, slug)
    tables, rows = meeting_grid(event=event)
    context = {"event": event, "tables": tables, "rows": rows}
    return render(request, "meetings/grid.html", context)


@login_required
@require_POST
def meeting_move_view(request, slug: str, pk: int):
    meeting = access_meeting(request.user, slug, pk)
    event = meeting.event
    form = MeetingMoveForm(
        request.POST, slots=meeting_slots(event=event), tables=meeting_tables(event=event)
    )
    if not form.is_valid():
        messages.error(request, _("Choose a slot and a table."))
    else:
        try:
            meeting_move(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("The meeting was moved."))
    return redirect("meetings:meeting_grid", slug=event.slug)


@login_required
@require_POST
def meeting_cancel_view(request, slug: str, pk: int):
    meeting = access_meeting(request.user, slug, pk)
    meeting_cancel(meeting=meeting)
    messages.success(request, _("The meeting was cancelled."))
    return redirect("meetings:meeting_grid", slug=meeting.event.slug)


@login_required
def meeting_print(request, slug: str):
    """One printed page per table with its meetings in time order."""
    event = access_meetings_event(request.user, slug)
    by_table = {t.pk: (t, []) for t in meeting_tables(event=event)}
    for meeting in meetings_of_event(event=event):
        by_table[meeting.table_id][1].append(meeting)
    context = {"event": event, "tables": list(by_table.values())}
    return render(request, "meetings/print.html", context)
