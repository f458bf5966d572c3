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
