"""Who may see and change profiles and companies."""

from django.db.models import Q
from django.http import Http404

from accounts.selectors import has_verified_email
from hosts.models import Host, HostMembership
from profiles.models import (
    Company,
    CompanyInvitation,
    CompanyMembership,
    ExpertProfile,
    Topic,
    Visibility,
)
from profiles.signals import expert_contact_access


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def staff_host_ids(user) -> set[int]:
    """Approved hosts where `user` is owner or staff (one query, then kept on the user object
    for the rest of the request)."""
    if not _signed_in(user):
        return set()
    cached = getattr(user, "_staff_host_ids", None)
    if cached is None:
        cached = frozenset(
            HostMembership.objects.filter(user=user, host__status=Host.Status.APPROVED).values_list(
                "host_id", flat=True
            )
        )
        user._staff_host_ids = cached
    return set(cached)


def is_organizer(user) -> bool:
    """Superuser, or owner or staff of some approved host."""
    return _signed_in(user) and (user.is_superuser or bool(staff_host_ids(user)))


def expert_visible_q(user) -> Q:
    """The profiles `user` may see, as a filter (for directories and the API).

    Unclaimed (imported) profiles: the importing host's staff only (without a host: superusers).
    Claimed ones follow their visibility: everyone, signed-in users, or organizers. Everyone
    sees their own profile.
    """
    claimed = Q(claimed_at__isnull=False)
    if not _signed_in(user):
        return claimed & Q(visibility=Visibility.PUBLIC)
    if user.is_superuser:
        return Q()
    hosts = staff_host_ids(user)
    levels = [Visibility.PUBLIC, Visibility.SIGNED_IN]
    if hosts:
        levels.append(Visibility.ORGANIZERS)
    return (claimed & Q(visibility__in=levels)) | Q(user=user) | Q(imported_by_id__in=hosts)


def can_view_expert(user, expert: ExpertProfile) -> bool:
    return ExpertProfile.objects.filter(expert_visible_q(user), pk=expert.pk).exists()


def contact_visible_ids(user, experts) -> set[int]:
    """Ids of the profiles among `experts` whose contact details `user` may see.

    Allowed: the expert themself; superusers; staff of the host that imported the expert;
    and whoever a receiver of `profiles.signals.expert_contact_access` allows (staff of a
    host whose event the expert registered for, in events; a counterpart after both accepted
    an introduction, in matching). A constant number of queries, whatever the number of
    experts.
    """
    experts = list(experts)
    if not _signed_in(user) or not experts:
        return set()
    if user.is_superuser:
        return {e.pk for e in experts}
    allowed = {e.pk for e in experts if e.user_id == user.pk}
    hosts = staff_host_ids(user)
    allowed |= {e.pk for e in experts if e.imported_by_id in hosts}
    rest = [e for e in experts if e.pk not in allowed]
    if rest:
        for _receiver, granted in expert_contact_access.send(
            sender=ExpertProfile, user=user, experts=rest
        ):
            allowed |= set(granted)
    return allowed


def can_view_expert_contact(user, expert: ExpertProfile) -> bool:
    """May `user` see the expert's email, phone and WeChat ID? (see contact_visible_ids)"""
    return expert.pk in contact_visible_ids(user, [expert])


def can_send_claim_link(user, expert: ExpertProfile) -> bool:
    """Staff of the importing host (or superusers) may (re)send an unclaimed profile's link."""
    if not _signed_in(user) or expert.is_claimed or not expert.email:
        return False
    return user.is_superuser or expert.imported_by_id in staff_host_ids(user)


def can_claim_expert(user, expert: ExpertProfile) -> bool:
    """A claim link is for the address the organizers sent it to: only a signed-in user who
    verified the profile's email may take the profile over."""
    return not expert.is_claimed and has_verified_email(user, expert.email)


def can_join_company(user, invitation: CompanyInvitation) -> bool:
    """A colleague's invitation is for the address it was sent to: only a signed-in user who
    verified that address joins the company through it."""
    return has_verified_email(user, invitation.email)


def can_edit_company(user, company: Company) -> bool:
    if not _signed_in(user):
        return False
    return user.is_superuser or company.memberships.filter(user=user).exists()


def can_administer_company(user, company: Company) -> bool:
    """The company's administering members (who invite colleagues) and superusers."""
    if not _signed_in(user):
        return False
    return user.is_superuser or company.memberships.filter(user=user, is_admin=True).exists()


def can_verify_company(user) -> bool:
    """Staff of any approved host may mark companies verified."""
    return is_organizer(user)


def can_import(user, host: Host) -> bool:
    """Owners and staff of an approved host import experts and needs for it."""
    if not _signed_in(user):
        return False
    return user.is_superuser or host.pk in staff_host_ids(user)


def is_company_member(user, company) -> bool:
    if not user or not user.is_authenticated:
        return False
    return CompanyMembership.objects.filter(company=company, user=user).exists()


def can_edit_taxonomy(user) -> bool:
    """Platform staff (Django staff and superusers) maintain the topic taxonomy: they add
    synonyms on its page; host staff do not, since the taxonomy is shared by every host."""
    return _signed_in(user) and (user.is_superuser or user.is_staff)


def access_topic(user, slug: str) -> Topic:
    """The topic with `slug` when `user` may edit the taxonomy; Http404 for a missing topic and
    a forbidden one alike."""
    topic = Topic.objects.filter(slug=slug).first() if can_edit_taxonomy(user) else None
    if topic is None:
        raise Http404
    return topic
