from django.urls import path
from rest_framework.routers import SimpleRouter

from events import api

router = SimpleRouter()
router.register("events", api.EventViewSet, basename="event")
router.register(
    r"events/(?P<event_pk>[0-9]+)/registrations",
    api.EventRegistrationViewSet,
    basename="event-registration",
)
urlpatterns = [
    *router.urls,
    path("events/<int:event_pk>/check-in/", api.event_check_in, name="event-check-in"),
    path(
        "events/<int:event_pk>/registration-setup/",
        api.event_registration_setup,
        name="event-registration-setup",
    ),
    path("hosts/<slug:host_slug>/events/", api.HostEventList.as_view(), name="host-events"),
]
