"""Who may see and answer introductions and suggestions."""

from hosts.permissions import is_host_staff
from matching.models import Introduction
from matching.services.introductions import is_company_member, is_the_expert


def can_view_introduction(user, intro: Introduction) -> bool:
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or is_company_member(user, intro.need)
        or is_the_expert(user, intro.expert)
        or intro.created_by_id == user.pk
        or (intro.host is not None and is_host_staff(user, intro.host))
    )


def can_answer_introduction(user, intro: Introduction) -> bool:
    """The side still to answer a pending introduction."""
    if intro.status != Introduction.Status.PENDING:
        return False
    return (is_the_expert(user, intro.expert) and intro.expert_accepted_at is None) or (
        is_company_member(user, intro.need) and intro.company_accepted_at is None
    )


def can_see_counterpart_contact(user, intro: Introduction) -> bool:
    """Contacts are shown on both sides only once both accepted."""
    return intro.status == Introduction.Status.ACCEPTED and (
        is_company_member(user, intro.need) or is_the_expert(user, intro.expert)
    )
