from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from events.filters import RegistrationFilter
from events.models import Event, Registration
from events.permissions import (
    access_event_by_id,
    can_manage_registrations,
    can_view_registration,
)
from events.selectors import event_api_list, host_event_list, registration_table
from events.serializers import (
    CheckInResultSerializer,
    CheckInSerializer,
    EventDetailSerializer,
    EventSerializer,
    OrganizerEventSerializer,
    RegistrationCreateSerializer,
    RegistrationIdsSerializer,
    RegistrationSerializer,
    RegistrationSetupSerializer,
    RegistrationStaffSerializer,
    RejectSerializer,
)
from events.services.checkin import check_in_message, registration_check_in
from events.services.events import event_update
from events.services.registrations import (
    registration_approve,
    registration_cancel,
    registration_create,
    registration_reject,
)
from hosts.permissions import access_host, can_manage_host


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
        host = access_host(self.request.user, self.kwargs["host_slug"], can_manage_host)
        return host_event_list(host=host)


@extend_schema(
    methods=["GET"],
    summary="An event's registration set-up (host staff)",
    responses=RegistrationSetupSerializer,
)
@extend_schema(
    methods=["PATCH"],
    summary="Change an event's registration set-up (host staff)",
    description="Seats per role, the window, approval, invitation only and the questions "
    "(the list sent replaces the questions, in its order). Refused with 400: a role's seats "
    "above the capacity (`quota_above_capacity`), a figure below the seats already confirmed "
    "(`below_confirmed`), a new type for an answered question or the removal of a choice "
    "somebody picked (`answered`), a window closing before it opens (`window`).",
    request=RegistrationSetupSerializer,
    responses=RegistrationSetupSerializer,
)
@api_view(["GET", "PATCH"])
@permission_classes([IsAuthenticated])
def event_registration_setup(request, event_pk: int):
    event = access_event_by_id(request.user, event_pk, manage=True)
    if request.method == "PATCH":
        serializer = RegistrationSetupSerializer(data=request.data, partial=True, event=event)
        serializer.is_valid(raise_exception=True)
        event = event_update(event=event, by=request.user, **serializer.service_fields())
    return Response(RegistrationSetupSerializer(event, event=event).data)


# --- Registrations ------------------------------------------------------------------------------


def _visible_event(request, event_pk) -> Event:
    """The event, or 404 when it does not exist or the user may not see it."""
    code = request.query_params.get("code")  # invitation-only events
    return access_event_by_id(request.user, event_pk, code=code)


def _managed_event(request, event_pk) -> Event:
    """The event for its host's staff: 404 when it is not visible, 403 when it is (it is no
    secret then) but the user may not manage its registrations."""
    event = _visible_event(request, event_pk)
    if not can_manage_registrations(request.user, event):
        raise PermissionDenied
    return event


EVENT_PK = OpenApiParameter("event_pk", int, OpenApiParameter.PATH, description="The event's id.")


