import math

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from events.registration_forms import MAX_ID
from matching.engine.rules import SCORING_RULES
from matching.models import Introduction
from matching.permissions import can_see_counterpart_contact
from matching.services.rules import RULE_WEIGHT_MAX


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


class RuleSettingSerializer(serializers.Serializer):
    """One scoring rule: its weight (0 to 10) and whether it counts."""

    name = serializers.ChoiceField(choices=list(SCORING_RULES))
    weight = serializers.FloatField(min_value=0, max_value=RULE_WEIGHT_MAX)
    enabled = serializers.BooleanField(default=True)
    default_weight = serializers.FloatField(read_only=True)

    def validate_weight(self, value):
        if not math.isfinite(value):
            raise serializers.ValidationError(_("A valid number is required."), code="invalid")
        return value


class RuleSetSerializer(serializers.Serializer):
    """A host's rules; rules left out keep their default weight, switched on."""

    rules = RuleSettingSerializer(many=True)
    tuned = serializers.BooleanField(read_only=True)

    def validate_rules(self, value):
        names = [row["name"] for row in value]
        if len(names) != len(set(names)):
            raise serializers.ValidationError(_("Each rule may appear once."), code="duplicate")
        return value

    def settings(self) -> dict[str, tuple[float, bool]]:
        return {
            row["name"]: (row["weight"], row["enabled"]) for row in self.validated_data["rules"]
        }


class PreviewExpertSerializer(serializers.Serializer):
    expert_id = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField()


class PreviewNeedSerializer(serializers.Serializer):
    """One open need of the host: its best experts now (`before`) and with the new rules."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField()
    before = PreviewExpertSerializer(many=True)
    after = PreviewExpertSerializer(many=True)


class RulesPreviewSerializer(serializers.Serializer):
    needs = PreviewNeedSerializer(many=True)
