"""Who may see, propose and answer introductions, see suggestions, and tune a host's rules.

Every introduction page and API names one of these; the services in
`matching/services/introductions.py` only write what the caller was allowed to do.
"""

from django.db.models import Q
from django.http import Http404

from hosts.models import Host
from hosts.permissions import access_host, is_host_staff
from matching.models import Introduction, Suggestion
from needs.models import Need
from needs.permissions import can_view_need, desk_hosts_of, is_need_desk
from profiles.models import ExpertProfile, Visibility
from profiles.permissions import can_view_expert, is_company_member, is_organizer
from profiles.selectors import company_ids_of

Side = Introduction.Initiator


def is_the_expert(user, expert: ExpertProfile) -> bool:
    """`user` is the person whose (claimed) profile `expert` is."""
    return bool(user and user.is_authenticated and expert.user_id == user.pk)


def is_need_company(user, need: Need) -> bool:
    """`user` is a member of the company that posted `need` (memberships read once per
    request)."""
    return need.company_id in company_ids_of(user)


def can_propose_as_staff(user, need: Need, expert: ExpertProfile, host: Host | None) -> bool:
    """Staff of `host` propose on the needs their host answers for (a need without a
    responsible host: any desk), and only experts they may see (an unclaimed expert only by
    the host that imported it)."""
    if host is None or not is_host_staff(user, host):
        return False
    if need.host_id is not None and need.host_id != host.pk:
        return False
    return is_need_desk(user, need) and can_view_expert(user, expert)


def is_shown_to_companies(expert: ExpertProfile) -> bool:
    """An expert who chose "organizers only" is never shown to companies."""
    return expert.visibility != Visibility.ORGANIZERS


def can_request_expert(user, need: Need, expert: ExpertProfile) -> bool:
    """A company's member asks a claimed expert they may see, and who did not choose to be
    shown to organizers only, to help with its need."""
    return (
        is_need_company(user, need)
        and expert.user_id is not None
        and is_shown_to_companies(expert)
        and can_view_expert(user, expert)
    )


def can_offer_help(user, need: Need, expert: ExpertProfile) -> bool:
    """The expert offers help on a need they already see: the offer never opens a restricted
    need to them (only its staff and the experts suggested or introduced by others see it)."""
    return is_the_expert(user, expert) and can_view_need(user, need)


def introduction_initiator(user, need: Need, expert: ExpertProfile, host: Host | None):
    """The side `user` may propose the introduction as (staff with `host`, then the company,
    then the expert), or None when they may not propose it at all."""
    if can_propose_as_staff(user, need, expert, host):
        return Side.STAFF
    if can_request_expert(user, need, expert):
        return Side.COMPANY
    if can_offer_help(user, need, expert):
        return Side.EXPERT
    return None


def proposing_host(user, need: Need) -> Host | None:
    """The host `user` proposes for on `need` from the page: the need's responsible host when
    they work for it; without one, the first approved host they work for."""
    if need.host_id is not None:
        return need.host if is_host_staff(user, need.host) else None
    return desk_hosts_of(user).first()


def access_introduction_pair(user, *, need_id, expert_id, host_slug: str | None = None):
    """The need, the expert, the proposing host and the side `user` proposes as.

    Raises Http404 alike for a missing need, expert or host and for one `user` may not
    propose on (another host's need, an expert they do not see, an unclaimed expert asked by a
    company, a restricted need an expert does not see): nobody learns which exist.
    """
    need = Need.objects.select_related("company", "host").filter(pk=need_id).first()
    expert = ExpertProfile.objects.select_related("user").filter(pk=expert_id).first()
    if need is None or expert is None:
        raise Http404
    if host_slug is not None:
        host = Host.objects.filter(slug=host_slug).first()
        if host is None:
            raise Http404
    else:
        host = proposing_host(user, need)
    initiator = introduction_initiator(user, need, expert, host)
    if initiator is None:
        raise Http404
    return need, expert, (host if initiator == Side.STAFF else None), initiator


def can_view_introduction(user, intro: Introduction) -> bool:
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or is_need_company(user, intro.need)
        or is_the_expert(user, intro.expert)
        or intro.created_by_id == user.pk
        or (intro.host is not None and is_host_staff(user, intro.host))
    )


