from rest_framework import serializers

from events.models import Event, Session, Venue


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["name", "address", "map_url"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "start", "end", "room", "chat_enabled"]


class EventSerializer(serializers.ModelSerializer):
    venue = VenueSerializer(allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "title_en", "start", "end", "timezone", "status", "venue"]


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "description", "sessions"]
