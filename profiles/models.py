from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Host
from profiles.models_needs import NeedDeskMixin, NeedRating, NeedTransition

__all__ = [
    "Company",
    "CompanyMembership",
    "ExpertProfile",
    "Need",
    "NeedRating",
    "NeedTransition",
]


class ExpertProfile(models.Model):
    """A scholar or engineer who offers their knowledge to companies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=100, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    fields_text = models.CharField(
        _("fields"),
        max_length=500,
        blank=True,
        help_text=_("Your fields of expertise, separated by commas."),
    )
    research_summary = models.TextField(_("research summary"), blank=True)
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    imported_by = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imported_experts",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.institution}）" if self.institution else self.name


class Company(models.Model):
    """An enterprise whose members post needs."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CompanyMembership",
        related_name="companies",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CompanyMembership(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(_("administers the company"), default=False)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="companymembership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.company}"


class Need(NeedDeskMixin, models.Model):
    """A company's problem, followed from submission until it is resolved."""

    class Category(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology")
        TALENT = "talent", _("Talent")
        FINANCING = "financing", _("Financing")
        POLICY = "policy", _("Policy")
        MARKET = "market", _("Market")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="needs", verbose_name=_("company")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.TECHNOLOGY
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_created",
        verbose_name=_("created by"),
    )
    # The needs desk (profiles/needs.py): who answers for the need, and its clock.
    host = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("responsible host"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_assigned",
        verbose_name=_("assignee"),
    )
    response_deadline = models.DateTimeField(_("respond by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    reminded_on = models.DateField(_("assignee last reminded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["company", "title"], name="need_unique_title"),
        ]

    def __str__(self):
        return self.title
