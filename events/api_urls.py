from django.urls import path
from rest_framework.routers import SimpleRouter

from events import api

router = SimpleRouter()
router.register("events", api.EventViewSet, basename="event")
urlpatterns = [
    *router.urls,
    path("hosts/<slug:host_slug>/events/", api.HostEventList.as_view(), name="host-events"),
]
