"""Who may see a host's outcomes, plan its forums, and answer a survey.

The dashboard, the figures, the report and the planner are for the host's staff (and
superusers); everyone else gets 404, as for any host page. Surveys need no login: the signed
link in the email or text message is the key, and it opens only the one survey it was made
for, until it expires (settings.OUTCOME_LINK_DAYS).
"""

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404

from events.models import Event
from hosts.models import Host
from hosts.permissions import is_host_staff
from needs.models import Need
from outcomes.models import FeedbackRequest, FollowUp, PlannedForum
from profiles.permissions import is_company_member

FEEDBACK_SALT = "outcomes.feedback"
FOLLOWUP_SALT = "outcomes.follow-up"


def can_view_outcomes(user, host: Host) -> bool:
    """The dashboard, the figures API, the monthly report: the host's owners and staff."""
    return is_host_staff(user, host)


def can_plan_forums(user, host: Host) -> bool:
    """The seasonal planner and the draft events made from it: the host's owners and staff."""
    return is_host_staff(user, host)


def can_invite_to_planned_forum(user, forum: PlannedForum) -> bool:
    return is_host_staff(user, forum.host)


def can_mark_need_resolved(followup: FollowUp) -> bool:
    """The company side of a follow-up about an open need, while its person still belongs to
    the need's company, may report the need resolved."""
    need = followup.need
    return (
        followup.side == FollowUp.Side.COMPANY
        and need is not None
        and need.status in Need.OPEN_STATUSES
        and is_company_member(followup.user, need.company)
    )


def access_outcomes(user, slug: str) -> Host:
    """The host `slug` if `user` may see its outcomes; Http404 otherwise (missing or not)."""
    host = get_object_or_404(Host, slug=slug)
    if not can_view_outcomes(user, host):
        raise Http404
    return host


def access_planner(user, slug: str) -> Host:
    host = get_object_or_404(Host, slug=slug)
    if not can_plan_forums(user, host):
        raise Http404
    return host


def access_host_event(user, host: Host, event_slug: str | None) -> Event | None:
    """One of the host's events (for its own dashboard), None when no slug was given; Http404
    for an event of another host or none at all."""
    if not event_slug:
        return None
    return get_object_or_404(Event, host=host, slug=event_slug[:100])


def access_planned_forum(user, slug: str, pk: int) -> PlannedForum:
    forum = get_object_or_404(
        PlannedForum.objects.select_related("event", "host"), pk=pk, host__slug=slug
    )
    if not can_invite_to_planned_forum(user, forum):
        raise Http404
    return forum


def survey_token(obj) -> str:
    """The signed key of a survey's link (a FeedbackRequest or a FollowUp)."""
    salt = FEEDBACK_SALT if isinstance(obj, FeedbackRequest) else FOLLOWUP_SALT
    return signing.dumps(obj.pk, salt=salt, compress=False)


def _unsign(token: str, salt: str) -> int:
    try:
        pk = signing.loads(token, salt=salt, max_age=settings.OUTCOME_LINK_DAYS * 86400)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(pk, int):
        raise Http404
    return pk


def access_feedback(token: str) -> FeedbackRequest:
    """The feedback request a link was made for; Http404 for a bad, altered or expired key."""
    pk = _unsign(token, FEEDBACK_SALT)
    return get_object_or_404(
        FeedbackRequest.objects.select_related("event", "user", "event__host"), pk=pk
    )


def access_followup(token: str) -> FollowUp:
    """The follow-up a link was made for; Http404 for a bad, altered or expired key."""
    pk = _unsign(token, FOLLOWUP_SALT)
    return get_object_or_404(
        FollowUp.objects.select_related(
            "user", "need__company", "introduction__expert", "meeting__event"
        ),
        pk=pk,
    )
