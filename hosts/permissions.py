"""Who may act for a host. Every view and API of a host's things asks these."""

from collections.abc import Callable

from django.http import Http404

from accounts.selectors import has_verified_email
from hosts.models import Host, HostInvitation, HostMembership


def is_host_staff(user, host: Host) -> bool:
    """Owner or staff of an approved host (superusers count as staff everywhere)."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return host.is_approved and host.memberships.filter(user=user).exists()


def staff_host_ids(user, host_ids) -> set[int]:
    """`is_host_staff` for many hosts in one query: the ids among `host_ids` of the approved
    hosts `user` is owner or staff of (all of them for a superuser)."""
    if not user or not user.is_authenticated:
        return set()
    host_ids = set(host_ids)
    if user.is_superuser:
        return host_ids
    return set(
        HostMembership.objects.filter(
            user=user, host_id__in=host_ids, host__status=Host.Status.APPROVED
        ).values_list("host_id", flat=True)
    )


def is_host_owner(user, host: Host) -> bool:
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        host.is_approved
        and host.memberships.filter(user=user, role=HostMembership.Role.OWNER).exists()
    )


def can_apply_for_host(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_host(user, host: Host) -> bool:
    """The organizer area of a host (its events, series, venues): owners and staff."""
    return is_host_staff(user, host)


def can_view_members(user, host: Host) -> bool:
    return is_host_staff(user, host)


def can_manage_members(user, host: Host) -> bool:
    """Inviting and removing staff: owners only."""
    return is_host_owner(user, host)


def can_remove_membership(user, membership: HostMembership) -> bool:
    """Owners remove members (the last-owner rule is the service's); nobody else."""
    return is_host_owner(user, membership.host)


def can_accept_invitation(user, invitation: HostInvitation) -> bool:
    """A staff invitation is for the address it was sent to: only a signed-in user who
    verified that address may accept it (whoever else holds the link is refused)."""
    return has_verified_email(user, invitation.email)


def access_host(user, slug: str, predicate: Callable[..., bool] | None = None) -> Host:
    """The host with short name `slug` when `predicate(user, host)` allows (by default
    `can_manage_host`); Http404 when it does not exist and when it does not allow, alike."""
    predicate = predicate or can_manage_host
    host = Host.objects.filter(slug=slug).first()
    if host is None or not predicate(user, host):
        raise Http404
    return host
