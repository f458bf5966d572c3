from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import services


class TicketView(APIView):
    """A single-use ticket, valid for 60 seconds, for opening a chat WebSocket with
    `?ticket=…` (apps that have no session cookie)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            201: inline_serializer(
                "ChatTicket",
                {"ticket": serializers.CharField(), "expires": serializers.DateTimeField()},
            )
        },
    )
    def post(self, request):
        ticket, expires = services.ticket_issue(user=request.user)
        return Response(
            {"ticket": ticket, "expires": serializers.DateTimeField().to_representation(expires)},
            status=201,
        )
