from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import generics, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated

from events.selectors import event_api_list, host_event_list
from events.serializers import EventDetailSerializer, EventSerializer, OrganizerEventSerializer
from hosts.models import Host
from hosts.permissions import can_manage_host


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


class HostEventList(generics.ListAPIView):
    """All events of a host, drafts included, latest first, with registration counts.
    For the host's owners and staff; anyone else gets 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = OrganizerEventSerializer

    def get_queryset(self):
        host = get_object_or_404(Host, slug=self.kwargs["host_slug"])
        if not can_manage_host(self.request.user, host):
            raise Http404
        return host_event_list(host=host)
