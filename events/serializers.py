from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.sites import absolute_url
from events.models import Event, Registration, Session, Venue
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


# --- Registration -------------------------------------------------------------------------------


class RegistrationCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Registration.Role.choices)
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


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
