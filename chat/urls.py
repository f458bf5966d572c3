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
]
