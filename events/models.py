import secrets
import zoneinfo
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from hosts.models import Host
from profiles.models import ExpertProfile


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


# text: free text; choice: one of `choices`; multiple: any of `choices` (stored as a list);
# yesno: "yes" or "no".
QUESTION_TYPES = ("text", "choice", "multiple", "yesno")
CHOICE_TYPES = ("choice", "multiple")


def validate_questions(value) -> None:
    """Organizer questions: a list of {key, label, label_en?, required?, type, choices?} with
    unique keys; choice and multiple-choice questions need choices."""
    if not isinstance(value, list):
        raise ValidationError(_("Questions must be a list."), code="questions")
    keys = set()
    for question in value:
        if not isinstance(question, dict) or not question.get("key") or not question.get("label"):
            raise ValidationError(_("Every question needs a key and a label."), code="questions")
        if question["key"] in keys:
            raise ValidationError(
                _("The question key “%(key)s” is used twice."),
                code="questions",
                params={"key": question["key"]},
            )
        keys.add(question["key"])
        kind = question.get("type", "text")
        if kind not in QUESTION_TYPES:
            raise ValidationError(
                _("A question's type is text, choice, multiple choice or yes/no."),
                code="questions",
            )
        if kind in CHOICE_TYPES and not question.get("choices"):
            raise ValidationError(
                _("The choice question “%(label)s” needs choices."),
                code="questions",
                params={"label": question["label"]},
            )


COVER_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
COVER_MAX_BYTES = 5 * 1024 * 1024
MATERIAL_MAX_BYTES = 50 * 1024 * 1024
# What the first bytes of each accepted image format look like; the extension alone can lie.
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"RIFF")


def validate_cover(file) -> None:
    """A cover is a JPEG, PNG, WebP or GIF of at most 5 MB (checked without Pillow)."""
    extension = PurePath(file.name).suffix.lower()
    if extension not in COVER_EXTENSIONS:
        raise ValidationError(
            _("A cover must be a JPEG, PNG, WebP or GIF image."), code="cover_type"
        )
    if file.size > COVER_MAX_BYTES:
        raise ValidationError(_("A cover may be at most 5 MB."), code="cover_size")
    head = file.read(12)
    file.seek(0)
    if not head.startswith(_IMAGE_SIGNATURES) or (
        head.startswith(b"RIFF") and head[8:12] != b"WEBP"
    ):
        raise ValidationError(
            _("This file is not a JPEG, PNG, WebP or GIF image."), code="cover_content"
        )


def validate_material_size(file) -> None:
    if file.size > MATERIAL_MAX_BYTES:
        raise ValidationError(_("A file may be at most 50 MB."), code="material_size")


def material_upload_to(instance, filename: str) -> str:
    """A random folder per file, so that a material's address cannot be guessed."""
    return f"events/materials/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Series(Bilingual, models.Model):
    """A themed series of events, e.g. the monthly 「金融科创」 forum."""

    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="series", verbose_name=_("host")
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Venue(Bilingual, models.Model):
    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="venues", verbose_name=_("host")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [models.UniqueConstraint(fields=["host", "name"], name="venue_unique_name")]

    def __str__(self):
        return self.name