def access_introduction(user, pk) -> Introduction:
    """The introduction `pk` if `user` may see it (`can_view_introduction`); Http404 for a
    missing and a forbidden one alike."""
    intro = (
        Introduction.objects.select_related("need__company", "expert__user", "host")
        .filter(pk=pk)
        .first()
    )
    if intro is None or not can_view_introduction(user, intro):
        raise Http404
    return intro


def answering_side(user, intro: Introduction):
    """The side (expert or company) `user` still has to answer for on a pending
    introduction, or None."""
    if intro.status != Introduction.Status.PENDING:
        return None
    if is_the_expert(user, intro.expert) and intro.expert_accepted_at is None:
        return Side.EXPERT
    if is_need_company(user, intro.need) and intro.company_accepted_at is None:
        return Side.COMPANY
    return None


def can_answer_introduction(user, intro: Introduction) -> bool:
    """The side still to answer a pending introduction."""
    return answering_side(user, intro) is not None


def can_withdraw_introduction(user, intro: Introduction) -> bool:
    """Whoever proposed a pending introduction may withdraw it."""
    return (
        intro.status == Introduction.Status.PENDING
        and bool(user and user.is_authenticated)
        and intro.created_by_id == user.pk
    )


def can_see_counterpart_contact(user, intro: Introduction) -> bool:
    """Contacts are shown on both sides only once both accepted."""
    return intro.status == Introduction.Status.ACCEPTED and (
        is_need_company(user, intro.need) or is_the_expert(user, intro.expert)
    )


def matched_restricted_needs(sender, *, user, **kwargs) -> Q:
    """Restricted needs are for organizers and matched experts: an expert sees the needs they
    are suggested for (in any rule set) or were introduced to by the company or the organizers
    (a receiver of needs.signals.restricted_need_viewers). Their own offer of help never
    counts: it needs the need seen first."""
    suggested = Suggestion.objects.filter(expert__user=user).values("need_id")
    introduced = (
        Introduction.objects.filter(expert__user=user)
        .exclude(initiator=Side.EXPERT)
        .values("need_id")
    )
    return Q(pk__in=suggested) | Q(pk__in=introduced)


def can_view_need_introductions(user, need) -> bool:
    """Accepted introductions with both sides' contacts, on the need's page: the need's company
    and its desk (the host's staff), superusers."""
    return is_need_company(user, need) or is_need_desk(user, need)


def can_view_need_suggestions(user, need) -> bool:
    """The need's company (claimed experts only) and its desk (everyone, unclaimed marked)."""
    return bool(user and user.is_authenticated) and (
        is_company_member(user, need.company) or is_need_desk(user, need)
    )


def sees_unclaimed_experts(user, need) -> bool:
    """Organizers see imported experts who have not joined yet (to reach them offline)."""
    return is_need_desk(user, need)


def suggestion_rows_q(user, need, *, desk: bool | None = None) -> Q:
    """Which of `need`'s stored suggestions `user` may see, as a filter over Suggestion.

    The need's desk sees every suggested expert; the company only experts who joined and did
    not choose to be visible to organizers only. `desk`: `sees_unclaimed_experts`' answer,
    when the caller already has it.
    """
    if sees_unclaimed_experts(user, need) if desk is None else desk:
        return Q()
    return Q(shown_to_company=True) & ~Q(expert__visibility=Visibility.ORGANIZERS)


def can_view_expert_suggestions(user, expert) -> bool:
    """The expert themself, superusers, and organizers (staff of an approved host) who may see
    the expert (another host's unclaimed expert stays hidden)."""
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or expert.user_id == user.pk
        or (is_organizer(user) and can_view_expert(user, expert))
    )


def can_view_event_matrix(user, event) -> bool:
    return is_host_staff(user, event.host)


def can_refresh_suggestions(user) -> bool:
    """Superusers refresh every rule set; an organizer their host's."""
    return bool(user and user.is_authenticated) and (user.is_superuser or is_organizer(user))


def can_tune_rules(user, host: Host) -> bool:
    """Owners and staff of an approved host (and superusers) change its matching rules."""
    return is_host_staff(user, host)


def access_host_rules(user, slug: str) -> Host:
    """The host whose rules `user` may tune; Http404 for a missing host and a forbidden one."""
    return access_host(user, slug, can_tune_rules)
