"""The needs desk in the API: list and detail, posting, transitions, 派单, rating, figures."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from needs import permissions as perms
from needs.forms import NeedFilterForm
from needs.models import TRANSITIONS, Need
from needs.selectors import desk_figures, need_board, visible_needs
from needs.serializers import (
    DeskFiguresSerializer,
    NeedAssignInputSerializer,
    NeedDetailSerializer,
    NeedRatingInputSerializer,
    NeedRatingSerializer,
    NeedSerializer,
    NeedTransitionInputSerializer,
    NeedWriteSerializer,
    TopicSuggestInputSerializer,
    TopicSuggestionsSerializer,
)
from needs.services import (
    need_assign,
    need_create,
    need_rate,
    need_topics_suggest,
    need_transition,
)
from profiles.models import Company
from profiles.permissions import is_company_member
from profiles.selectors import company_of

FILTER_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=str(field.label))
    for name, field in NeedFilterForm.base_fields.items()
]


class NeedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Company needs followed by a host's desk (a 12345-style office).

    The list shows open needs unless `status` is given; filters as on the needs board.
    """

    def get_queryset(self):
        if self.action == "list":
            form = NeedFilterForm(self.request.query_params)
            if not form.is_valid():
                raise ValidationError(
                    {name: errors for name, errors in form.errors.as_data().items()}
                )
            return need_board(user=self.request.user, filters=form.cleaned_data)
        return (
            visible_needs(user=self.request.user)
            .select_related("rating")
            .prefetch_related("topics")
        )

    def get_serializer_class(self):
        return NeedSerializer if self.action == "list" else NeedDetailSerializer

    def get_object(self):
        return perms.access_need(self.request.user, self.kwargs["pk"])

    def _detail(self, need, code=status.HTTP_200_OK):
        need = self.get_queryset().get(pk=need.pk)
        return Response(self.get_serializer(need).data, status=code)

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=NeedWriteSerializer, responses={201: NeedDetailSerializer})
    def create(self, request):
        data = NeedWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        company_id = values.pop("company", None)
        company = (
            Company.objects.filter(pk=company_id).first()
            if company_id
            else company_of(user=request.user)
        )
        if company is None or not perms.can_post_need(request.user, company):
            raise PermissionDenied
        need = need_create(company=company, created_by=request.user, **values)
        return self._detail(need, status.HTTP_201_CREATED)

    @extend_schema(
        request=TopicSuggestInputSerializer,
        responses={200: TopicSuggestionsSerializer},
    )
    @action(detail=False, methods=["post"], url_path="suggest-topics")
    def suggest_topics(self, request):
        """The taxonomy's topics a need's text names (title and description), in order: what
        the need form ticks for the company to confirm. Signed-in people only; stores nothing."""
        data = TopicSuggestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topics = need_topics_suggest(text=data.validated_data["text"])
        return Response(TopicSuggestionsSerializer({"topics": topics}).data)

    @extend_schema(request=NeedTransitionInputSerializer, responses=NeedDetailSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """Move the need on. 400 `transition_not_allowed` for a step the lifecycle forbids,
        403 for a step others may take but you may not."""
        need = self.get_object()
        data = NeedTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        to = data.validated_data["to"]
        if to in TRANSITIONS[need.status] and not perms.can_transition_need(request.user, need, to):
            raise PermissionDenied
        need = need_transition(
            need=need, to=to, by=request.user, comment=data.validated_data["comment"]
        )
        return self._detail(need)

    @extend_schema(request=NeedAssignInputSerializer, responses=NeedDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Assign the need to a staff member of its desk with a response deadline (派单)."""
        need = self.get_object()
        if not perms.can_assign_need(request.user, need):
            raise PermissionDenied
        data = NeedAssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignee = (
            perms.assignable_staff(request.user, need)
            .filter(pk=data.validated_data["assignee"])
            .first()
        )
        if assignee is None:
            raise ValidationError(_("No such person."), code="assignee_not_staff")
        need = need_assign(
            need=need,
            assignee=assignee,
            by=request.user,
            response_deadline=data.validated_data["response_deadline"],
        )
        return self._detail(need)

    @extend_schema(request=NeedRatingInputSerializer, responses={201: NeedRatingSerializer})
    @action(detail=True, methods=["post"])
    def rating(self, request, pk=None):
        """The company rates its resolved need, once (1–5 with a comment)."""
        need = self.get_object()
        if not perms.can_rate_need(request.user, need):
            if need.status == Need.Status.RESOLVED and is_company_member(
                request.user, need.company
            ):
                raise ValidationError(_("This need is already rated."), code="already_rated")
            raise PermissionDenied
        data = NeedRatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = need_rate(need=need, by=request.user, **data.validated_data)
        return Response(NeedRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class DeskFiguresView(APIView):
    """Response rate, resolution rate and average satisfaction of a host's desk, for the
    needs submitted in the last `days` days (all time without it). Host staff only."""

    @extend_schema(
        parameters=[OpenApiParameter("days", OpenApiTypes.INT, required=False)],
        responses=DeskFiguresSerializer,
        operation_id="desk_figures_retrieve",
    )
    def get(self, request, slug: str):
        host = perms.access_desk(request.user, slug)
        days = request.query_params.get("days")
        if days is not None and not (days.isascii() and days.isdigit() and 0 < int(days) <= 3660):
            raise ValidationError(_("Give the period in days (1–3660)."), code="invalid_days")
        since = timezone.now() - dt.timedelta(days=int(days)) if days else None
        figures = desk_figures(host=host, since=since)
        return Response(DeskFiguresSerializer(figures.as_dict()).data)
