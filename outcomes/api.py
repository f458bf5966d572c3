"""The figures API: a host's figures for a period, for its staff."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ErrorSerializer
from outcomes import permissions as perms
from outcomes.periods import host_zone, period_parse
from outcomes.selectors.figures import host_figures
from outcomes.serializers import HostFiguresSerializer

ERROR = OpenApiResponse(ErrorSerializer, description='{"detail": …, "code": …}')


class HostFiguresView(APIView):
    """Events, matching, needs and outcomes of a host over a period (docs/outcomes.md).

    The period runs from `from` to `to`, both days included, in the host's time zone; without
    them, the last 90 days. What each figure is keyed on: events, registrations and check-ins
    on the event's start; introductions on the day they were requested; meetings on their
    slot's start; needs on their submission (as on the needs desk); follow-ups on the day they
    were asked. For the host's owners and staff; anyone else gets 404.
    """

    permission_classes = [AllowAny]  # access_outcomes answers 404 to everyone else

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (YYYY-MM-DD)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (YYYY-MM-DD)"),
        ],
        responses={200: HostFiguresSerializer, 400: ERROR, 404: ERROR},
        operation_id="host_figures_retrieve",
    )
    def get(self, request, slug: str):
        host = perms.access_outcomes(request.user, slug)
        period = period_parse(
            first=request.query_params.get("from"),
            last=request.query_params.get("to"),
            zone=host_zone(host),
        )
        return Response(host_figures(host=host, period=period))
