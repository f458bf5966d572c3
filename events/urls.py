from django.urls import path

from events.views import public

app_name = "events"
urlpatterns = [
    path("events/<slug:slug>/", public.event_detail, name="detail"),
]
