"""Meetings and round tables at events.

People are users: on the expert side a user with an expert profile, on the company side a
member of a company. The scheduler and the seating are the pure functions of
meetings/engine/scheduling.py and meetings/engine/seating.py; these rows are what they read
and write.

The tables keep the names they had when these models lived in the matching app
(`Meta.db_table`), so moving the models changed no data (migration meetings/0001).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from needs.models import Need


class MeetingSlot(models.Model):
    """One time slot for one-to-one meetings at an event (e.g. 15:00–15:20)."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="meeting_slots",
        verbose_name=_("event"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        db_table = "matching_meetingslot"
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="meetingslot_unique_start"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="meetingslot_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.event_id}: {self.start:%Y-%m-%d %H:%M}"


class MeetingTable(models.Model):
    """A table or room where meetings take place."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="meeting_tables",
        verbose_name=_("event"),
    )
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        db_table = "matching_meetingtable"
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="meetingtable_unique_name"),
        ]

    def __str__(self):
        return self.name


class MeetingRequest(models.Model):
    """Two people who should meet at an event: from an accepted introduction, or asked for
    directly by one of them (or by an organizer)."""

    class Source(models.TextChoices):
        INTRODUCTION = "introduction", _("Accepted introduction")
        ATTENDEE = "attendee", _("Asked by an attendee")
        STAFF = "staff", _("Added by an organizer")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CANCELLED = "cancelled", _("Cancelled")

    class Priority(models.IntegerChoices):
        NORMAL = 1, _("Normal")
        HIGH = 2, _("High")

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="meeting_requests",
        verbose_name=_("event"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("expert"),
    )
    company_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("company member"),
    )
    need = models.ForeignKey(
        Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    introduction = models.ForeignKey(
        "matching.Introduction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_requests",
        verbose_name=_("introduction"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        db_table = "matching_meetingrequest"
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-priority", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "expert", "company_member"],
                condition=Q(status="open"),
                name="meetingrequest_one_open_per_pair",
            ),
            models.UniqueConstraint(
                fields=["event", "introduction"],
                condition=Q(introduction__isnull=False),
                name="meetingrequest_one_per_introduction",
            ),
        ]

    def __str__(self):
        return f"{self.expert_id} ↔ {self.company_member_id} @ {self.event_id}"


class MeetingUnavailability(models.Model):
    """A slot in which a person cannot meet anybody."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    slot = models.ForeignKey(
        MeetingSlot,
        on_delete=models.CASCADE,
        related_name="unavailabilities",
        verbose_name=_("slot"),
    )

    class Meta:
        db_table = "matching_meetingunavailability"
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [
            models.UniqueConstraint(fields=["person", "slot"], name="unavailability_unique"),
        ]

    def __str__(self):
        return f"{self.person_id} × {self.slot_id}"


class SessionAttendance(models.Model):
    """An agenda session a person will attend: no meeting is scheduled for them during it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("session"),
    )

    class Meta:
        db_table = "matching_sessionattendance"
        verbose_name = _("session attended")
        verbose_name_plural = _("sessions attended")
        constraints = [
            models.UniqueConstraint(fields=["person", "session"], name="attendance_unique"),
        ]

    def __str__(self):
        return f"{self.person_id} @ {self.session_id}"


class Meeting(models.Model):
    """Two people at one table in one slot. Only scheduled meetings hold their slot and table;
    a person is on one side only (expert or company member), which the services check across
    both columns."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("event"),
    )
    slot = models.ForeignKey(
        MeetingSlot, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("slot")
    )
    table = models.ForeignKey(
        MeetingTable, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("table")
    )
    request = models.ForeignKey(
        MeetingRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("request"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("expert"),
    )
    company_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("company member"),
    )
    need = models.ForeignKey(
        Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    moved_by_hand = models.BooleanField(_("moved by hand"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        db_table = "matching_meeting"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "table__position", "table_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status="scheduled"),
                name="meeting_one_per_table_and_slot",
            ),
            models.UniqueConstraint(
                fields=["slot", "expert"],
                condition=Q(status="scheduled"),
                name="meeting_expert_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["slot", "company_member"],
                condition=Q(status="scheduled"),
                name="meeting_company_member_once_per_slot",
            ),
            models.CheckConstraint(
                condition=~Q(expert=models.F("company_member")), name="meeting_two_people"
            ),
        ]

    def __str__(self):
        return f"{self.expert_id} ↔ {self.company_member_id} @ {self.slot_id}/{self.table_id}"


class RoundTablePlan(models.Model):
    """The round-table seating of one event (one plan per event; seating again replaces it)."""

    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="round_table_plan",
        verbose_name=_("event"),
    )
    table_size = models.PositiveSmallIntegerField(_("people per table"))
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
        db_table = "matching_roundtableplan"
        verbose_name = _("round-table plan")
        verbose_name_plural = _("round-table plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(table_size__gte=4) & Q(table_size__lte=8),
                name="roundtableplan_size_4_to_8",
            ),
        ]

    def __str__(self):
        return f"{self.event_id}: tables of {self.table_size}"


class RoundTableSeat(models.Model):
    """One person's seat, with what they share with whom at their table (the reason)."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert")
        COMPANY = "company", _("Company")

    plan = models.ForeignKey(
        RoundTablePlan, on_delete=models.CASCADE, related_name="seats", verbose_name=_("plan")
    )
    table = models.PositiveSmallIntegerField(_("table"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    shared_topics = models.JSONField(_("shared topics"), default=list, blank=True)
    shared_with = models.JSONField(_("shared with"), default=list, blank=True)
    moved_by_hand = models.BooleanField(_("moved by hand"), default=False)

    class Meta:
        db_table = "matching_roundtableseat"
        verbose_name = _("round-table seat")
        verbose_name_plural = _("round-table seats")
        ordering = ["table", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="roundtableseat_unique"),
        ]

    def __str__(self):
        return f"{self.person_id} at table {self.table + 1}"
