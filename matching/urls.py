from django.urls import path

from matching.views import introductions, matrix, rules, suggestions

app_name = "matching"
urlpatterns = [
    path(
        "needs/<int:need_id>/suggestions/",
        suggestions.need_suggestions,
        name="need_suggestions",
    ),
    path("experts/me/needs/", suggestions.expert_needs, name="expert_needs"),
    path(
        "suggestions/refresh/",
        suggestions.suggestions_refresh_view,
        name="suggestions_refresh",
    ),
    path("hosts/<slug:slug>/rules/", rules.host_rules, name="host_rules"),
    path("events/<slug:slug>/matrix/", matrix.event_matrix_view, name="event_matrix"),
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
