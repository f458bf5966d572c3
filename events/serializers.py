from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.sites import absolute_url
from events.models import QUESTION_TYPES, Event, Registration, Session, Venue
from events.registration_forms import MAX_ID
from events.selectors import organization_of, seats_left


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["name", "address", "map_url"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "start", "end", "room", "room_en", "chat_enabled"]


class SeatsLeftSerializer(serializers.Serializer):
    """Seats still free; null means no limit."""

    total = serializers.IntegerField(allow_null=True)
    expert = serializers.IntegerField(allow_null=True)
    enterprise = serializers.IntegerField(allow_null=True)
    guest = serializers.IntegerField(allow_null=True)


class EventSerializer(serializers.ModelSerializer):
    venue = VenueSerializer(allow_null=True)
    seats_left = serializers.SerializerMethodField(
        help_text="Seats left per role; null when unlimited."
    )
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "title_en",
            "start",
            "end",
            "timezone",
            "status",
            "venue",
            "seats_left",
            "ics_url",
        ]

    @extend_schema_field(SeatsLeftSerializer)
    def get_seats_left(self, event) -> dict:
        return seats_left(event)

    @extend_schema_field(OpenApiTypes.URI)
    def get_ics_url(self, event) -> str:
        return absolute_url(reverse("events:ics", args=[event.slug]))


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "description", "sessions"]


class OrganizerEventSerializer(serializers.ModelSerializer):
    """An event as its organizers see it: drafts included, with registration counts."""

    venue = VenueSerializer(allow_null=True)
    confirmed = serializers.IntegerField(source="confirmed_count", read_only=True)
    pending = serializers.IntegerField(source="pending_count", read_only=True)
    waitlisted = serializers.IntegerField(source="waitlisted_count", read_only=True)
    sessions = serializers.IntegerField(source="session_count", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "title_en",
            "start",
            "end",
            "timezone",
            "status",
            "visibility",
            "capacity",
            "venue",
            "confirmed",
            "pending",
            "waitlisted",
            "sessions",
        ]


# --- Registration set-up (host staff) ----------------------------------------------------------

# The largest figure a seat column holds (PostgreSQL's integer).
MAX_SEATS = 2**31 - 1


class QuestionSerializer(serializers.Serializer):
    """A question registrants answer. Send a question's `key` back to keep it (and its answers);
    a question without a key is new and gets one."""

    key = serializers.CharField(required=False, allow_blank=True, max_length=40)
    label = serializers.CharField(max_length=200)
    label_en = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    type = serializers.ChoiceField(choices=QUESTION_TYPES, default="text")
    required = serializers.BooleanField(default=False)
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        default=list,
        max_length=30,
        help_text="For choice and multiple: the choices offered, in order.",
    )


def _seats_field(help_text: str):
    return serializers.IntegerField(
        min_value=0, max_value=MAX_SEATS, allow_null=True, required=False, help_text=help_text
    )


class RegistrationSetupSerializer(serializers.Serializer):
    """How an event takes registrations. Times without an offset are read in the event's time
    zone, and answered in it. `questions` replaces the whole list, in the order given."""

    timezone = serializers.CharField(read_only=True)
    capacity = _seats_field("Seats in all; null for no limit.")
    quota_experts = _seats_field("Seats for experts; null to share the capacity.")
    quota_enterprises = _seats_field("Seats for enterprises; null to share the capacity.")
    quota_guests = _seats_field("Seats for guests; null to share the capacity.")
    registration_opens = serializers.DateTimeField(allow_null=True, required=False)
    registration_closes = serializers.DateTimeField(allow_null=True, required=False)
    requires_approval = serializers.BooleanField(required=False)
    invite_only = serializers.BooleanField(required=False)
    questions = QuestionSerializer(many=True, required=False, max_length=30)
    seats_left = serializers.SerializerMethodField()

    def __init__(self, *args, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:  # None only when the schema is drawn
            for name in ("registration_opens", "registration_closes"):
                self.fields[name].timezone = event.tzinfo

    def to_representation(self, event: Event) -> dict:
        data = {
            name: getattr(event, name)
            for name in (
                "timezone",
                "capacity",
                "quota_experts",
                "quota_enterprises",
                "quota_guests",
                "requires_approval",
            )
        }
        for name in ("registration_opens", "registration_closes"):
            value = getattr(event, name)
            data[name] = self.fields[name].to_representation(value) if value else None
        data["invite_only"] = event.visibility == Event.Visibility.INVITE
        data["questions"] = [
            {
                "key": q.get("key", ""),
                "label": q.get("label", ""),
                "label_en": q.get("label_en", ""),
                "type": q.get("type", "text"),
                "required": bool(q.get("required")),
                "choices": list(q.get("choices") or []),
            }
            for q in event.questions or []
        ]
        data["seats_left"] = seats_left(event)
        return data

    @extend_schema_field(SeatsLeftSerializer)
    def get_seats_left(self, event) -> dict:
        return seats_left(event)

    def service_fields(self) -> dict:
        """The validated data as event_update takes it."""
        data = dict(self.validated_data)
        if "invite_only" in data:
            invite = data.pop("invite_only")
            data["visibility"] = Event.Visibility.INVITE if invite else Event.Visibility.PUBLIC
        if "questions" in data:
            data["questions"] = [dict(question) for question in data["questions"]]
        return data


# --- Registration -------------------------------------------------------------------------------


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
)
class AnswerField(serializers.Field):
    """An answer: a text (also a choice, or "yes"/"no"), or a list of texts for a multiple
    choice question."""

    default_error_messages = {"invalid": _("Answer with a text or a list of texts.")}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return "yes" if data else "no"
        if isinstance(data, str | int | float):
            return str(data)
        if isinstance(data, list) and len(data) <= 100 and all(isinstance(v, str) for v in data):
            return data
        self.fail("invalid")

    def to_representation(self, value):
        return value


class RegistrationCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Registration.Role.choices)
    answers = serializers.DictField(child=AnswerField(), required=False, default=dict)


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration as its person sees it."""

    event = serializers.IntegerField(source="event_id", read_only=True)
    ticket_url = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "role",
            "status",
            "answers",
            "rejection_reason",
            "created_at",
            "checked_in_at",
            "ticket_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_ticket_url(self, obj) -> str | None:
        if obj.status != Registration.Status.CONFIRMED:
            return None
        return absolute_url(reverse("events:ticket", args=[obj.ticket_token]))


class RegistrationStaffSerializer(RegistrationSerializer):
    """A registration as the host's staff see it in the registrations table."""

    name = serializers.CharField(source="user.display_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True, allow_null=True)
    organization = serializers.SerializerMethodField()

    class Meta(RegistrationSerializer.Meta):
        fields = [
            *RegistrationSerializer.Meta.fields,
            "name",
            "email",
            "organization",
            "walk_in",
            "short_code",
        ]
        read_only_fields = fields

    def get_organization(self, obj) -> str:
        return organization_of(obj)


class IdField(serializers.IntegerField):
    """A database id: a JSON number or a string of ASCII digits, within a 64-bit key."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and not (data.isascii() and data.isdigit()):
            self.fail("invalid")
        return super().to_internal_value(data)


class RegistrationIdsSerializer(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), min_length=1, max_length=500)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=300)
    scanned_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When a scan kept offline was made; ignored when in the future or over a day "
        "old.",
    )


class CheckInResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["ok", "already", "cancelled", "not_confirmed", "other_event", "unknown"]
    )
    message = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)
    checked_in_by = serializers.CharField(allow_null=True)
    by_you = serializers.BooleanField()
    registration = RegistrationStaffSerializer(allow_null=True)
