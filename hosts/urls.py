from django.urls import path

from hosts import views

app_name = "hosts"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("invitations/<str:token>/", views.invitation_open, name="invitation_accept"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