@extend_schema(parameters=[EVENT_PK])
@extend_schema_view(
    list=extend_schema(
        summary="List an event's registrations (host staff)",
        parameters=[
            OpenApiParameter("role", enum=Registration.Role.values),
            OpenApiParameter("status", enum=Registration.Status.values),
            OpenApiParameter("checked_in", enum=["yes", "no"]),
            OpenApiParameter("search", str, description="Name, email, phone or organization."),
        ],
        responses=RegistrationStaffSerializer(many=True),
    ),
    create=extend_schema(
        summary="Register the current user",
        description="Any signed-in user may register as a guest; experts need an expert "
        "profile, enterprises a company. `answers` may be left out when the event asks nothing. "
        "The answer's `status` is confirmed, waitlisted (full) or pending (approval needed).",
        request=RegistrationCreateSerializer,
        responses={201: RegistrationSerializer},
    ),
    retrieve=extend_schema(summary="One registration (its person or host staff)"),
    destroy=extend_schema(
        summary="Cancel a registration",
        description="Its person until the event starts, or host staff. Answers the cancelled "
        "registration.",
        responses={200: RegistrationSerializer},
    ),
)
class EventRegistrationViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Registrations of one event: register and cancel for everyone; list, approve and reject
    for the host's staff."""

    permission_classes = [IsAuthenticated]
    serializer_class = RegistrationSerializer
    lookup_value_regex = "[0-9]+"

    def get_event(self) -> Event:
        if not hasattr(self, "_event"):
            self._event = _visible_event(self.request, self.kwargs["event_pk"])
        return self._event

    def is_manager(self) -> bool:
        if not hasattr(self, "_is_manager"):
            self._is_manager = can_manage_registrations(self.request.user, self.get_event())
        return self._is_manager

    def get_serializer_class(self):
        if self.action == "create":
            return RegistrationCreateSerializer
        if getattr(self, "swagger_fake_view", False):
            return RegistrationStaffSerializer
        if self.is_manager():
            return RegistrationStaffSerializer
        return RegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registration.objects.none()
        event = self.get_event()
        if self.action != "list":
            return registration_table(event=event)
        if not self.is_manager():
            raise PermissionDenied
        params = self.request.query_params
        filters = RegistrationFilter(
            {
                "role": params.get("role", ""),
                "status": params.get("status", ""),
                "checked_in": params.get("checked_in", ""),
                "q": params.get("search", ""),
            },
            queryset=registration_table(event=event),
        )
        if not filters.is_valid():
            raise ValidationError(filters.form.errors.as_data())
        return filters.qs

    def get_object(self):
        registration = super().get_object()
        if not can_view_registration(self.request.user, registration):
            raise Http404
        return registration

    def create(self, request, *args, **kwargs):
        event = self.get_event()
        serializer = RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = registration_create(
            event=event,
            user=request.user,
            role=serializer.validated_data["role"],
            answers=serializer.validated_data["answers"],
        )
        body = RegistrationSerializer(registration, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        registration = registration_cancel(registration=self.get_object(), by=request.user)
        return Response(self.get_serializer(registration).data)

    def _staff_object(self) -> Registration:
        if not self.is_manager():
            raise PermissionDenied
        return self.get_object()

    @extend_schema(summary="Approve a pending registration (host staff)", request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        registration = self._staff_object()
        if registration.status != Registration.Status.PENDING:
            raise ValidationError(
                _("Only pending registrations can be approved."), code="not_pending"
            )
        registration_approve(registrations=[registration], by=request.user)
        registration.refresh_from_db()
        return Response(self.get_serializer(registration).data)

    @extend_schema(
        operation_id="events_registrations_approve_many",
        summary="Approve several pending registrations (host staff)",
        description="First come first served: each is confirmed while its role has seats, "
        "else waitlisted. Ids that are not pending registrations of this event are skipped.",
        request=RegistrationIdsSerializer,
        responses=RegistrationStaffSerializer(many=True),
    )
    @action(detail=False, methods=["post"], url_path="approve", pagination_class=None)
    def approve_many(self, request, *args, **kwargs):
        if not self.is_manager():
            raise PermissionDenied
        serializer = RegistrationIdsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        chosen = registration_table(event=self.get_event()).filter(
            pk__in=serializer.validated_data["ids"]
        )
        changed = registration_approve(registrations=chosen, by=request.user)
        return Response(RegistrationStaffSerializer(changed, many=True).data)

    @extend_schema(summary="Reject a registration (host staff)", request=RejectSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        registration = self._staff_object()
        serializer = RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = registration_reject(
            registration=registration, by=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(registration).data)


@extend_schema(
    summary="Check in a ticket (host staff)",
    description="`code` is the ticket's code, its ticket link or its short code. `outcome` is "
    "ok, already, cancelled, not_confirmed, other_event or unknown; only ok checks in, and "
    "sending the same ticket again answers already with `checked_in_at` and `checked_in_by` "
    "(idempotent). Short codes are rate-limited per staff member: 429 with code rate_limited.",
    request=CheckInSerializer,
    responses=CheckInResultSerializer,
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def event_check_in(request, event_pk: int):
    event = _managed_event(request, event_pk)
    serializer = CheckInSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    result = registration_check_in(event=event, by=request.user, **serializer.validated_data)
    if result.outcome == "rate_limited":
        return Response(
            {"detail": check_in_message(result), "code": "rate_limited"},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
    registration = result.registration
    if result.outcome == "other_event" and registration.event.host_id != event.host_id:
        registration = None  # another host's ticket: say so, and nothing more
    checked = registration if result.outcome in ("ok", "already") else None
    return Response(
        {
            "outcome": result.outcome,
            "message": check_in_message(result),
            "checked_in_at": checked.checked_in_at if checked else None,
            "checked_in_by": checked.checked_in_by.display_name
            if checked and checked.checked_in_by
            else None,
            "by_you": bool(checked and checked.checked_in_by_id == request.user.pk),
            "registration": RegistrationStaffSerializer(registration).data
            if registration
            else None,
        }
    )
