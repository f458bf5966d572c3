from django.urls import path
from rest_framework.routers import SimpleRouter

from matching import api
from matching.api_suggestions import ExpertSuggestionList, NeedSuggestionList

router = SimpleRouter()
router.register("introductions", api.IntroductionViewSet, basename="introduction")
urlpatterns = [
    *router.urls,
    path(
        "matching/needs/<int:pk>/suggestions/",
        NeedSuggestionList.as_view(),
        name="need-suggestions",
    ),
    path("matching/hosts/<slug:slug>/rules/", api.HostRules.as_view(), name="host-rules"),
    path(
        "matching/hosts/<slug:slug>/rules/preview/",
        api.HostRulesPreview.as_view(),
        name="host-rules-preview",
    ),
    path(
        "matching/experts/<int:pk>/suggestions/",
        ExpertSuggestionList.as_view(),
        name="expert-suggestions",
    ),
]
