"""The organizer's event matrix: which registrants were suggested to each other, who met."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from events.models import Event
from matching.permissions import can_view_event_matrix
from matching.selectors import event_matrix
from matching.suggestion_inputs import suggestion_host


@login_required
def event_matrix_view(request, slug: str):
    event = get_object_or_404(Event.objects.select_related("host"), slug=slug)
    if not can_view_event_matrix(request.user, event):
        raise Http404
    experts, needs, cells = event_matrix(event=event, host=suggestion_host(event.host))
    rows = [
        {"expert": expert, "cells": [cells.get((expert.pk, need.pk)) for need in needs]}
        for expert in experts
    ]
    return render(
        request,
        "matching/event_matrix.html",
        {"event": event, "needs": needs, "rows": rows, "pairs": len(cells)},
    )
