from rest_framework import serializers

from accounts.models import User


class MeSerializer(serializers.ModelSerializer):
    needs_onboarding = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "name", "role", "needs_onboarding", "date_joined"]
        read_only_fields = fields
