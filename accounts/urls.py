from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_overview, name="overview"),
    path("welcome/", views.onboarding, name="onboarding"),
]
