from django.urls import path

from events.views import calendar, checkin, public, registrations

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
    # Registration (events/views/registrations.py)
    path("events/<slug:slug>/register/", registrations.register, name="register"),
    path(
        "events/<slug:slug>/registrations/<int:pk>/cancel/",
        registrations.cancel,
        name="registration_cancel",
    ),
    path("my-events/", registrations.my_events, name="my_events"),
    path("tickets/<str:token>/", registrations.ticket, name="ticket"),
    # At the door (events/views/checkin.py); the registrations page moved to the organizer area
    path(
        "events/<slug:slug>/manage/registrations/",
        checkin.manage_registrations,
        name="manage_registrations",
    ),
    path("events/<slug:slug>/manage/check-in/", checkin.check_in, name="check_in"),
    path(
        "events/<slug:slug>/manage/check-in/counts/",
        checkin.check_in_counts_json,
        name="check_in_counts",
    ),
    path("events/<slug:slug>/manage/walk-in/", checkin.walk_in, name="walk_in"),
]
