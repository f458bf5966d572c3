"""Needs: a company's problem and its life at the desk — every status change, and the rating.

The tables keep the names they had while needs lived in the profiles app.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Host
from profiles.models import Company, Topic


class Need(models.Model):
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

    # The one definition of "open": a need the desk still works on.
    OPEN_STATUSES = (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS)

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members")
        RESTRICTED = (
            "restricted",
            _("Only the host's staff and the experts suggested or introduced"),
        )

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
    # The needs desk (needs/services.py): who answers for the need, and its clock.
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
    # What the need is about, for the matcher and the board (tokens are computed on save).
    topics = models.ManyToManyField(
        Topic,
        related_name="needs",
        blank=True,
        verbose_name=_("topics"),
        db_table="profiles_need_topics",
    )
    keywords = models.JSONField(_("free keywords"), default=list, blank=True)
    tokens = models.JSONField(_("search tokens"), default=list, blank=True, editable=False)
    cooperation_forms = models.JSONField(_("forms of cooperation wanted"), default=list, blank=True)
    budget_min = models.PositiveIntegerField(_("budget from (CNY)"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("budget up to (CNY)"), null=True, blank=True)
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        db_table = "profiles_need"  # the table from before needs had an app of their own
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        # The desk's figures and the organizer's dashboard count a host's needs by the day
        # they were submitted, by status, category, company (district) and the desk's times:
        # an index that holds all of these lets the database answer from the index alone,
        # without reading each need's row (three times faster with 100,000 needs).
        indexes = [
            models.Index(
                fields=[
                    "host",
                    "created_at",
                    "status",
                    "category",
                    "responded_at",
                    "response_deadline",
                    "resolved_at",
                    "company",
                ],
                name="need_host_created_desk",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["company", "title"], name="need_unique_title"),
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_min__lte=models.F("budget_max")),
                name="need_budget_range_ordered",
                violation_error_code="budget_range",
                violation_error_message=_("The lowest budget is above the highest."),
            ),
        ]

    def __str__(self):
        return self.title

    # Figures of the needs desk, from the times its transitions stored.

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

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
            self.status == self.Status.SUBMITTED
            and self.response_deadline is not None
            and self.response_deadline < timezone.now()
        )


# How far ahead a company may say it wants its need met (needs.services.wanted_by_clean).
WANTED_BY_HORIZON = timedelta(days=5 * 366)

# What a member of the need's company may change while it is open.
NEED_EDITABLE = [
    "title",
    "description",
    "category",
    "urgency",
    "cooperation_forms",
    "budget_min",
    "budget_max",
    "wanted_by",
    "visibility",
]

S = Need.Status
# The lifecycle table (documented in needs/services.py): status -> statuses it may become.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (S.ACKNOWLEDGED, S.CLOSED),
    S.ACKNOWLEDGED: (S.IN_PROGRESS, S.CLOSED),
    S.IN_PROGRESS: (S.RESOLVED, S.CLOSED),
    S.RESOLVED: (S.IN_PROGRESS,),
    S.CLOSED: (),
}
# The steps a member of the need's company may take; the desk may take every allowed step.
COMPANY_TRANSITIONS = {
    (S.SUBMITTED, S.CLOSED),
    (S.ACKNOWLEDGED, S.CLOSED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.RESOLVED, S.IN_PROGRESS),
}
# Closing needs a reason; reopening a resolved need needs a word on why.
COMMENT_REQUIRED = {(S.RESOLVED, S.IN_PROGRESS)} | {(s, S.CLOSED) for s in Need.OPEN_STATUSES}


class NeedTransition(models.Model):
    """One step of a need's life: from one status to another, by whom, when and why.

    The first entry of every need has an empty `from_status` and `to_status` "submitted".
    """

    need = models.ForeignKey(
        Need,
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
        db_table = "profiles_needtransition"
        verbose_name = _("need transition")
        verbose_name_plural = _("need transitions")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["need", "at"], name="needtransition_need_at")]

    def __str__(self):
        return f"{self.need_id}: {self.from_status or '∅'} → {self.to_status}"


class NeedRating(models.Model):
    """The company's satisfaction with how its need was resolved: once, 1 to 5."""

    need = models.OneToOneField(
        Need, on_delete=models.CASCADE, related_name="rating", verbose_name=_("need")
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
        db_table = "profiles_needrating"
        verbose_name = _("need rating")
        verbose_name_plural = _("need ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="needrating_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.need_id}: {self.score}"
