from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from hosts.models import Host
from matching.models import Introduction
from matching.permissions import can_view_introduction
from matching.selectors import introductions_of_user
from matching.serializers import (
    DeclineSerializer,
    IntroductionCreateSerializer,
    IntroductionSerializer,
)
from matching.services.introductions import (
    introduction_accept,
    introduction_create,
    introduction_decline,
)
from needs.models import Need
from profiles.models import ExpertProfile


class IntroductionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Introductions the current user is part of; create, accept, decline."""

    permission_classes = [IsAuthenticated]
    serializer_class = IntroductionSerializer
    lookup_value_regex = r"[0-9]+"  # anything else is no introduction: 404, not a failed query

    def get_queryset(self):
        return introductions_of_user(user=self.request.user)

    def _get(self, pk) -> Introduction:
        intro = get_object_or_404(
            Introduction.objects.select_related("need__company", "expert__user", "host"), pk=pk
        )
        if not can_view_introduction(self.request.user, intro):
            raise Http404
        return intro

    @extend_schema(request=IntroductionCreateSerializer, responses={201: IntroductionSerializer})
    def create(self, request):
        data = IntroductionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        need = get_object_or_404(
            Need.objects.select_related("company"), pk=data.validated_data["need"]
        )
        expert = get_object_or_404(ExpertProfile, pk=data.validated_data["expert"])
        host = None
        if data.validated_data.get("host"):
            host = get_object_or_404(Host, slug=data.validated_data["host"])
        intro = introduction_create(
            need=need,
            expert=expert,
            by=request.user,
            host=host,
            message=data.validated_data.get("message", ""),
        )
        return Response(
            IntroductionSerializer(intro, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        intro = introduction_accept(introduction=self._get(pk), by=request.user)
        return Response(IntroductionSerializer(intro, context={"request": request}).data)

    @extend_schema(request=DeclineSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        intro = introduction_decline(
            introduction=self._get(pk),
            by=request.user,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(IntroductionSerializer(intro, context={"request": request}).data)
