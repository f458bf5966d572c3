"""Hosts' part of a person's data: their memberships of hosts (erased: they leave them) and the
invitations to join one sent to their address."""

from django.db.models import Q

from hosts.models import HostInvitation, HostMembership

MODELS = ["hosts.HostMembership", "hosts.HostInvitation"]


def export(user) -> dict:
    return {
        "host_memberships": list(
            HostMembership.objects.filter(user=user)
            .order_by("joined_at")
            .values("host__name", "role", "joined_at")
        ),
        "host_invitations": list(
            HostInvitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email))
            .order_by("created_at", "id")
            .values("host__name", "email", "created_at", "accepted_at")
        ),
    }


def erase(user) -> dict:
    # An invitation carries the person's address: an unused one goes, an accepted one keeps
    # only that it was accepted (the staff who sent it may need to know).
    invitations = HostInvitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True
    ).delete()[0]
    invitations += HostInvitation.objects.filter(accepted_by=user).update(
        email=f"deleted-{user.pk}@deleted.invalid"
    )
    return {
        "host_memberships": HostMembership.objects.filter(user=user).delete()[0],
        "host_invitations": invitations,
    }
