from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Host
from matching.engine.rules import SCORING_RULES


class Suggestion(models.Model):
    """One expert suggested for one need, with the score, each rule's share and the reasons.

    Need and expert are plain ids for now; they become foreign keys when the profiles
    taxonomy lands. `host` is the programme whose rule set produced it (empty: the default).
    """

    host = models.ForeignKey(
        Host,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("host"),
    )
    need_id = models.PositiveBigIntegerField(_("need"), db_index=True)
    expert_id = models.PositiveBigIntegerField(_("expert"), db_index=True)
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
        ordering = ["need_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["need_id", "rank"],
                condition=Q(host__isnull=True),
                name="suggestion_unique_rank_default",
            ),
            models.UniqueConstraint(
                fields=["host", "need_id", "rank"],
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
