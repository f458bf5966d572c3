from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Event, Session, Venue
from events.selectors import seats_left


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["name", "address", "map_url"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "start", "end", "room", "chat_enabled"]


class SeatsLeftSerializer(serializers.Serializer):
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
        path = reverse("events:ics", args=[event.slug])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


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
