from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Host
from profiles.models import ExpertProfile, Need


class Introduction(models.Model):
    """A double opt-in introduction between a company's need and an expert.

    Either side, or a host's staff, proposes it; it becomes `accepted` only when the company
    side and the expert have both said yes. The expert's yes is their separate consent to share
    contact details with that company (PIPL art. 23), recorded in `expert_consent_at`.
    """

    class Initiator(models.TextChoices):
        COMPANY = "company", _("Company")
        EXPERT = "expert", _("Expert")
        STAFF = "staff", _("Organizer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted by both")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="introductions", verbose_name=_("need")
    )
    expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="introductions",
        verbose_name=_("expert"),
    )
    host = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("proposed by host"),
    )
    initiator = models.CharField(_("proposed by"), max_length=10, choices=Initiator.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="introductions_created",
        verbose_name=_("created by"),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    company_accepted_at = models.DateTimeField(_("company accepted at"), null=True, blank=True)
    company_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company accepted by"),
    )
    expert_accepted_at = models.DateTimeField(_("expert accepted at"), null=True, blank=True)
    expert_consent_at = models.DateTimeField(
        _("expert consented to share contact details at"), null=True, blank=True
    )
    declined_by_side = models.CharField(
        _("declined by"), max_length=10, choices=Initiator.choices, blank=True
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "expert"],
                condition=Q(status__in=["pending", "accepted"]),
                name="introduction_one_open_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.need} ↔ {self.expert} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING
