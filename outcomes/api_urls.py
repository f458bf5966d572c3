from django.urls import path

from outcomes import api

urlpatterns = [
    path("hosts/<slug:slug>/figures/", api.HostFiguresView.as_view(), name="host-figures"),
]
