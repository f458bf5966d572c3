"""Who may see and change profiles and needs."""

from django.db.models import Q, QuerySet

from hosts.models import Host, HostMembership
from hosts.permissions import is_host_staff
from profiles import contact_access, hooks
from profiles.models import Company, CompanyMembership, ExpertProfile, Need, NeedRating, Visibility
from profiles.models_needs import COMPANY_TRANSITIONS, TRANSITIONS


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
    and whoever a registered rule allows (staff of a host whose event the expert registered
    for, in events; a counterpart after both accepted an introduction, in matching).
    A constant number of queries, whatever the number of experts.
    """
    experts = list(experts)
    if not _signed_in(user) or not experts:
        return set()
    if user.is_superuser:
        return {e.pk for e in experts}
    allowed = {e.pk for e in experts if e.user_id == user.pk}
    hosts = staff_host_ids(user)
    allowed |= {e.pk for e in experts if e.imported_by_id in hosts}
    for rule in contact_access.rules():
        rest = [e for e in experts if e.pk not in allowed]
        if not rest:
            break
        allowed |= set(rule(user, rest))
    return allowed


def can_view_expert_contact(user, expert: ExpertProfile) -> bool:
    """May `user` see the expert's email, phone and WeChat ID? (see contact_visible_ids)"""
    return expert.pk in contact_visible_ids(user, [expert])


def can_send_claim_link(user, expert: ExpertProfile) -> bool:
    """Staff of the importing host (or superusers) may (re)send an unclaimed profile's link."""
    if not _signed_in(user) or expert.is_claimed or not expert.email:
        return False
    return user.is_superuser or expert.imported_by_id in staff_host_ids(user)


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


# --- The needs desk ---------------------------------------------------------------------------
# Who is "the desk" of a need: the staff of its responsible host, or, while no host is
# responsible yet, the staff of any approved host (any desk may pick it up); superusers always.
# Who sees a need: public needs everyone; restricted ones the company's members and the desk.


def is_company_member(user, company) -> bool:
    if not user or not user.is_authenticated:
        return False
    return CompanyMembership.objects.filter(company=company, user=user).exists()


def desk_hosts_of(user) -> QuerySet[Host]:
    """Approved hosts `user` works for (owner or staff), by name."""
    if not user or not user.is_authenticated:
        return Host.objects.none()
    return Host.objects.filter(status=Host.Status.APPROVED, memberships__user=user).order_by("name")


def is_need_desk(user, need) -> bool:
    """Staff who answer for `need` (see above)."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if need.host_id is not None:
        return is_host_staff(user, need.host)
    return desk_hosts_of(user).exists()


def can_view_need(user, need) -> bool:
    """Public needs: everyone. Restricted ones: the company, its desk, and whoever a higher
    app's rule lets in (profiles.hooks.restricted_need_viewers: matched experts)."""
    if need.visibility == Need.Visibility.PUBLIC:
        return True
    if is_company_member(user, need.company) or is_need_desk(user, need):
        return True
    extra = hooks.restricted_need_filter(user)
    return extra is not None and Need.objects.filter(extra, pk=need.pk).exists()


def can_post_need(user, company) -> bool:
    """Members of a company post and edit its needs."""
    return is_company_member(user, company)


def can_edit_need(user, need) -> bool:
    """The company's members, while the need is open."""
    return need.is_open and (
        is_company_member(user, need.company) or bool(user and user.is_superuser)
    )


def can_transition_need(user, need, to: str) -> bool:
    """Whether `user` may take the step to `to` (lifecycle table in profiles/needs.py).

    The desk may take every allowed step; the company may close its open need and reopen a
    resolved one. A step the table forbids is False for everyone.
    """
    if to not in TRANSITIONS.get(need.status, ()):
        return False
    if is_need_desk(user, need):
        return True
    return (need.status, to) in COMPANY_TRANSITIONS and is_company_member(user, need.company)


def transitions_for(user, need) -> list[str]:
    """The statuses `user` may move `need` to, in the table's order."""
    return [to for to in TRANSITIONS.get(need.status, ()) if can_transition_need(user, need, to)]


def can_assign_need(user, need) -> bool:
    return need.is_open and is_need_desk(user, need)


def can_rate_need(user, need) -> bool:
    """The company's members rate a resolved need once."""
    return (
        need.status == "resolved"
        and is_company_member(user, need.company)
        and not NeedRating.objects.filter(need=need).exists()
    )


def can_view_need_rating(user, need) -> bool:
    return is_company_member(user, need.company) or is_need_desk(user, need)


def can_view_desk(user, host) -> bool:
    """A host's needs desk pages (overdue list, dashboard): its staff and superusers."""
    return is_host_staff(user, host)
