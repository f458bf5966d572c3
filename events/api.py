from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from events.selectors import event_api_list
from events.serializers import EventDetailSerializer, EventSerializer


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published and finished public events, soonest first, with seats left per role."""

    permission_classes = [AllowAny]

    def get_queryset(self):
        qs = event_api_list()
        if self.action == "retrieve":
            qs = qs.prefetch_related("sessions")
        return qs

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer
