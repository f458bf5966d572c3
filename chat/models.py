"""Live chat: the messages and questions of an event's lobby and of its sessions' rooms."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session


class ChatSettings(models.Model):
    """How long before and after a session its room takes messages, per event."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="chat_settings", verbose_name=_("event")
    )
    opens_before = models.PositiveIntegerField(_("session rooms open (minutes before)"), default=30)
    closes_after = models.PositiveIntegerField(_("session rooms close (minutes after)"), default=30)

    class Meta:
        verbose_name = _("chat settings")
        verbose_name_plural = _("chat settings")

    def __str__(self):
        return f"{self.event} · −{self.opens_before} / +{self.closes_after} min"


class Message(models.Model):
    """A chat message or a question; `session` empty means the event's lobby."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        QUESTION = "question", _("Question")

    class Role(models.TextChoices):
        EXPERT = "expert", _("Expert")
        ENTERPRISE = "enterprise", _("Enterprise")
        ORGANIZER = "organizer", _("Organizer")
        SPEAKER = "speaker", _("Speaker")
        GUEST = "guest", _("Guest")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="chat_messages", verbose_name=_("event")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_messages",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MESSAGE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat_messages",
        verbose_name=_("author"),
    )
    author_role = models.CharField(
        _("author's role"), max_length=20, choices=Role.choices, default=Role.GUEST
    )
    body = models.TextField(_("text"))
    client_id = models.CharField(_("client's id"), max_length=64, blank=True)
    created = models.DateTimeField(_("sent at"), default=timezone.now)
    deleted = models.BooleanField(_("deleted"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    answered = models.BooleanField(_("answered"), default=False)
    votes = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "session", "id"], name="chat_message_room")]
        constraints = [
            # A client repeating a frame (after a reconnect) must not store it twice.
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~Q(client_id=""),
                name="chat_message_unique_client_id",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.pk}: {self.body[:40]}"


class Vote(models.Model):
    """One attendee's upvote of one question."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="vote_set", verbose_name=_("question")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="chat_votes",
        verbose_name=_("user"),
    )
    created = models.DateTimeField(_("voted at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="chat_vote_once"),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.message_id}"


class Mute(models.Model):
    """A person muted by a moderator in all rooms of an event until a time. Kept in the
    database so that a restart of the cache (Redis) lifts no mute; the cache holds a copy that
    the hot path reads (chat/state.py)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="chat_mutes", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="chat_mutes",
        verbose_name=_("muted person"),
    )
    until = models.DateTimeField(_("muted until"))
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("muted by"),
    )
    created = models.DateTimeField(_("muted at"), default=timezone.now)

    class Meta:
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="chat_mute_once_per_event"),
        ]

    def __str__(self):
        return f"{self.user_id} muted in {self.event_id} until {self.until:%Y-%m-%d %H:%M}"


class SlowMode(models.Model):
    """Slow mode of one room (an event's lobby when `session` is empty): each person may send
    one message per `seconds`. Kept in the database like mutes."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="chat_slow_modes", verbose_name=_("event")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_slow_modes",
        verbose_name=_("session"),
    )
    seconds = models.PositiveIntegerField(_("seconds between messages"))

    class Meta:
        verbose_name = _("slow mode")
        verbose_name_plural = _("slow modes")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "session"],
                condition=Q(session__isnull=False),
                name="chat_slow_mode_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(session__isnull=True),
                name="chat_slow_mode_once_per_lobby",
            ),
            models.CheckConstraint(
                condition=Q(seconds__gte=1, seconds__lte=3600), name="chat_slow_mode_seconds"
            ),
        ]

    def __str__(self):
        return f"{self.event_id}/{self.session_id or 'lobby'}: {self.seconds} s"


class SessionWindow(models.Model):
    """A session's own chat window, instead of its event's ChatSettings."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="chat_window", verbose_name=_("session")
    )
    opens_before = models.PositiveIntegerField(_("room opens (minutes before)"))
    closes_after = models.PositiveIntegerField(_("room closes (minutes after)"))

    class Meta:
        verbose_name = _("session chat window")
        verbose_name_plural = _("session chat windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_before__lte=1440, closes_after__lte=1440),
                name="chat_session_window_within_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.session} · −{self.opens_before} / +{self.closes_after} min"
