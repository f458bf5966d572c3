from django.urls import path

from profiles import views, views_directory, views_import, views_needs

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
    path("import/<str:kind>/", views_import.import_upload, name="import_upload"),
    path("import/batch/<str:token>/", views_import.import_preview, name="import_preview"),
]
# The needs desk (board, need pages, a host's desk pages).
urlpatterns += [
    path("needs/", views_needs.need_board_view, name="need_board"),
    path("needs/new/", views_needs.need_create_view, name="need_create"),
    path("needs/<int:pk>/", views_needs.need_detail_view, name="need_detail"),
    path("needs/<int:pk>/edit/", views_needs.need_edit_view, name="need_edit"),
    path("needs/<int:pk>/transition/", views_needs.need_transition_view, name="need_transition"),
    path("needs/<int:pk>/assign/", views_needs.need_assign_view, name="need_assign"),
    path("needs/<int:pk>/rate/", views_needs.need_rate_view, name="need_rate"),
    path("desk/<slug:slug>/", views_needs.desk_dashboard_view, name="desk_dashboard"),
    path("desk/<slug:slug>/overdue/", views_needs.desk_overdue_view, name="desk_overdue"),
]
