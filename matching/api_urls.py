from django.urls import path
from rest_framework.routers import SimpleRouter

from matching import api, api_meetings
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
    path(
        "matching/experts/<int:pk>/suggestions/",
        ExpertSuggestionList.as_view(),
        name="expert-suggestions",
    ),
    path(
        "matching/events/<int:event_id>/meetings/",
        api_meetings.EventMeetingList.as_view(),
        name="meeting-event-list",
    ),
    path(
        "matching/events/<int:event_id>/meeting-requests/",
        api_meetings.MeetingRequestCreate.as_view(),
        name="meeting-request-create",
    ),
    path("matching/meetings/mine/", api_meetings.MyMeetingList.as_view(), name="meeting-mine"),
]
