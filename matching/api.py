from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from matching.models import Introduction
from matching.permissions import (
    access_host_rules,
    access_introduction,
    access_introduction_pair,
    answering_side,
    can_withdraw_introduction,
)
from matching.selectors import introductions_of_user, rule_table, rules_tuned
from matching.serializers import (
    DeclineSerializer,
    IntroductionCreateSerializer,
    IntroductionSerializer,
    RuleSetSerializer,
    RulesPreviewSerializer,
)
from matching.services.introductions import (
    introduction_accept,
    introduction_create,
    introduction_decline,
    introduction_withdraw,
)
from matching.services.rules import rule_overrides_reset, rule_overrides_save, rules_preview


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
        return access_introduction(self.request.user, pk)

    @extend_schema(request=IntroductionCreateSerializer, responses={201: IntroductionSerializer})
    def create(self, request):
        data = IntroductionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        need, expert, host, initiator = access_introduction_pair(
            request.user,
            need_id=data.validated_data["need"],
            expert_id=data.validated_data["expert"],
            host_slug=data.validated_data.get("host"),
        )
        intro = introduction_create(
            need=need,
            expert=expert,
            by=request.user,
            initiator=initiator,
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
        intro = self._get(pk)
        side = answering_side(request.user, intro)
        if side is None:
            raise ValidationError(_("You have nothing to accept here."), code="forbidden")
        intro = introduction_accept(introduction=intro, by=request.user, side=side)
        return Response(IntroductionSerializer(intro, context={"request": request}).data)

    @extend_schema(request=DeclineSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        intro = self._get(pk)
        side = answering_side(request.user, intro)
        if side is not None:
            intro = introduction_decline(
                introduction=intro,
                by=request.user,
                side=side,
                reason=data.validated_data.get("reason", ""),
            )
        elif can_withdraw_introduction(request.user, intro):
            intro = introduction_withdraw(introduction=intro, by=request.user)
        else:
            raise ValidationError(_("You have nothing to decline here."), code="forbidden")
        return Response(IntroductionSerializer(intro, context={"request": request}).data)


class HostRules(APIView):
    """A host's matching rules, for its staff: read, replace (rules left out go back to their
    default weight, switched on) or reset to the defaults."""

    permission_classes = [IsAuthenticated]

    def _response(self, host):
        table = rule_table(host=host)
        return Response(RuleSetSerializer({"rules": table, "tuned": rules_tuned(table)}).data)

    @extend_schema(
        tags=["matching"], summary="A host's matching rules", responses=RuleSetSerializer
    )
    def get(self, request, slug):
        return self._response(access_host_rules(request.user, slug))

    @extend_schema(
        tags=["matching"],
        summary="Save a host's matching rules",
        request=RuleSetSerializer,
        responses=RuleSetSerializer,
    )
    def put(self, request, slug):
        host = access_host_rules(request.user, slug)
        data = RuleSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rule_overrides_save(host=host, settings=data.settings())
        return self._response(host)

    @extend_schema(
        tags=["matching"],
        summary="Reset a host's matching rules to the defaults",
        request=None,
        responses=RuleSetSerializer,
    )
    def delete(self, request, slug):
        host = access_host_rules(request.user, slug)
        rule_overrides_reset(host=host)
        return self._response(host)


class HostRulesPreview(APIView):
    """The host's most recent open needs with their best three experts under its current rules
    (`before`) and under the rules sent (`after`). Nothing is saved."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["matching"],
        summary="Preview a host's matching rules",
        request=RuleSetSerializer,
        responses=RulesPreviewSerializer,
    )
    def post(self, request, slug):
        host = access_host_rules(request.user, slug)
        data = RuleSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        needs = rules_preview(host=host, settings=data.settings())
        return Response(RulesPreviewSerializer({"needs": needs}).data)
