"""Suggestions in the API: the same permissions and rows as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from matching.permissions import (
    can_view_expert_suggestions,
    can_view_need_suggestions,
    suggestion_rows_q,
)
from matching.reasons import ReasonRenderer
from matching.selectors import expert_suggestion_rows, need_suggestion_rows
from matching.serializers import SuggestedExpertSerializer, SuggestedNeedSerializer
from matching.views.suggestions import page_host
from needs.models import Need
from needs.selectors import visible_needs
from profiles.models import ExpertProfile


class _RenderedReasons:
    """Renders each page's stored reasons in the request's language (two queries a page)."""

    def get_serializer(self, *args, **kwargs):
        if args and isinstance(args[0], list):
            render = ReasonRenderer()
            for row in args[0]:
                row.rendered_reasons = render(row.reasons)
        return super().get_serializer(*args, **kwargs)


@extend_schema(tags=["matching"], summary="Suggested experts for a need")
class NeedSuggestionList(_RenderedReasons, generics.ListAPIView):
    """Best first. Companies see experts who joined and did not choose "organizers only"; the
    need's desk sees every suggested expert (`joined` false: reach them offline)."""

    permission_classes = [IsAuthenticated]
    serializer_class = SuggestedExpertSerializer

    def get_queryset(self):
        need = get_object_or_404(
            Need.objects.select_related("company", "host"), pk=self.kwargs["pk"]
        )
        user = self.request.user
        if not can_view_need_suggestions(user, need):
            raise Http404
        return need_suggestion_rows(
            need=need,
            host=page_host(user, need),
            visible=suggestion_rows_q(user, need),
        )


@extend_schema(tags=["matching"], summary="Open needs an expert is suggested for")
class ExpertSuggestionList(_RenderedReasons, generics.ListAPIView):
    """For the expert themself and organizers; needs the viewer may not see are left out."""

    permission_classes = [IsAuthenticated]
    serializer_class = SuggestedNeedSerializer

    def get_queryset(self):
        expert = get_object_or_404(ExpertProfile, pk=self.kwargs["pk"])
        if not can_view_expert_suggestions(self.request.user, expert):
            raise Http404
        return expert_suggestion_rows(expert=expert, needs=visible_needs(user=self.request.user))
