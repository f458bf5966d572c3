"""The seasonal planner: what recurred, and forums for the coming quarter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from outcomes import permissions as perms
from outcomes.selectors.planner import BUNCH_SHARE, MIN_BUNCH, MIN_PER_YEAR, seasonal_plan
from outcomes.services.planner import planned_forum_create, planned_forum_invite


@login_required
def planner_view(request, slug: str):
    host = perms.access_planner(request.user, slug)
    plan = seasonal_plan(host=host)
    year, quarter = plan.coming
    context = {
        "host": host,
        "plan": plan,
        "year": year,
        "quarter": quarter,
        "patterns": [(p, p.explanation(plan.today.year)) for p in plan.patterns],
        "min_per_year": MIN_PER_YEAR,
        "min_bunch": MIN_BUNCH,
        "bunch_share": round(BUNCH_SHARE * 100),
        "suggestions": [
            (p, p.explanation(plan.today.year), plan.drafts.get(p.key)) for p in plan.suggestions
        ],
    }
    return render(request, "outcomes/planner.html", context)


@login_required
@require_POST
def planner_draft_view(request, slug: str):
    host = perms.access_planner(request.user, slug)
    plan = seasonal_plan(host=host)
    key = request.POST.get("key", "")[:120]
    pattern = next((p for p in plan.suggestions if p.key == key), None)
    if pattern is None:
        messages.error(request, _("That suggestion is no longer on the planner."))
        return redirect("outcomes:planner", slug=host.slug)
    try:
        forum = planned_forum_create(
            host=host,
            pattern=pattern,
            year=plan.coming[0],
            by=request.user,
            this_year=plan.today.year,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("outcomes:planner", slug=host.slug)
    messages.success(
        request,
        _("The draft “%(title)s” is ready: check its date and agenda, then publish it.")
        % {"title": forum.event.title},
    )
    return redirect("organizer:event", host_slug=host.slug, slug=forum.event.slug)


@login_required
@require_POST
def planned_forum_invite_view(request, slug: str, pk: int):
    forum = perms.access_planned_forum(request.user, slug, pk)
    try:
        count = planned_forum_invite(forum=forum, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d company was invited.", "%(count)d companies were invited.", count)
            % {"count": count},
        )
    return redirect("outcomes:planner", slug=forum.host.slug)
