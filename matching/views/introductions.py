from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hosts.selectors import hosts_of_user
from matching.forms import DeclineForm, IntroductionForm
from matching.models import Introduction
from matching.permissions import (
    can_answer_introduction,
    can_request_introduction,
    can_see_counterpart_contact,
    can_view_introduction,
)
from matching.selectors import introductions_of_user
from matching.services.introductions import (
    introduction_accept,
    introduction_create,
    introduction_decline,
)
from needs.models import Need
from profiles.models import ExpertProfile


def _visible_introduction(user, pk: int) -> Introduction:
    intro = get_object_or_404(
        Introduction.objects.select_related("need__company", "expert__user", "host"), pk=pk
    )
    if not can_view_introduction(user, intro):
        raise Http404
    return intro


@login_required
def introduction_list(request):
    rows = [
        {
            "intro": intro,
            "can_answer": can_answer_introduction(request.user, intro),
            "show_contact": can_see_counterpart_contact(request.user, intro),
        }
        for intro in introductions_of_user(user=request.user)
    ]
    return render(
        request, "matching/introductions.html", {"rows": rows, "decline_form": DeclineForm()}
    )


@login_required
@require_POST
def introduction_new(request, need_id: int):
    need = get_object_or_404(Need.objects.select_related("company"), pk=need_id)
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an expert."))
        return redirect("matching:introductions")
    expert = get_object_or_404(ExpertProfile, pk=form.cleaned_data["expert"])
    host = next(iter(hosts_of_user(user=request.user)), None)
    if not can_request_introduction(request.user, need, expert, host):
        raise Http404
    try:
        introduction_create(
            need=need,
            expert=expert,
            by=request.user,
            host=host,
            message=form.cleaned_data["message"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your introduction request is sent."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "matching:introductions"
    return redirect(target)


@login_required
@require_POST
def introduction_answer(request, pk: int, answer: str):
    intro = _visible_introduction(request.user, pk)
    try:
        if answer == "accept":
            introduction_accept(introduction=intro, by=request.user)
            messages.success(request, _("You accepted the introduction."))
        else:
            form = DeclineForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            introduction_decline(introduction=intro, by=request.user, reason=reason)
            messages.success(request, _("You declined the introduction."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("matching:introductions")
