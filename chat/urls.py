from django.urls import path

from chat import views

app_name = "chat"
urlpatterns = [
    path(
        "events/<slug:slug>/sessions/<int:session_id>/",
        views.session_page,
        name="session",
    ),
    path(
        "events/<slug:slug>/sessions/<int:session_id>/transcript.<str:fmt>",
        views.transcript,
        name="transcript",
    ),
    path("events/<slug:slug>/lobby/", views.lobby_page, name="lobby"),
    path("events/<slug:slug>/chat/settings/", views.settings_page, name="settings"),
    path("events/<slug:slug>/chat/slow-mode/", views.slow_mode, name="slow_mode"),
    path("events/<slug:slug>/chat/mutes/<int:mute_id>/lift/", views.unmute, name="unmute"),
    path(
        "events/<slug:slug>/chat/sessions/<int:session_id>/window/",
        views.session_window,
        name="session_window",
    ),
]
