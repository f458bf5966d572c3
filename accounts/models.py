from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.phones import display_phone, mask_phone


class UserRole(models.TextChoices):
    """Who a person says they are at onboarding; it decides which profile they fill in."""

    EXPERT = "expert", _("Expert")
    ENTERPRISE = "enterprise", _("Company member")
    GUEST = "guest", _("Guest")
    ORGANIZER = "organizer", _("Organizer")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: logs in with an email address or a mobile number; `name` is how others see
    them. An account made with a mobile number (or WeChat) may have no email address: `email`
    is then NULL, never "" (several people without one must not collide on uniqueness)."""

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    # E.164 (+8613800138000), or "" for none. A number counts for login only once the person
    # proved it with an SMS code; until then another sign-up may claim it (accounts/services.py).
    phone = models.CharField(_("mobile number"), max_length=20, blank=True, default="")
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=UserRole.choices, blank=True)
    onboarded_at = models.DateTimeField(_("onboarded at"), null=True, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person deleted their account: the row stays, anonymised, so that chat
    # messages and need histories keep pointing at "deleted user" (accounts/personal_data.py).
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(phone_verified=True),
                name="accounts_user_verified_phone_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(email=""), name="accounts_user_email_null_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["phone"], name="accounts_user_phone_idx")]

    def __str__(self):
        if self.deleted_at:
            return gettext("deleted user")
        return self.name or self.email or mask_phone(self.phone)

    @property
    def display_name(self) -> str:
        if self.deleted_at:
            return gettext("deleted user")
        if self.name:
            return self.name
        if self.email:
            return self.email.split("@", 1)[0]
        return mask_phone(self.phone) if self.phone else gettext("member")

    @property
    def contact(self) -> str:
        """How organizers reach the person: the email address, else the mobile number."""
        return self.email or (display_phone(self.phone) if self.phone else "")

    @property
    def needs_onboarding(self) -> bool:
        return self.onboarded_at is None


class PrivacyConsent(models.Model):
    """A person's consent to a version of the privacy notice, kept as evidence (PIPL art. 14)."""

    class Context(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        PROFILE_CLAIM = "profile_claim", _("Profile claim")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="privacy_consents", verbose_name=_("user")
    )
    version = models.CharField(_("notice version"), max_length=20)
    context = models.CharField(_("context"), max_length=20, choices=Context.choices)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.user} · {self.version} · {self.context}"


class AccountDeletion(models.Model):
    """Evidence that a person deleted their account: when, and what each app erased.

    Holds no personal data: the account it points to is already anonymised.
    """

    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion",
        verbose_name=_("user"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)
    erased = models.JSONField(_("erased"), default=dict, blank=True)

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"{self.user_id} · {self.deleted_at:%Y-%m-%d}"
