from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Host
from matching.engine.rules import SCORING_RULES
from needs.models import Need
from profiles.models import ExpertProfile


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


class Suggestion(models.Model):
    """One expert suggested for one need, with the score, each rule's share and the reasons.

    Derived data: rows are replaced by each refresh (matching/services/suggestions.py, which
    writes them in bulk without model objects). `host` is the programme whose rule set
    produced it (empty: the default).
    """

    host = models.ForeignKey(
        Host,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("host"),
    )
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("need")
    )
    expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("expert"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    rules = models.JSONField(_("contribution of each rule"), default=dict, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # Imported experts who have not claimed their profile are shown to organizers only.
    shown_to_company = models.BooleanField(_("shown to the company"), default=True)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["need", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "rank"],
                condition=Q(host__isnull=True),
                name="suggestion_unique_rank_default",
            ),
            models.UniqueConstraint(
                fields=["host", "need", "rank"],
                condition=Q(host__isnull=False),
                name="suggestion_unique_rank_host",
            ),
        ]

    def __str__(self):
        return f"need {self.need_id} → expert {self.expert_id} ({self.score:.2f})"


class RuleOverride(models.Model):
    """A host's own weight for one scoring rule, or the rule switched off."""

    RULE_CHOICES = [(rule, rule) for rule in SCORING_RULES]

    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="rule_overrides", verbose_name=_("host")
    )
    rule = models.CharField(_("rule"), max_length=30, choices=RULE_CHOICES)
    weight = models.FloatField(_("weight"), null=True, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("rule override")
        verbose_name_plural = _("rule overrides")
        constraints = [
            models.UniqueConstraint(fields=["host", "rule"], name="ruleoverride_unique"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=0),
                name="ruleoverride_weight_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.host}: {self.rule}"
