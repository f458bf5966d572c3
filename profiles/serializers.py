from rest_framework import serializers

from profiles.models import Company, ExpertProfile, Topic

CONTACT_FIELDS = ("email", "phone", "wechat")


class TopicSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Topic
        fields = ["slug", "name_zh", "name_en", "parent"]


class ExpertSerializer(serializers.ModelSerializer):
    """An expert; the contact fields are present only for those the privacy rule allows
    (the view puts their ids in the context as `contact_ids`)."""

    topics = serializers.SerializerMethodField()
    claimed = serializers.BooleanField(source="is_claimed", read_only=True)

    class Meta:
        model = ExpertProfile
        fields = [
            "id",
            "name",
            "title",
            "institution",
            "department",
            "highest_degree",
            "topics",
            "keywords",
            "research_summary",
            "achievements",
            "cooperation_forms",
            "availability",
            "languages",
            "claimed",
            *CONTACT_FIELDS,
        ]

    def get_topics(self, obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.pk not in self.context.get("contact_ids", set()):
            for field in CONTACT_FIELDS:
                data.pop(field, None)
        return data


class CompanySerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    verified = serializers.BooleanField(source="is_verified", read_only=True)

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "credit_code",
            "industry",
            "size",
            "district",
            "district_en",
            "parent",
            "parent_name",
            "description",
            "stage",
            "verified",
        ]
