from django.urls import path

from profiles import views, views_directory, views_import

app_name = "profiles"
urlpatterns = [
    path("expert/edit/", views.expert_edit, name="expert_edit"),
    path("company/edit/", views.company_edit, name="company_edit"),
    path("experts/", views_directory.expert_directory, name="expert_directory"),
    path("experts/<int:pk>/", views_directory.expert_page, name="expert_page"),
    path(
        "experts/<int:pk>/claim-link/",
        views_directory.expert_claim_resend,
        name="expert_claim_resend",
    ),
    path("claim/<str:token>/", views.expert_claim, name="expert_claim"),
    path("companies/", views_directory.company_directory, name="company_directory"),
    path("companies/<int:pk>/", views_directory.company_page, name="company_page"),
    path("companies/<int:pk>/verify/", views_directory.company_verify_view, name="company_verify"),
    path("companies/<int:pk>/invite/", views_directory.company_invite, name="company_invite"),
    path("join/<str:token>/", views.company_join, name="company_join"),
    path("topics/", views.taxonomy, name="taxonomy"),
    path("topics/<slug:slug>/synonyms/", views.topic_synonym_add_view, name="topic_synonym_add"),
    path("import/<str:kind>/", views_import.import_upload, name="import_upload"),
    path("import/batch/<str:token>/", views_import.import_preview, name="import_preview"),
]
