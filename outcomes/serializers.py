"""The figures API's answer, described for the schema (drf-spectacular)."""

from rest_framework import serializers

RATE = "A share from 0 to 1, or null when there is nothing to divide by."


class PeriodSerializer(serializers.Serializer):
    # "from" is a Python keyword: declared through the class body's namespace.
    locals()["from"] = serializers.DateField(help_text="The period's first day (included).")
    to = serializers.DateField(help_text="The period's last day (included).")


class EventFiguresSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Published or finished events starting in the period."
    )
    registrations = serializers.IntegerField(help_text="Confirmed registrations for them.")
    checked_in = serializers.IntegerField(help_text="Of those, checked in.")
    check_in_rate = serializers.FloatField(allow_null=True, help_text=RATE)


class MatchingFiguresSerializer(serializers.Serializer):
    introductions_requested = serializers.IntegerField(
        help_text="Introductions about the host's needs or proposed by its staff, requested in "
        "the period."
    )
    introductions_accepted = serializers.IntegerField(help_text="Of those, accepted by both.")
    meetings_scheduled = serializers.IntegerField(
        help_text="Meetings at the host's events whose slot starts in the period, not cancelled."
    )
    meetings_held = serializers.IntegerField(
        help_text="Of those, held: the slot has ended, nobody said in the feedback that it did "
        "not take place, and someone said it did or both people were checked in."
    )


class NeedFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Needs submitted in the period (the desk's).")
    responded = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True, help_text=RATE)
    on_time_response_rate = serializers.FloatField(allow_null=True, help_text=RATE)
    resolved = serializers.IntegerField()
    resolution_rate = serializers.FloatField(allow_null=True, help_text=RATE)
    satisfaction = serializers.FloatField(
        allow_null=True, help_text="The mean rating (1–5) of the resolved needs, or null."
    )
    overdue = serializers.IntegerField(
        help_text="Still waiting for a first response after the deadline."
    )


class OutcomeFiguresSerializer(serializers.Serializer):
    surveyed = serializers.IntegerField(help_text="Six-month follow-ups asked in the period.")
    answered = serializers.IntegerField()
    cooperation = serializers.IntegerField(
        help_text="Answers: agreement reached, or project under way."
    )


class HostFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    events = EventFiguresSerializer()
    matching = MatchingFiguresSerializer()
    needs = NeedFiguresSerializer()
    outcomes = OutcomeFiguresSerializer()
