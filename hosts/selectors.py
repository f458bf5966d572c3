from django.db.models import QuerySet

from hosts.models import Host, HostMembership


def hosts_of_user(*, user) -> QuerySet[Host]:
    """The hosts where `user` is owner or staff, approved or not."""
    if not user.is_authenticated:
        return Host.objects.none()
    return Host.objects.filter(memberships__user=user).distinct().order_by("name")


def membership_of(*, user, host: Host) -> HostMembership | None:
    if not user.is_authenticated:
        return None
    return HostMembership.objects.filter(user=user, host=host).first()


def host_for_member(*, slug: str) -> Host:
    """A host by its short name; raises Host.DoesNotExist."""
    return Host.objects.get(slug=slug)


def host_members(*, host: Host) -> QuerySet[HostMembership]:
    """Owners first, then staff, each by when they joined."""
    return (
        HostMembership.objects.filter(host=host)
        .select_related("user")
        .order_by("role", "joined_at", "id")
    )


def open_invitations(*, host: Host):
    from django.utils import timezone

    from hosts.models import HostInvitation

    return HostInvitation.objects.filter(
        host=host, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")
