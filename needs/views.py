"""Pages of the needs desk: the board, a need with its history, posting, the desk's pages."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from needs import permissions as perms
from needs.forms import (
    NeedAssignForm,
    NeedFilterForm,
    NeedForm,
    NeedRatingForm,
    NeedTransitionForm,
)
from needs.models import TRANSITIONS, Need
from needs.selectors import desk_figures, need_board, need_history, overdue_needs
from needs.services import (
    need_assign,
    need_create,
    need_rate,
    need_topics_suggest,
    need_transition,
    need_update,
)
from needs.signals import need_page_blocks
from profiles.models import CooperationForm
from profiles.selectors import company_of

PAGE_SIZE = 20
PERIODS = {"30": 30, "90": 90, "365": 365, "all": None}


def need_board_view(request):
    form = NeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(need_board(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "needs/need_board.html", context)


def need_detail_view(request, pk: int):
    need = perms.access_need(request.user, pk)
    user = request.user
    is_desk = perms.is_need_desk(user, need)
    steps = [Need.Status(to) for to in perms.transitions_for(user, need)]
    forms_wanted = dict(CooperationForm.choices)
    context = {
        "need": need,
        "history": need_history(need=need),
        # The desk moves the need on; its company only withdraws or reopens it, quietly.
        "transitions": steps if is_desk else [],
        "company_steps": [] if is_desk else steps,
        "cooperation_forms": [forms_wanted.get(f, f) for f in need.cooperation_forms],
        "can_edit": perms.can_edit_need(user, need),
        "show_rating": perms.can_view_need_rating(user, need),
        "is_desk": is_desk,
        "blocks": need_page_blocks(request=request, need=need),
        "zone": settings.TIME_ZONE,  # hosts have no time zone of their own yet
    }
    if perms.can_assign_need(user, need):
        context["assign_form"] = NeedAssignForm(
            staff=perms.assignable_staff(user, need), initial={"assignee": need.assignee_id}
        )
    if perms.can_rate_need(user, need):
        context["rating_form"] = NeedRatingForm()
    return render(request, "needs/need_detail.html", context)


@require_POST
def need_transition_view(request, pk: int):
    need = perms.access_need(request.user, pk)
    form = NeedTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status the need can move to."))
        return redirect("needs:need_detail", pk=need.pk)
    to = form.cleaned_data["to"]
    if to in TRANSITIONS[need.status] and not perms.can_transition_need(request.user, need, to):
        raise PermissionDenied
    try:
        need_transition(need=need, to=to, by=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The need is now “%(status)s”.") % {"status": Need.Status(to).label}
        )
    return redirect("needs:need_detail", pk=need.pk)


@require_POST
def need_assign_view(request, pk: int):
    need = perms.access_need(request.user, pk)
    if not perms.can_assign_need(request.user, need):
        raise PermissionDenied
    form = NeedAssignForm(request.POST, staff=perms.assignable_staff(request.user, need))
    if form.is_valid():
        try:
            need_assign(
                need=need,
                assignee=form.cleaned_data["assignee"],
                by=request.user,
                response_deadline=form.cleaned_data["response_deadline"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The need is assigned."))
    else:
        messages.error(request, _("Choose a staff member and a deadline in the future."))
    return redirect("needs:need_detail", pk=need.pk)


@require_POST
def need_rate_view(request, pk: int):
    need = perms.access_need(request.user, pk)
    if not perms.can_rate_need(request.user, need):
        raise PermissionDenied
    form = NeedRatingForm(request.POST)
    if form.is_valid():
        try:
            need_rate(need=need, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you for your rating."))
    else:
        messages.error(request, _("Rate your satisfaction from 1 to 5."))
    return redirect("needs:need_detail", pk=need.pk)


def _with_suggested_topics(form: NeedForm) -> tuple[NeedForm, int]:
    """The same form, re-bound with the topics its title and description name ticked too (what
    the company is asked to confirm), and how many were added."""
    data = form.data.copy()
    text = "\n".join([data.get("title", ""), data.get("description", "")])
    ticked = data.getlist("topics")
    added = [str(t.pk) for t in need_topics_suggest(text=text) if str(t.pk) not in ticked]
    data.setlist("topics", [*ticked, *added])
    data["topics_reviewed"] = "1"
    return NeedForm(data, instance=form.instance if form.instance.pk else None), len(added)


def _need_form_page(request, *, company, need=None):
    """Posting (need=None) or editing a need. "Suggest topics" re-shows the form with the
    topics the text names ticked; posting a need without any topic does the same once, so the
    company confirms or changes them before the need is stored."""
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        suggest = "suggest_topics" in request.POST or (
            need is None
            and not form.cleaned_data["topics"]
            and "topics_reviewed" not in request.POST
        )
        if suggest:
            form, added = _with_suggested_topics(form)
            if added or "suggest_topics" in request.POST:
                messages.info(
                    request, _("Topics the text names are ticked: confirm or change them.")
                )
                return render(
                    request,
                    "needs/need_form.html",
                    {"form": form, "company": company, "need": need},
                )
            form.is_valid()
        try:
            if need is None:
                need = need_create(company=company, created_by=request.user, **form.cleaned_data)
                done = _("Your need is posted.")
            else:
                need = need_update(need=need, data=form.cleaned_data)
                done = _("Your need is saved.")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect("needs:need_detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form, "company": company, "need": need})


@login_required
def need_create_view(request):
    company = company_of(user=request.user)
    if company is None:
        messages.info(request, _("Register your company first; then post its needs."))
        return redirect("profiles:company_edit")
    if not perms.can_post_need(request.user, company):
        raise PermissionDenied
    return _need_form_page(request, company=company)


@login_required
def need_edit_view(request, pk: int):
    need = perms.access_need(request.user, pk)
    if not perms.can_edit_need(request.user, need):
        raise PermissionDenied
    return _need_form_page(request, company=need.company, need=need)


def desk_overdue_view(request, slug: str):
    host = perms.access_desk(request.user, slug)
    needs = overdue_needs(host=host)
    return render(request, "needs/desk_overdue.html", {"host": host, "needs": needs})


def desk_dashboard_view(request, slug: str):
    host = perms.access_desk(request.user, slug)
    period = request.GET.get("period", "90")
    if period not in PERIODS:
        period = "90"
    days = PERIODS[period]
    since = timezone.now() - dt.timedelta(days=days) if days else None
    context = {
        "host": host,
        "figures": desk_figures(host=host, since=since),
        "period": period,
        "periods": list(PERIODS),
        "overdue_count": overdue_needs(host=host).count(),
    }
    return render(request, "needs/desk_dashboard.html", context)
