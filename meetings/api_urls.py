from django.urls import path

from meetings import api

# Under /api/v1/matching/, where these routes have always been.
urlpatterns = [
    path(
        "matching/events/<int:event_id>/meetings/",
        api.EventMeetingList.as_view(),
        name="meeting-event-list",
    ),
    path(
        "matching/events/<int:event_id>/meeting-requests/",
        api.MeetingRequestCreate.as_view(),
        name="meeting-request-create",
    ),
    path("matching/meetings/mine/", api.MyMeetingList.as_view(), name="meeting-mine"),
]
