"""The matching part of the expert contact rule: the company side of an accepted introduction
sees the expert's contact details (the expert's acceptance was their consent to share them)."""

from matching.models import Introduction


def counterpart_of_accepted_introduction(sender, *, user, experts, **kwargs) -> set[int]:
    """Receiver of profiles.signals.expert_contact_access."""
    ids = [e.pk for e in experts]
    if not ids:
        return set()
    return set(
        Introduction.objects.filter(
            expert_id__in=ids,
            status=Introduction.Status.ACCEPTED,
            need__company__memberships__user=user,
        )
        .values_list("expert_id", flat=True)
        .distinct()
    )
