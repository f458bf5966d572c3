from django.urls import path

from hosts import views

app_name = "hosts"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
]
