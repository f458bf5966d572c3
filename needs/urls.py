"""The needs desk's pages, under /profiles/ where they have always been: the board, a need with
its history, posting, and a host's desk pages."""

from django.urls import path

from needs import views

app_name = "needs"
urlpatterns = [
    path("needs/", views.need_board_view, name="need_board"),
    path("needs/new/", views.need_create_view, name="need_create"),
    path("needs/<int:pk>/", views.need_detail_view, name="need_detail"),
    path("needs/<int:pk>/edit/", views.need_edit_view, name="need_edit"),
    path("needs/<int:pk>/transition/", views.need_transition_view, name="need_transition"),
    path("needs/<int:pk>/assign/", views.need_assign_view, name="need_assign"),
    path("needs/<int:pk>/rate/", views.need_rate_view, name="need_rate"),
    path("desk/<slug:slug>/", views.desk_dashboard_view, name="desk_dashboard"),
    path("desk/<slug:slug>/overdue/", views.desk_overdue_view, name="desk_overdue"),
]
