"""The needs desk's records: every status change of a need, and the company's rating."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OPEN_STATUSES = ("submitted", "acknowledged", "in_progress")
# The lifecycle table (documented in profiles/needs.py): status -> statuses it may become.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "submitted": ("acknowledged", "closed"),
    "acknowledged": ("in_progress", "closed"),
    "in_progress": ("resolved", "closed"),
    "resolved": ("in_progress",),
    "closed": (),
}
# The steps a member of the need's company may take; the desk may take every allowed step.
COMPANY_TRANSITIONS = {
    ("submitted", "closed"),
    ("acknowledged", "closed"),
    ("in_progress", "closed"),
    ("resolved", "in_progress"),
}
# Closing needs a reason; reopening a resolved need needs a word on why.
COMMENT_REQUIRED = {("resolved", "in_progress")} | {(s, "closed") for s in OPEN_STATUSES}


class NeedDeskMixin:
    """Figures of the needs desk on a Need, from the times its transitions stored."""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def response_time(self) -> timedelta | None:
        """From submission to the desk's first response (None while unanswered)."""
        return self.responded_at - self.created_at if self.responded_at else None

    @property
    def resolution_time(self) -> timedelta | None:
        """From submission to resolution (None unless resolved)."""
        return self.resolved_at - self.created_at if self.resolved_at else None

    @property
    def is_overdue(self) -> bool:
        """Still waiting for its first response after the response deadline."""
        return (
            self.status == "submitted"
            and self.response_deadline is not None
            and self.response_deadline < timezone.now()
        )


class NeedTransition(models.Model):
    """One step of a need's life: from one status to another, by whom, when and why.

    The first entry of every need has an empty `from_status` and `to_status` "submitted".
    """

    need = models.ForeignKey(
        "profiles.Need",
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("need"),
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_transitions",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("need transition")
        verbose_name_plural = _("need transitions")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["need", "at"], name="needtransition_need_at")]

    def __str__(self):
        return f"{self.need_id}: {self.from_status or '∅'} → {self.to_status}"


class NeedRating(models.Model):
    """The company's satisfaction with how its need was resolved: once, 1 to 5."""

    need = models.OneToOneField(
        "profiles.Need", on_delete=models.CASCADE, related_name="rating", verbose_name=_("need")
    )
    score = models.PositiveSmallIntegerField(
        _("satisfaction"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_ratings",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("need rating")
        verbose_name_plural = _("need ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="needrating_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.need_id}: {self.score}"
