import json

from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.serializers import MeSerializer
from accounts.services import user_data_export, user_delete


class AccountDeleteInput(serializers.Serializer):
    password = serializers.CharField(help_text="Your current password, to confirm.")


class MeView(APIView):
    """The signed-in person (works before onboarding is finished)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=AccountDeleteInput, responses={204: None}, operation_id="me_destroy")
    def delete(self, request):
        """Delete your account (see the account page): your profile and contact details go,
        history others rely on stays as "deleted user". 400 `wrong_password`."""
        data = AccountDeleteInput(data=request.data)
        data.is_valid(raise_exception=True)
        if not request.user.check_password(data.validated_data["password"]):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        user_delete(user=request.user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeExportView(APIView):
    """Everything Yizhan holds about the signed-in person (the same JSON as the page's
    download)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="me_export")
    def get(self, request):
        data = json.loads(json.dumps(user_data_export(user=request.user), cls=DjangoJSONEncoder))
        return Response(data)
