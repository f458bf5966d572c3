"""Organizer pages for round tables: seat, see why, adjust, print (host staff only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.forms import RoundTableForm, SeatMoveForm
from meetings.permissions import access_meetings_event, access_round_table_seat
from meetings.selectors import round_table_plan, round_table_view
from meetings.services.round_tables import round_table_move, round_tables_seat


def _context(event, form=None):
    plan = round_table_plan(event=event)
    return {
        "event": event,
        "plan": plan,
        "tables": round_table_view(plan=plan) if plan else [],
        "form": form or RoundTableForm(initial={"table_size": plan.table_size if plan else 6}),
        "move_form": SeatMoveForm(),
    }


@login_required
def roundtable_seating(request, slug: str):
    event = access_meetings_event(request.user, slug)
    return render(request, "meetings/round_tables/seating.html", _context(event))


@login_required
@require_POST
def roundtable_seat(request, slug: str):
    event = access_meetings_event(request.user, slug)
    form = RoundTableForm(request.POST)
    if form.is_valid():
        try:
            round_tables_seat(
                event=event, table_size=form.cleaned_data["table_size"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Everyone has a seat."))
            return redirect("meetings:roundtable_seating", slug=event.slug)
    return render(request, "meetings/round_tables/seating.html", _context(event, form), status=400)


@login_required
@require_POST
def roundtable_move(request, slug: str, pk: int):
    seat = access_round_table_seat(request.user, slug, pk)
    form = SeatMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a table."))
    else:
        try:
            round_table_move(seat=seat, table=form.cleaned_data["table"] - 1)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The seat was changed."))
    return redirect("meetings:roundtable_seating", slug=slug)


@login_required
def roundtable_print(request, slug: str):
    event = access_meetings_event(request.user, slug)
    plan = round_table_plan(event=event)
    context = {"event": event, "plan": plan, "tables": round_table_view(plan=plan) if plan else []}
    return render(request, "meetings/round_tables/print.html", context)
