"""Hosts' part of a person's data: their memberships of hosts (erased: they leave them)."""

from hosts.models import HostMembership


def export(user) -> dict:
    return {
        "host_memberships": list(
            HostMembership.objects.filter(user=user)
            .order_by("joined_at")
            .values("host__name", "role", "joined_at")
        )
    }


def erase(user) -> dict:
    return {"host_memberships": HostMembership.objects.filter(user=user).delete()[0]}
