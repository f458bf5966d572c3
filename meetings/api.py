"""Meetings over the API, with the pages' permissions: organizers see every meeting of their
event, a confirmed registrant only theirs; anyone else gets 404."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from meetings.permissions import access_meetings_event_by_id
from meetings.selectors import meetings_of_event, meetings_of_user
from meetings.serializers import (
    MeetingRequestCreateSerializer,
    MeetingRequestSerializer,
    MeetingSerializer,
)
from meetings.services.meetings import meeting_request_add, meeting_request_create


class EventMeetingList(generics.ListAPIView):
    """Scheduled meetings of an event: all of them for its organizers, else the caller's."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeetingSerializer

    def get_queryset(self):
        event, manage = access_meetings_event_by_id(self.request.user, self.kwargs["event_id"])
        return meetings_of_event(event=event, user=None if manage else self.request.user)


class MyMeetingList(generics.ListAPIView):
    """The caller's scheduled meetings at every event, in time order."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return meetings_of_user(user=self.request.user)


class MeetingRequestCreate(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MeetingRequestCreateSerializer, responses={201: MeetingRequestSerializer}
    )
    def post(self, request, event_id: int):
        """Ask to meet someone at the event (attendees: `counterpart`; organizers may pair
        `expert` and `company_member`)."""
        event, manage = access_meetings_event_by_id(request.user, event_id)
        data = MeetingRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if manage and values.get("expert") and values.get("company_member"):
            made = meeting_request_add(
                event=event,
                expert=get_object_or_404(User, pk=values["expert"]),
                company_member=get_object_or_404(User, pk=values["company_member"]),
                by=request.user,
                priority=values["priority"],
            )
        else:
            if not values.get("counterpart"):
                raise DRFValidationError(
                    {"detail": _("Name the person to meet."), "code": "meeting_request_counterpart"}
                )
            made = meeting_request_create(
                event=event,
                by=request.user,
                counterpart=get_object_or_404(User, pk=values["counterpart"]),
                priority=values["priority"],
                message=values.get("message", ""),
            )
        return Response(MeetingRequestSerializer(made).data, status=status.HTTP_201_CREATED)
