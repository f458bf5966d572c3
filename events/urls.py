from django.urls import path

from events.views import calendar, public

app_name = "events"
urlpatterns = [
    path("events/", public.event_list, name="list"),
    path("events/<slug:slug>/", public.event_detail, name="detail"),
    path("events/<slug:slug>/calendar.ics", calendar.event_ics, name="ics"),
    path("events/<slug:slug>/materials/<int:pk>/", public.material_download, name="material"),
    path("series/<slug:slug>/", public.series_page, name="series"),
    path("calendar/", calendar.feed_page, name="calendar_feed"),
    path("calendar/reset/", calendar.feed_reset, name="calendar_feed_reset"),
    path("calendar/<str:token>.ics", calendar.feed_ics, name="calendar_feed_ics"),
]
