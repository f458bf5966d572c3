"""Suggested experts for a need, needs an expert could help with, refreshing on demand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hosts.selectors import hosts_of_user
from matching.forms import IntroductionForm
from matching.permissions import (
    can_refresh_suggestions,
    can_view_need_suggestions,
    sees_unclaimed_experts,
    suggestion_rows_q,
)
from matching.reasons import ReasonRenderer, rule_parts
from matching.selectors import (
    expert_suggestion_rows,
    introductions_by_pair,
    need_suggestion_rows,
)
from matching.services.suggestions import suggestions_refresh
from matching.suggestion_inputs import suggestion_host
from needs.models import Need
from needs.permissions import is_need_desk
from needs.selectors import visible_needs
from profiles.models import ExpertProfile
from profiles.permissions import is_company_member


def page_host(user, need):
    """The need's desk host sees its own rule set; everyone else the default."""
    if need.host_id is not None and is_need_desk(user, need):
        return suggestion_host(need.host)
    return None


TOP_ON_NEED_PAGE = 3
FEW_SUGGESTIONS = 3


def _need_suggestions_context(request, need, *, limit: int | None = None) -> dict:
    """The rows (best first, `limit` of them) and the actions the viewer has on them."""
    organizer = sees_unclaimed_experts(request.user, need)
    rows_qs = need_suggestion_rows(
        need=need,
        host=page_host(request.user, need),
        visible=suggestion_rows_q(request.user, need, desk=organizer),
    )
    suggestions = list(rows_qs)
    total = len(suggestions)
    suggestions = suggestions[:limit] if limit is not None else suggestions
    intros = introductions_by_pair(
        need_ids=[need.pk], expert_ids=[s.expert_id for s in suggestions]
    )
    render_reasons = ReasonRenderer()
    rows = [
        {
            "s": s,
            "reasons": render_reasons(s.reasons),
            "rules": rule_parts(s.rules),
            "intro": intros.get((need.pk, s.expert_id)),
        }
        for s in suggestions
    ]
    return {
        "need": need,
        "rows": rows,
        "total": total,
        "few": 0 < total < FEW_SUGGESTIONS,
        "organizer": organizer,
        "can_ask": is_company_member(request.user, need.company) and need.is_open,
        "can_propose": organizer and need.is_open and bool(hosts_of_user(user=request.user)),
        "can_refresh": organizer and can_refresh_suggestions(request.user),
        "form": IntroductionForm(),
    }


@login_required
def need_suggestions(request, need_id: int):
    need = get_object_or_404(Need.objects.select_related("company", "host"), pk=need_id)
    if not can_view_need_suggestions(request.user, need):
        raise Http404
    context = _need_suggestions_context(request, need)
    return render(request, "matching/need_suggestions.html", context)


def need_page_suggestions(sender, *, request, need, **kwargs) -> str:
    """The need's page shows its best three suggestions itself (a receiver of
    needs.signals.need_page_blocks_wanted); the full list is a click away."""
    if not can_view_need_suggestions(request.user, need):
        return ""
    context = _need_suggestions_context(request, need, limit=TOP_ON_NEED_PAGE)
    if not context["total"] and not need.is_open:
        return ""  # a finished need wants no experts: nothing to say
    return render_to_string("matching/_need_top_suggestions.html", context, request=request)


@login_required
def expert_needs(request):
    expert = ExpertProfile.objects.filter(user=request.user).first()
    if expert is None:
        raise Http404
    suggestions = list(
        expert_suggestion_rows(expert=expert, needs=visible_needs(user=request.user))
    )
    intros = introductions_by_pair(
        need_ids=[s.need_id for s in suggestions], expert_ids=[expert.pk]
    )
    render_reasons = ReasonRenderer()
    rows = [
        {
            "s": s,
            "reasons": render_reasons(s.reasons),
            "intro": intros.get((s.need_id, expert.pk)),
        }
        for s in suggestions
    ]
    return render(
        request,
        "matching/expert_needs.html",
        {"rows": rows, "expert": expert, "form": IntroductionForm()},
    )


@login_required
@require_POST
def suggestions_refresh_view(request):
    """Superusers recompute every rule set; an organizer the rule set of their first host."""
    if not can_refresh_suggestions(request.user):
        raise Http404
    if request.user.is_superuser:
        written = suggestions_refresh(all_hosts=True)
    else:
        written = suggestions_refresh(host=hosts_of_user(user=request.user).first())
    messages.success(
        request,
        ngettext("%(count)d suggestion recomputed.", "%(count)d suggestions recomputed.", written)
        % {"count": written},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)
