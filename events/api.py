from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from events.selectors import event_list
from events.serializers import EventDetailSerializer, EventSerializer


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published public events, soonest first."""

    permission_classes = [AllowAny]

    def get_queryset(self):
        qs = event_list().order_by("start", "id")
        if self.action == "retrieve":
            qs = qs.prefetch_related("sessions")
        return qs

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer
