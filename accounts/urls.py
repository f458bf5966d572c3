from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_overview, name="overview"),
    path("welcome/", views.onboarding, name="onboarding"),
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.account_delete, name="delete"),
]
