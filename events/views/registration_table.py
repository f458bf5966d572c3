"""The organizer's registrations page: search and filters, bulk approve, reject, check-in and
cancel, the CSV and XLSX exports (which follow the same filters), and the printable sign-in
sheet and badges. Every view answers 404 to whoever may not manage the event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import exports
from events.filters import RegistrationFilter
from events.models import Registration
from events.permissions import access_event
from events.registration_forms import BulkActionForm
from events.selectors import check_in_counts, organization_of, registration_table, seats_left
from events.services.checkin import check_in_message, registration_check_in
from events.services.registrations import (
    registration_approve,
    registration_cancel,
    registration_reject,
)

PAGE_SIZE = 50


def _managed(request, host_slug: str, slug: str):
    return access_event(request.user, slug, manage=True, host_slug=host_slug)


def _filtered(request, event) -> RegistrationFilter:
    return RegistrationFilter(request.GET or None, queryset=registration_table(event=event))


@login_required
def registrations(request, host_slug: str, slug: str):
    """The table, filtered and paginated; a POST applies a bulk action to the ticked rows."""
    event = _managed(request, host_slug, slug)
    if request.method == "POST":
        _bulk_action(request, event)
        return redirect(request.get_full_path())
    filters = _filtered(request, event)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "host": event.host,
        "event": event,
        "filters": filters.form,
        "page": page,
        "rows": [(r, organization_of(r), r.checked_in_at) for r in page.object_list],
        "query": query.urlencode(),
        "seats_left": seats_left(event),
        "counts": check_in_counts(event),
        "bulk_form": BulkActionForm(),
    }
    return render(request, "events/organizer/registrations.html", context)


def _bulk_action(request, event) -> None:
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    chosen = list(registration_table(event=event).filter(pk__in=form.cleaned_data["ids"]))
    if not chosen:
        messages.error(request, _("Choose registrations and an action."))
        return
    action = form.cleaned_data["action"]
    if action == "approve":
        done = len(registration_approve(registrations=chosen, by=request.user))
        errors = []
    else:
        done, errors = _one_by_one(request, event, chosen, action, form.cleaned_data["reason"])
    messages.success(
        request,
        ngettext("%(count)s registration updated.", "%(count)s registrations updated.", done)
        % {"count": done},
    )
    for error in errors:
        messages.error(request, error)


def _one_by_one(request, event, chosen: list[Registration], action: str, reason: str):
    done, errors = 0, []
    for registration in chosen:
        name = registration.user.display_name
        try:
            if action == "reject":
                registration_reject(registration=registration, by=request.user, reason=reason)
            elif action == "cancel":
                registration_cancel(registration=registration, by=request.user)
            else:
                result = registration_check_in(
                    event=event, code=registration.ticket_token, by=request.user
                )
                if not result.ok:
                    raise ValidationError(check_in_message(result))
        except ValidationError as error:
            errors.append(f"{name}: {' '.join(error.messages)}")
        else:
            done += 1
    return done, errors


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def registrations_csv(request, host_slug: str, slug: str):
    event = _managed(request, host_slug, slug)
    return _download(
        exports.as_csv(event, _filtered(request, event).qs),
        "text/csv; charset=utf-8",
        f"{event.slug}-registrations.csv",
    )


@login_required
def registrations_xlsx(request, host_slug: str, slug: str):
    event = _managed(request, host_slug, slug)
    return _download(
        exports.as_xlsx(event, _filtered(request, event).qs),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{event.slug}-registrations.xlsx",
    )


def _confirmed(event):
    confirmed = registration_table(event=event).filter(status=Registration.Status.CONFIRMED)
    return [(r, organization_of(r)) for r in confirmed.order_by("user__name", "user__email")]


@login_required
def sign_in_sheet(request, host_slug: str, slug: str):
    """签到表: confirmed registrants with a blank for their signature, to print."""
    event = _managed(request, host_slug, slug)
    context = {"host": event.host, "event": event, "rows": _confirmed(event)}
    return render(request, "events/organizer/sign_in_sheet.html", context)


@login_required
def badges(request, host_slug: str, slug: str):
    """Name badges (or, with ?kind=table, folded table cards) for confirmed registrants."""
    event = _managed(request, host_slug, slug)
    kind = "table" if request.GET.get("kind") == "table" else "badge"
    context = {"host": event.host, "event": event, "rows": _confirmed(event), "kind": kind}
    return render(request, "events/organizer/badges.html", context)
