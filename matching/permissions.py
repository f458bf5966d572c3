"""Who may see and answer introductions and suggestions, and who tunes a host's rules."""

from django.db.models import Q

from hosts.models import Host
from hosts.permissions import access_host, is_host_staff
from matching.models import Introduction
from matching.services.introductions import is_company_member, is_the_expert
from needs.permissions import is_need_desk
from profiles.models import ExpertProfile, Visibility
from profiles.permissions import is_company_member as is_member


def can_view_introduction(user, intro: Introduction) -> bool:
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or is_company_member(user, intro.need)
        or is_the_expert(user, intro.expert)
        or intro.created_by_id == user.pk
        or (intro.host is not None and is_host_staff(user, intro.host))
    )


def can_answer_introduction(user, intro: Introduction) -> bool:
    """The side still to answer a pending introduction."""
    if intro.status != Introduction.Status.PENDING:
        return False
    return (is_the_expert(user, intro.expert) and intro.expert_accepted_at is None) or (
        is_company_member(user, intro.need) and intro.company_accepted_at is None
    )


def can_see_counterpart_contact(user, intro: Introduction) -> bool:
    """Contacts are shown on both sides only once both accepted."""
    return intro.status == Introduction.Status.ACCEPTED and (
        is_company_member(user, intro.need) or is_the_expert(user, intro.expert)
    )


def matched_restricted_needs(sender, *, user, **kwargs) -> Q:
    """Restricted needs are for organizers and matched experts: an expert sees the needs they
    are suggested for (in any rule set) or have an introduction for (a receiver of
    needs.signals.restricted_need_viewers)."""
    from matching.models import Suggestion

    suggested = Suggestion.objects.filter(expert__user=user).values("need_id")
    introduced = Introduction.objects.filter(expert__user=user).values("need_id")
    return Q(pk__in=suggested) | Q(pk__in=introduced)


def can_view_need_introductions(user, need) -> bool:
    """Accepted introductions with both sides' contacts, on the need's page: the need's company
    and its desk (the host's staff), superusers."""
    return is_company_member(user, need) or is_need_desk(user, need)


def can_view_need_suggestions(user, need) -> bool:
    """The need's company (claimed experts only) and its desk (everyone, unclaimed marked)."""

    return bool(user and user.is_authenticated) and (
        is_member(user, need.company) or is_need_desk(user, need)
    )


def sees_unclaimed_experts(user, need) -> bool:
    """Organizers see imported experts who have not joined yet (to reach them offline)."""

    return is_need_desk(user, need)


def is_shown_to_companies(expert: ExpertProfile) -> bool:
    """An expert who chose "organizers only" is never shown to companies."""
    return expert.visibility != Visibility.ORGANIZERS


def suggestion_rows_q(user, need, *, desk: bool | None = None) -> Q:
    """Which of `need`'s stored suggestions `user` may see, as a filter over Suggestion.

    The need's desk sees every suggested expert; the company only experts who joined and did
    not choose to be visible to organizers only. `desk`: `sees_unclaimed_experts`' answer,
    when the caller already has it.
    """
    if sees_unclaimed_experts(user, need) if desk is None else desk:
        return Q()
    return Q(shown_to_company=True) & ~Q(expert__visibility=Visibility.ORGANIZERS)


def can_request_introduction(user, need, expert: ExpertProfile, host: Host | None) -> bool:
    """Whether `user` may ask for (or propose) an introduction of `expert` to `need`.

    Staff of `host` propose any expert and the expert offers their own help; everyone else
    acts for a company, which may not ask for an expert it is not shown (the service still
    refuses closed needs, unclaimed experts and those not of the user's company).
    """
    if host is not None and is_host_staff(user, host):
        return True
    if is_the_expert(user, expert):
        return True
    return is_shown_to_companies(expert)


def can_view_expert_suggestions(user, expert) -> bool:
    """The expert themself, organizers (staff of an approved host) and superusers."""
    from profiles.permissions import is_organizer

    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or expert.user_id == user.pk or is_organizer(user)


def can_view_event_matrix(user, event) -> bool:
    return is_host_staff(user, event.host)


def can_refresh_suggestions(user) -> bool:
    """Superusers refresh every rule set; an organizer their host's."""
    from profiles.permissions import is_organizer

    return bool(user and user.is_authenticated) and (user.is_superuser or is_organizer(user))


def can_tune_rules(user, host: Host) -> bool:
    """Owners and staff of an approved host (and superusers) change its matching rules."""
    return is_host_staff(user, host)


def access_host_rules(user, slug: str) -> Host:
    """The host whose rules `user` may tune; Http404 for a missing host and a forbidden one."""
    return access_host(user, slug, can_tune_rules)
