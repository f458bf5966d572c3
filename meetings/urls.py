"""Meetings and round tables, mounted under /matching/ (where they have always been). Every
name starts with `meeting` or `roundtable` (meetings/tests/test_permissions.py walks them all)."""

from django.urls import path

from meetings.views import meetings, my_meetings, round_tables

app_name = "meetings"
E = "events/<slug:slug>/"
urlpatterns = [
    path(E + "meetings/setup/", meetings.meeting_setup, name="meeting_setup"),
    path(E + "meetings/requests/", meetings.meeting_requests, name="meeting_requests"),
    path(E + "meetings/schedule/", meetings.meeting_schedule_run, name="meeting_schedule_run"),
    path(E + "meetings/", meetings.meeting_grid_page, name="meeting_grid"),
    path(E + "meetings/<int:pk>/move/", meetings.meeting_move_view, name="meeting_move"),
    path(E + "meetings/<int:pk>/cancel/", meetings.meeting_cancel_view, name="meeting_cancel"),
    path(E + "meetings/print/", meetings.meeting_print, name="meeting_print"),
    path(E + "meetings/mine/", my_meetings.meeting_mine, name="meeting_mine"),
    path(E + "round-tables/", round_tables.roundtable_seating, name="roundtable_seating"),
    path(E + "round-tables/seat/", round_tables.roundtable_seat, name="roundtable_seat"),
    path(
        E + "round-tables/seats/<int:pk>/move/",
        round_tables.roundtable_move,
        name="roundtable_move",
    ),
    path(E + "round-tables/print/", round_tables.roundtable_print, name="roundtable_print"),
]
