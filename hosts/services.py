from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.mail import mail_queue
from core.sites import absolute_url
from hosts.models import Host, HostInvitation, HostMembership


def _unique_slug(base: str) -> str:
    base = slugify(base, allow_unicode=False)[:60] or "host"
    slug, n = base, 1
    while Host.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def host_apply(
    *, user, name: str, description: str = "", website: str = "", slug: str = ""
) -> Host:
    """A signed-in user applies to run events for an organization.

    Creates the host awaiting a superuser's approval, with the applicant as its owner.
    """
    name = name.strip()
    if not name:
        raise ValidationError(_("The organization needs a name."), code="name_required")
    if Host.objects.filter(name=name).exists():
        raise ValidationError(
            _("An organization named “%(name)s” is already registered.") % {"name": name},
            code="duplicate_host",
        )
    host = Host.objects.create(
        name=name,
        slug=_unique_slug(slug or name),
        description=description,
        website=website,
        status=Host.Status.PENDING,
    )
    HostMembership.objects.create(host=host, user=user, role=HostMembership.Role.OWNER)
    context = {
        "host_name": host.name,
        "applicant": user.name or user.email or str(user),
        "description": host.description,
        "website": host.website,
        "review_url": absolute_url(reverse("admin:hosts_host_change", args=[host.pk])),
    }
    for email in reviewer_emails():
        mail_queue(to=email, template="hosts/email/host_applied", context=context)
    return host


def reviewer_emails() -> list[str]:
    """Addresses of the platform administrators who can approve a host: active superusers and
    active staff holding the change-host permission (directly or through a group)."""
    direct = Q(
        is_staff=True,
        user_permissions__codename="change_host",
        user_permissions__content_type__app_label="hosts",
    )
    grouped = Q(
        is_staff=True,
        groups__permissions__codename="change_host",
        groups__permissions__content_type__app_label="hosts",
    )
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, deleted_at__isnull=True)
            .filter(Q(is_superuser=True) | direct | grouped)
            .exclude(email__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _owner_emails(host: Host) -> list[str]:
    return list(
        host.memberships.filter(role=HostMembership.Role.OWNER).values_list(
            "user__email", flat=True
        )
    )


@transaction.atomic
def host_approve(*, host: Host) -> Host:
    """A superuser approves a host; its owners are told by email and can then publish events.

    Approving an approved host changes nothing and sends nothing.
    """
    host = Host.objects.select_for_update().get(pk=host.pk)
    if host.status == Host.Status.APPROVED:
        return host
    host.status = Host.Status.APPROVED
    host.save(update_fields=["status"])
    context = {
        "host_name": host.name,
        "organizer_url": absolute_url(reverse("hosts:mine")),
    }
    for email in _owner_emails(host):
        mail_queue(to=email, template="hosts/email/host_approved", context=context)
    return host


@transaction.atomic
def invitation_create(*, host: Host, email: str, by) -> HostInvitation:
    """An owner invites `email` to join `host` as staff; the link is emailed after commit.

    Earlier open invitations of the same address to the same host stop working.
    """
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError(
            {"email": ValidationError(_("Enter an email address."), code="email_required")}
        )
    if host.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(email)s is already a member.") % {"email": email}, code="already_member"
                )
            }
        )
    now = timezone.now()
    HostInvitation.objects.filter(
        host=host, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    invitation = HostInvitation.objects.create(host=host, email=email, invited_by=by)
    mail_queue(
        to=email,
        template="hosts/email/staff_invitation",
        context={
            "host_name": host.name,
            "inviter": str(by) if by else "",
            "accept_url": absolute_url(reverse("hosts:invitation_accept", args=[invitation.token])),
            "expires_at": invitation.expires_at.strftime("%Y-%m-%d %H:%M UTC"),
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: HostInvitation, user) -> HostMembership:
    """The signed-in `user` who opened the link joins the host as staff.

    Raises ValidationError when the invitation was used or has expired. A member already
    keeps their role.
    """
    invitation = HostInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(
            _("This invitation has expired or was already used. Ask for a new one."),
            code="invitation_unusable",
        )
    membership, _created = HostMembership.objects.get_or_create(
        host=invitation.host, user=user, defaults={"role": HostMembership.Role.STAFF}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: HostInvitation) -> None:
    """An owner withdraws an open invitation: its link stops working."""
    if invitation.accepted_at is None:
        invitation.expires_at = timezone.now()
        invitation.save(update_fields=["expires_at"])


@transaction.atomic
def membership_remove(*, membership: HostMembership) -> None:
    """An owner removes a member. The last owner cannot be removed (a host always has one)."""
    host = Host.objects.select_for_update().get(pk=membership.host_id)
    if (
        membership.role == HostMembership.Role.OWNER
        and host.memberships.filter(role=HostMembership.Role.OWNER).count() <= 1
    ):
        raise ValidationError(
            _("The last owner cannot be removed. Make someone else owner first."),
            code="last_owner",
        )
    membership.delete()
