"""The needs desk's API shapes: needs with their company, desk and history; the inputs of
posting, transitions, 派单 and rating; the desk's figures."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from needs import permissions as perms
from needs.models import Need, NeedRating, NeedTransition
from profiles.models import Company, CooperationForm, Topic


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class NeedCompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name", "district"]


class NeedHostSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class NeedTopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class NeedSerializer(serializers.ModelSerializer):
    company = NeedCompanySerializer(read_only=True)
    topics = NeedTopicSerializer(many=True, read_only=True)
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationForm.choices), read_only=True
    )
    host = NeedHostSerializer(read_only=True, allow_null=True)
    assignee = PersonSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Need
        fields = [
            "id",
            "title",
            "description",
            "category",
            "urgency",
            "status",
            "topics",
            "cooperation_forms",
            "budget_min",
            "budget_max",
            "wanted_by",
            "visibility",
            "company",
            "host",
            "assignee",
            "response_deadline",
            "responded_at",
            "resolved_at",
            "is_overdue",
            "created_at",
        ]
        read_only_fields = fields


class NeedTransitionSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()

    class Meta:
        model = NeedTransition
        fields = ["from_status", "to_status", "by", "at", "comment"]

    def get_by(self, obj) -> str | None:
        return obj.by.display_name if obj.by else None


class NeedRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = NeedRating
        fields = ["score", "comment", "at"]


class NeedDetailSerializer(NeedSerializer):
    transitions = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(NeedSerializer.Meta):
        fields = [*NeedSerializer.Meta.fields, "transitions", "rating", "allowed_transitions"]
        read_only_fields = fields

    @extend_schema_field(NeedTransitionSerializer(many=True))
    def get_transitions(self, obj):
        history = obj.transitions.select_related("by").order_by("at", "id")
        return NeedTransitionSerializer(history, many=True).data

    @extend_schema_field(NeedRatingSerializer(allow_null=True))
    def get_rating(self, obj):
        """Shown to the company's members and the desk only."""
        user = self.context["request"].user
        rating = getattr(obj, "rating", None) if hasattr(obj, "rating") else None
        if rating is None or not perms.can_view_need_rating(user, obj):
            return None
        return NeedRatingSerializer(rating).data

    def get_allowed_transitions(self, obj) -> list[str]:
        """The statuses the requesting person may move the need to."""
        return perms.transitions_for(self.context["request"].user, obj)


class NeedWriteSerializer(serializers.Serializer):
    company = serializers.IntegerField(
        required=False, help_text="Company id; defaults to your (first) company."
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Need.Category.choices, default="technology")
    urgency = serializers.ChoiceField(choices=Need.Urgency.choices, default="normal")
    topics = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        many=True,
        required=False,
        help_text="Topic slugs the company confirmed. Without them, the topics the title and "
        "description name (see suggest-topics).",
    )
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationForm.choices), required=False, default=list
    )
    budget_min = serializers.IntegerField(
        min_value=0,
        max_value=2_000_000_000,
        required=False,
        allow_null=True,
        default=None,
        help_text="CNY",
    )
    budget_max = serializers.IntegerField(
        min_value=0,
        max_value=2_000_000_000,
        required=False,
        allow_null=True,
        default=None,
        help_text="CNY; not below budget_min.",
    )
    wanted_by = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="From today up to five years ahead.",
    )
    visibility = serializers.ChoiceField(
        choices=Need.Visibility.choices,
        default=Need.Visibility.PUBLIC,
        help_text="public: everyone; members: signed-in members; restricted: only the host's "
        "staff and the experts suggested or introduced.",
    )

    def validate(self, attrs):
        low, high = attrs.get("budget_min"), attrs.get("budget_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"budget_max": [_("The lowest budget is above the highest.")]},
                code="budget_range",
            )
        return attrs


class TopicSuggestInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000, allow_blank=True)


class TopicSuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class TopicSuggestionsSerializer(serializers.Serializer):
    topics = TopicSuggestionSerializer(many=True)


class NeedTransitionInputSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Need.Status.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class NeedAssignInputSerializer(serializers.Serializer):
    assignee = serializers.IntegerField(help_text="User id of a staff member of the desk.")
    response_deadline = serializers.DateTimeField(required=False, allow_null=True, default=None)


class NeedRatingInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DeskFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    responded = serializers.IntegerField()
    responded_in_time = serializers.IntegerField()
    resolved = serializers.IntegerField()
    rated = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    in_time_rate = serializers.FloatField(allow_null=True)
    resolution_rate = serializers.FloatField(allow_null=True)
    average_satisfaction = serializers.FloatField(allow_null=True)
    average_response_hours = serializers.FloatField(allow_null=True)
    average_resolution_hours = serializers.FloatField(allow_null=True)
