"""The events part of the expert contact rule: staff of a host see the contact details of
experts registered (pending, confirmed or waitlisted) for one of that host's events."""

from events.models import Registration
from hosts.models import Host


def staff_of_registered_event(sender, *, user, experts, **kwargs) -> set[int]:
    """Receiver of profiles.signals.expert_contact_access."""
    by_user = {e.user_id: e.pk for e in experts if e.user_id}
    if not by_user:
        return set()
    user_ids = (
        Registration.objects.filter(
            user_id__in=by_user,
            status__in=Registration.ACTIVE_STATUSES,
            event__host__status=Host.Status.APPROVED,
            event__host__memberships__user=user,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    return {by_user[uid] for uid in user_ids}
