"""The organizer's registration table, its CSV and XLSX exports, and printable sheets."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from events import exports
from events.forms import RegistrationFilterForm
from events.models import Registration
from events.selectors import organization_of, registration_table
from events.views.organizer import managed_event


def _filtered(request, event):
    form = RegistrationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, registration_table(event=event, **filters)


@login_required
def registrations(request, host_slug: str, slug: str):
    """Read-only table of an event's registrations, filtered by role and status, searched by
    name or organization."""
    event = managed_event(request, host_slug, slug)
    form, qs = _filtered(request, event)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    rows = [(r, organization_of(r), exports.checked_in_at(r)) for r in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "host": event.host,
        "event": event,
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
    }
    return render(request, "events/organizer/registrations.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def registrations_csv(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    _form, qs = _filtered(request, event)
    return _download(
        exports.as_csv(event, qs), "text/csv; charset=utf-8", f"{event.slug}-registrations.csv"
    )


@login_required
def registrations_xlsx(request, host_slug: str, slug: str):
    event = managed_event(request, host_slug, slug)
    _form, qs = _filtered(request, event)
    return _download(
        exports.as_xlsx(event, qs),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{event.slug}-registrations.xlsx",
    )


def _confirmed(event):
    return [
        (r, organization_of(r))
        for r in registration_table(event=event, status=Registration.Status.CONFIRMED).order_by(
            "user__name", "user__email"
        )
    ]


@login_required
def sign_in_sheet(request, host_slug: str, slug: str):
    """签到表: confirmed registrants with a blank for their signature, to print."""
    event = managed_event(request, host_slug, slug)
    context = {"host": event.host, "event": event, "rows": _confirmed(event)}
    return render(request, "events/organizer/sign_in_sheet.html", context)


@login_required
def badges(request, host_slug: str, slug: str):
    """Name badges (or, with ?kind=table, folded table cards) for confirmed registrants."""
    event = managed_event(request, host_slug, slug)
    kind = "table" if request.GET.get("kind") == "table" else "badge"
    context = {"host": event.host, "event": event, "rows": _confirmed(event), "kind": kind}
    return render(request, "events/organizer/badges.html", context)
