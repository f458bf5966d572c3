from django.urls import path

from matching import urls_meetings
from matching.views import introductions

app_name = "matching"
urlpatterns = [
    path("introductions/", introductions.introduction_list, name="introductions"),
    path(
        "needs/<int:need_id>/introductions/",
        introductions.introduction_new,
        name="introduction_new",
    ),
    path(
        "introductions/<int:pk>/accept/",
        introductions.introduction_answer,
        {"answer": "accept"},
        name="introduction_accept",
    ),
    path(
        "introductions/<int:pk>/decline/",
        introductions.introduction_answer,
        {"answer": "decline"},
        name="introduction_decline",
    ),
]
urlpatterns += urls_meetings.urlpatterns
