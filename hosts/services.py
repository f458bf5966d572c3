from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hosts.models import Host, HostMembership


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
    return host


@transaction.atomic
def host_approve(*, host: Host) -> Host:
    """A superuser approves a host; its owner can then publish events."""
    host.status = Host.Status.APPROVED
    host.save(update_fields=["status"])
    return host
