from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matching.forms import DeclineForm, IntroductionForm
from matching.permissions import (
    access_introduction,
    access_introduction_pair,
    answering_side,
    can_answer_introduction,
    can_see_counterpart_contact,
    can_withdraw_introduction,
)
from matching.selectors import introductions_of_user
from matching.services.introductions import (
    introduction_accept,
    introduction_create,
    introduction_decline,
    introduction_withdraw,
)


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
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an expert."))
        return redirect("matching:introductions")
    need, expert, host, initiator = access_introduction_pair(
        request.user, need_id=need_id, expert_id=form.cleaned_data["expert"]
    )
    try:
        introduction_create(
            need=need,
            expert=expert,
            by=request.user,
            initiator=initiator,
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
    intro = access_introduction(request.user, pk)
    side = answering_side(request.user, intro)
    try:
        if answer == "accept" and side is not None:
            introduction_accept(introduction=intro, by=request.user, side=side)
            messages.success(request, _("You accepted the introduction."))
        elif answer != "accept" and side is not None:
            form = DeclineForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            introduction_decline(introduction=intro, by=request.user, side=side, reason=reason)
            messages.success(request, _("You declined the introduction."))
        elif answer != "accept" and can_withdraw_introduction(request.user, intro):
            introduction_withdraw(introduction=intro, by=request.user)
            messages.success(request, _("You withdrew the introduction."))
        else:
            messages.error(request, _("You have nothing to answer here."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("matching:introductions")
