from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("expert/edit/", views.expert_edit, name="expert_edit"),
    path("company/edit/", views.company_edit, name="company_edit"),
]