class Event(Bilingual, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INVITE = "invite", _("Invitation only")

    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="events", verbose_name=_("host")
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.DEFAULT_EVENT_TIMEZONE,
        validators=[validate_timezone],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    # Seats per role, inside the overall capacity; empty means "no quota of its own".
    quota_experts = models.PositiveIntegerField(_("seats for experts"), null=True, blank=True)
    quota_enterprises = models.PositiveIntegerField(
        _("seats for enterprises"), null=True, blank=True
    )
    quota_guests = models.PositiveIntegerField(_("seats for guests"), null=True, blank=True)
    # Empty: open from publication until the event ends (events.selectors.registration_window).
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    questions = models.JSONField(
        _("questions for registrants"),
        default=list,
        blank=True,
        validators=[validate_questions],
        help_text=_(
            "A list of questions: key, label, label_en, required, type (text or choice), choices."
        ),
    )
    cover = models.FileField(
        _("cover image"),
        upload_to="events/covers/%Y/",
        blank=True,
        validators=[validate_cover],
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB."),
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    invitation_code = models.CharField(
        _("invitation code"),
        max_length=40,
        blank=True,
        help_text=_("For invitation-only events: the code in the invitation link."),
    )
    created_at = models.DateTimeField(_("created at"), default=dj_timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_closes_after_opens",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def quota_for(self, role: str) -> int | None:
        """The seats reserved for a registration role, or None when the role has no quota."""
        return {
            "expert": self.quota_experts,
            "enterprise": self.quota_enterprises,
            "guest": self.quota_guests,
        }.get(role)

    def phase(self, now=None) -> str:
        """ "upcoming", "live" or "past", by the clock."""
        now = now or dj_timezone.now()
        if now < self.start:
            return "upcoming"
        if now < self.end:
            return "live"
        return "past"


class Session(Bilingual, models.Model):
    """One item of an event's agenda."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(_("room or track"), max_length=100, blank=True)
    room_en = models.CharField(_("room or track in English"), max_length=100, blank=True)
    speakers = models.ManyToManyField(
        ExpertProfile, blank=True, related_name="sessions", verbose_name=_("speaker profiles")
    )
    speakers_text = models.CharField(
        _("other speakers"),
        max_length=300,
        blank=True,
        help_text=_("Speakers without a profile, as free text."),
    )
    chat_enabled = models.BooleanField(_("live chat"), default=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "room"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_end_after_start"),
        ]

    def __str__(self):
        return self.title


def new_ticket_token() -> str:
    """An unguessable ticket code (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(24)


# Characters people can read aloud and type without confusing them: no 0/O, 1/l/I.
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 8


def new_short_code() -> str:
    """A ticket's short code: 8 characters from SHORT_CODE_ALPHABET (40 random bits), unique
    per event by the constraint `registration_short_code_unique_per_event`."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


class SessionMaterial(models.Model):
    """Slides, a paper or a link for one session, shown to registrants and the host's staff."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="materials", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=material_upload_to,
        blank=True,
        validators=[validate_material_size],
    )
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("added at"), default=dj_timezone.now)

    class Meta:
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")
        ordering = ["created_at", "id"]
        constraints = [
            # Exactly one of a file and a link.
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="sessionmaterial_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        """Where the material opens: files through the permission-checked download view."""
        if self.file:
            from django.urls import reverse

            return reverse("events:material", args=[self.session.event.slug, self.pk])
        return self.url


class EventChange(models.Model):
    """What changed in a published event, kept so registrants can be told and staff can look
    back: `changes` is a list of {"field", "old", "new"} with times in the event's zone."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="changes", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHANGED)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=dj_timezone.now)
    notified = models.PositiveIntegerField(_("registrants told"), default=0)

    class Meta:
        verbose_name = _("event change")
        verbose_name_plural = _("event changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.event} · {self.kind} · {self.changed_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """A person's private calendar subscription: the token in its URL is the only key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_secret)
    created_at = models.DateTimeField(_("created at"), default=dj_timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user} · calendar"


class Registration(models.Model):
    """A person's place at an event, with the role they attend in."""

    class Role(models.TextChoices):
        EXPERT = "expert", _("Expert")
        ENTERPRISE = "enterprise", _("Enterprise")
        GUEST = "guest", _("Guest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Rejected")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GUEST)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language the person registered in; their emails are written in it."),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    ticket_token = models.CharField(
        _("ticket code"), max_length=64, unique=True, default=new_ticket_token, editable=False
    )
    short_code = models.CharField(
        _("short code"),
        max_length=SHORT_CODE_LENGTH,
        default=new_short_code,
        editable=False,
        help_text=_("Read aloud and typed at the door when the QR code cannot be scanned."),
    )
    walk_in = models.BooleanField(_("registered at the door"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    promoted_at = models.DateTimeField(
        _("promoted from the waiting list at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=dj_timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="registration_one_active_per_user",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checked_in_only_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(rejection_reason="") | Q(status="rejected"),
                name="registration_reason_only_rejected",
            ),
            models.UniqueConstraint(
                fields=["event", "short_code"], name="registration_short_code_unique_per_event"
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "role"], name="registration_seats")]

    def __str__(self):
        return f"{self.user} → {self.event} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class EventSeats(models.Model):
    """The seats taken at an event, in total and per role: the one row that registrations of an
    event lock, for one short statement each (events/services/seats.py).

    It always equals the event's confirmed registrations counted by role; every service that
    takes or frees a seat keeps it so, and `seats_recount` rebuilds it from the registrations.
    """

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="seats",
        verbose_name=_("event"),
    )
    taken = models.PositiveIntegerField(_("seats taken"), default=0)
    taken_expert = models.PositiveIntegerField(_("seats taken by experts"), default=0)
    taken_enterprise = models.PositiveIntegerField(_("seats taken by enterprises"), default=0)
    taken_guest = models.PositiveIntegerField(_("seats taken by guests"), default=0)

    class Meta:
        verbose_name = _("seats taken")
        verbose_name_plural = _("seats taken")
        constraints = [
            models.CheckConstraint(
                condition=Q(taken=F("taken_expert") + F("taken_enterprise") + F("taken_guest")),
                name="eventseats_total_is_sum_of_roles",
            ),
        ]

    def __str__(self):
        return f"{self.event_id} · {self.taken}"

    def counts(self) -> dict[str, int]:
        """{"expert", "enterprise", "guest", "total"}, like events.selectors.confirmed_counts."""
        return {
            "expert": self.taken_expert,
            "enterprise": self.taken_enterprise,
            "guest": self.taken_guest,
            "total": self.taken,
        }
