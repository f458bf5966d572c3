"""Who may see and change needs, and who is the desk of a need.

Who is "the desk" of a need: the staff of its responsible host, or, while no host is
responsible yet, the staff of any approved host (any desk may pick it up); superusers always.
Who sees a need: public needs everyone; members' needs everyone signed in; restricted ones the
company's members, the desk, and whoever a receiver of `needs.signals.restricted_need_viewers`
lets in (matched experts). `needs.selectors.visible_needs` is the same rule as a query.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from hosts.models import Host
from hosts.permissions import is_host_staff
from needs.models import COMPANY_TRANSITIONS, TRANSITIONS, Need, NeedRating
from needs.selectors import need_detail, staff_of_hosts
from needs.signals import restricted_need_filter
from profiles.permissions import is_company_member


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
    """Public needs: everyone. Members' needs: everyone signed in. Restricted ones: the
    company, its desk, and whoever a higher app lets in (needs.signals.restricted_need_viewers:
    matched experts)."""
    if need.visibility == Need.Visibility.PUBLIC:
        return True
    if not user or not user.is_authenticated:
        return False
    if need.visibility == Need.Visibility.MEMBERS:
        return True
    if is_company_member(user, need.company) or is_need_desk(user, need):
        return True
    extra = restricted_need_filter(user)
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
    """Whether `user` may take the step to `to` (lifecycle table in needs/services.py).

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


def assignable_staff(user, need) -> QuerySet:
    """Whom `user` may assign `need` to: the staff of its responsible host, or, without one,
    of the hosts `user` works for. Anyone else is answered like a missing person, so ids
    name nobody."""
    hosts = [need.host] if need.host_id else desk_hosts_of(user)
    return staff_of_hosts(hosts=hosts)


def can_rate_need(user, need) -> bool:
    """The company's members rate a resolved need once."""
    return (
        need.status == Need.Status.RESOLVED
        and is_company_member(user, need.company)
        and not NeedRating.objects.filter(need=need).exists()
    )


def can_view_need_rating(user, need) -> bool:
    return is_company_member(user, need.company) or is_need_desk(user, need)


def can_view_desk(user, host) -> bool:
    """A host's needs desk pages (overdue list, dashboard): its staff and superusers."""
    return is_host_staff(user, host)


def access_need(user, pk) -> Need:
    """The need `pk` with what its pages show joined, if `user` may see it (`can_view_need`).

    Raises Http404 for a missing need and a forbidden one alike, so nobody learns which
    needs exist.
    """
    try:
        need = need_detail(user=user, pk=pk)
    except (Need.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_view_need(user, need):
        raise Http404
    return need


def access_desk(user, slug: str) -> Host:
    """The host `slug` whose desk pages `user` may see (`can_view_desk`); Http404 otherwise."""
    host = get_object_or_404(Host, slug=slug)
    if not can_view_desk(user, host):
        raise Http404
    return host
