"""The organizer area, mounted under /hosts/<host_slug>/. The permission matrix test walks
every name here: add a route, add it to the matrix."""

from django.urls import path

from events.views import organizer, registration_table

app_name = "organizer"
E = "events/<slug:slug>/"
urlpatterns = [
    path("", organizer.host_home, name="host"),
    path("events/new/", organizer.event_create, name="event_create"),
    path(E, organizer.event_manage, name="event"),
    path(E + "edit/", organizer.event_edit, name="event_edit"),
    path(E + "publish/", organizer.event_publish, name="event_publish"),
    path(E + "finish/", organizer.event_finish, name="event_finish"),
    path(E + "cancel/", organizer.event_cancel, name="event_cancel"),
    path(E + "duplicate/", organizer.event_duplicate, name="event_duplicate"),
    path(E + "sessions/new/", organizer.session_create, name="session_create"),
    path(E + "speakers/", organizer.speaker_search, name="speaker_search"),
    path(E + "sessions/<int:pk>/", organizer.session_edit, name="session_edit"),
    path(E + "sessions/<int:pk>/delete/", organizer.session_delete, name="session_delete"),
    path(E + "sessions/<int:pk>/materials/new/", organizer.material_add, name="material_add"),
    path(E + "materials/<int:pk>/delete/", organizer.material_delete, name="material_delete"),
    path(E + "registrations/", registration_table.registrations, name="registrations"),
    path(E + "registrations.csv", registration_table.registrations_csv, name="registrations_csv"),
    path(
        E + "registrations.xlsx", registration_table.registrations_xlsx, name="registrations_xlsx"
    ),
    path(E + "sign-in-sheet/", registration_table.sign_in_sheet, name="sign_in_sheet"),
    path(E + "badges/", registration_table.badges, name="badges"),
    path("series/new/", organizer.series_create, name="series_create"),
    path("series/<slug:slug>/edit/", organizer.series_edit, name="series_edit"),
    path("venues/new/", organizer.venue_create, name="venue_create"),
    path("venues/<int:pk>/edit/", organizer.venue_edit, name="venue_edit"),
]
