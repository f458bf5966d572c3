"""Demo: the accounts every visitor may try, and a helper other apps' hooks use for theirs."""

from allauth.account.models import EmailAddress

from accounts.models import User, UserRole
from core.demo import DEMO_PASSWORD, DemoContext

GUEST_EMAIL = "guest@demo.yizhan.local"
ADMIN_EMAIL = "admin@demo.yizhan.local"


def demo_user(
    ctx: DemoContext, *, email: str, name: str, role: str, label: str | None = None, **extra
) -> User:
    """Get or create a verified demo account with the demo password.

    With `label`, the account is listed in the printout of `seed_demo`.
    """
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "role": role, "onboarded_at": ctx.now, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        ctx.changed(f"created demo account {email}")
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if label:
        ctx.accounts.append((label, email, DEMO_PASSWORD))
    return user


def seed(ctx: DemoContext) -> None:
    demo_user(ctx, email=GUEST_EMAIL, name="访客小王", role=UserRole.GUEST, label="guest")
    demo_user(
        ctx,
        email=ADMIN_EMAIL,
        name="平台管理员",
        role=UserRole.ORGANIZER,
        label="admin",
        is_staff=True,
        is_superuser=True,
    )
