"""Who may see and change profiles and needs."""

from django.db.models import QuerySet

from hosts.models import Host
from hosts.permissions import is_host_staff
from profiles.models import Company, CompanyMembership, NeedRating
from profiles.models_needs import COMPANY_TRANSITIONS, TRANSITIONS


def can_edit_company(user, company: Company) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or company.memberships.filter(user=user).exists()


# --- The needs desk ---------------------------------------------------------------------------
# Who is "the desk" of a need: the staff of its responsible host, or, while no host is
# responsible yet, the staff of any approved host (any desk may pick it up); superusers always.
# Who sees a need: public needs everyone; other needs the company's members and the desk.
# `Need.visibility` arrives with the taxonomy branch; until then every need counts as public
# (`getattr(need, "visibility", "public")`).


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
    if getattr(need, "visibility", "public") == "public":
        return True
    return is_company_member(user, need.company) or is_need_desk(user, need)


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
