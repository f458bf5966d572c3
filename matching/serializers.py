from rest_framework import serializers

from events.registration_forms import MAX_ID
from matching.models import Introduction
from matching.permissions import can_see_counterpart_contact


class IntroductionSerializer(serializers.ModelSerializer):
    need_title = serializers.CharField(source="need.title", read_only=True)
    company = serializers.CharField(source="need.company.name", read_only=True)
    expert_name = serializers.CharField(source="expert.name", read_only=True)
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Introduction
        fields = [
            "id",
            "need",
            "need_title",
            "company",
            "expert",
            "expert_name",
            "initiator",
            "status",
            "message",
            "company_accepted_at",
            "expert_accepted_at",
            "decline_reason",
            "created_at",
            "expires_at",
            "contact",
        ]
        read_only_fields = fields

    def get_contact(self, intro) -> dict | None:
        """Both sides' contact details, only once both accepted."""
        user = self.context["request"].user
        if not can_see_counterpart_contact(user, intro):
            return None
        expert = intro.expert
        return {
            "expert_email": expert.email or (expert.user.email if expert.user_id else ""),
            "expert_phone": expert.phone,
            "company_emails": [
                m.user.email for m in intro.need.company.memberships.all() if m.user.email
            ],
        }


class IntroductionCreateSerializer(serializers.Serializer):
    need = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    expert = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    host = serializers.SlugField(required=False, help_text="Propose as this host's staff.")


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class SuggestedExpertSerializer(serializers.Serializer):
    """One suggested expert for a need: score, each rule's share, reasons in the request's
    language (`reasons` are rendered by the view), and whether they joined yet."""

    expert_id = serializers.IntegerField(source="expert.pk")
    name = serializers.CharField(source="expert.name")
    institution = serializers.CharField(source="expert.institution")
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    rules = serializers.DictField(child=serializers.FloatField())
    reasons = serializers.ListField(child=serializers.CharField(), source="rendered_reasons")
    joined = serializers.BooleanField(source="shown_to_company")


class SuggestedNeedSerializer(serializers.Serializer):
    """One open need an expert is suggested for."""

    need_id = serializers.IntegerField(source="need.pk")
    title = serializers.CharField(source="need.title")
    company = serializers.CharField(source="need.company.name")
    status = serializers.CharField(source="need.status")
    score = serializers.FloatField()
    rules = serializers.DictField(child=serializers.FloatField())
    reasons = serializers.ListField(child=serializers.CharField(), source="rendered_reasons")
