"""Outcomes: what came of the forums — attendees' feedback, the six-month follow-up, and the
forums planned from last years' needs.

A survey is asked once: a `FeedbackRequest` per person and event, a `FollowUp` per person and
introduction or meeting (database constraints), so running `send_outcome_surveys` again asks
nobody twice. The answer lives on the same row as the question.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from hosts.models import Host
from matching.models import Introduction
from meetings.models import Meeting
from needs.models import Need
from profiles.models import Company


class FeedbackRequest(models.Model):
    """One attendee asked, after an event ended, how it was — and their answer."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="feedback_requests", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feedback_requests",
        verbose_name=_("person"),
    )
    sent_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # How the question went out: "email", "sms", both, or "" when the person had neither.
    channels = models.CharField(_("sent by"), max_length=20, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating of the event"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="feedback_once_per_event"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="feedback_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.event_id}"


class SessionRating(models.Model):
    """An attendee's rating (1–5) of one session of the event."""

    request = models.ForeignKey(
        FeedbackRequest,
        on_delete=models.CASCADE,
        related_name="session_ratings",
        verbose_name=_("feedback"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")
        constraints = [
            models.UniqueConstraint(fields=["request", "session"], name="session_rating_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="session_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.rating}"


class MeetingFeedback(models.Model):
    """An attendee's word on one meeting they had: did it take place, was it useful."""

    request = models.ForeignKey(
        FeedbackRequest,
        on_delete=models.CASCADE,
        related_name="meeting_answers",
        verbose_name=_("feedback"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    held = models.BooleanField(_("took place"))
    useful = models.BooleanField(_("useful"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(fields=["request", "meeting"], name="meeting_feedback_once"),
        ]

    def __str__(self):
        return f"{self.meeting_id}: {'held' if self.held else 'not held'}"


class FollowUp(models.Model):
    """Six months on, one side of an accepted introduction or a held meeting is asked what came
    of it, on b2match's second-stage scale."""

    class Outcome(models.TextChoices):
        NO_CONTACT = "no_contact", _("No further contact")
        IN_CONTACT = "in_contact", _("In contact")
        NEGOTIATING = "negotiating", _("Cooperation being negotiated")
        AGREEMENT = "agreement", _("Agreement reached")
        PROJECT = "project", _("Project under way")

    # The answers that count as cooperation in the figures.
    COOPERATION = (Outcome.AGREEMENT, Outcome.PROJECT)

    class Side(models.TextChoices):
        COMPANY = "company", _("Company")
        EXPERT = "expert", _("Expert")

    host = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("host"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("person"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    introduction = models.ForeignKey(
        Introduction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("introduction"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting"),
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("need"),
    )
    counterpart = models.CharField(_("met with"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("asked at"), default=timezone.now)
    channels = models.CharField(_("sent by"), max_length=20, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    need_resolved = models.BooleanField(_("need marked resolved"), default=False)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(introduction__isnull=False, meeting__isnull=True)
                | Q(introduction__isnull=True, meeting__isnull=False),
                name="followup_one_subject",
            ),
            models.UniqueConstraint(
                fields=["user", "introduction"],
                condition=Q(introduction__isnull=False),
                name="followup_once_per_introduction",
            ),
            models.UniqueConstraint(
                fields=["user", "meeting"],
                condition=Q(meeting__isnull=False),
                name="followup_once_per_meeting",
            ),
        ]
        indexes = [models.Index(fields=["host", "sent_at"], name="followup_host_sent")]

    def __str__(self):
        subject = f"intro {self.introduction_id}" if self.introduction_id else self.meeting_id
        return f"{self.user_id} · {subject} · {self.outcome or '—'}"


class PlannedForum(models.Model):
    """A draft event made from a seasonal-planner suggestion: what recurred, and whom to ask."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="planned_forum", verbose_name=_("event")
    )
    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="planned_forums", verbose_name=_("host")
    )
    key = models.CharField(_("suggestion"), max_length=120)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    explanation = models.TextField(_("why"), blank=True)
    companies = models.ManyToManyField(
        Company, related_name="+", blank=True, verbose_name=_("companies to invite")
    )
    expert_names = models.JSONField(_("experts to invite"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("planned forum")
        verbose_name_plural = _("planned forums")
        ordering = ["-created_at", "id"]

    def __str__(self):
        return f"{self.key} → {self.event_id}"


class ForumInvitation(models.Model):
    """A company invited in advance to a planned forum (its members emailed once)."""

    forum = models.ForeignKey(
        PlannedForum,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("planned forum"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    recipients = models.PositiveSmallIntegerField(_("people told"), default=0)
    sent_at = models.DateTimeField(_("invited at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta:
        verbose_name = _("forum invitation")
        verbose_name_plural = _("forum invitations")
        constraints = [
            models.UniqueConstraint(fields=["forum", "company"], name="forum_invitation_once"),
        ]

    def __str__(self):
        return f"{self.company_id} → {self.forum_id}"
