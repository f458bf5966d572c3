from rest_framework import serializers

from meetings.models import Meeting, MeetingRequest


class MeetingPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class MeetingSerializer(serializers.ModelSerializer):
    start = serializers.DateTimeField(source="slot.start")
    end = serializers.DateTimeField(source="slot.end")
    table = serializers.CharField(source="table.name")
    expert = MeetingPersonSerializer()
    company_member = MeetingPersonSerializer()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "start",
            "end",
            "table",
            "expert",
            "company_member",
            "need",
            "status",
            "moved_by_hand",
        ]
        read_only_fields = fields


class MeetingRequestCreateSerializer(serializers.Serializer):
    """An attendee names `counterpart`; an organizer names `expert` and `company_member`."""

    counterpart = serializers.IntegerField(required=False)
    expert = serializers.IntegerField(required=False)
    company_member = serializers.IntegerField(required=False)
    priority = serializers.ChoiceField(
        choices=MeetingRequest.Priority.choices, default=MeetingRequest.Priority.NORMAL
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=300)


class MeetingRequestSerializer(serializers.ModelSerializer):
    expert = MeetingPersonSerializer()
    company_member = MeetingPersonSerializer()

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "expert",
            "company_member",
            "source",
            "priority",
            "message",
            "status",
            "created_at",
        ]
        read_only_fields = fields
