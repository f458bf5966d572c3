"""The outcomes pages: a host's dashboard, report and planner (under /hosts/<slug>/), and the
surveys behind signed links (under /outcomes/). The permission matrix walks every name here."""

from django.urls import path

from outcomes.views import dashboard, planner, surveys

app_name = "outcomes"
H = "hosts/<slug:slug>/"
urlpatterns = [
    path(H + "outcomes/", dashboard.dashboard_view, name="dashboard"),
    path(H + "outcomes/charts/<slug:key>.xlsx", dashboard.chart_xlsx_view, name="chart_xlsx"),
    path(H + "outcomes/report/", dashboard.report_view, name="report"),
    path(H + "planner/", planner.planner_view, name="planner"),
    path(H + "planner/draft/", planner.planner_draft_view, name="planner_draft"),
    path(
        H + "planner/forums/<int:pk>/invite/",
        planner.planned_forum_invite_view,
        name="planned_forum_invite",
    ),
    path("outcomes/feedback/<str:token>/", surveys.feedback_view, name="feedback"),
    path("outcomes/follow-up/<str:token>/", surveys.followup_view, name="followup"),
]
