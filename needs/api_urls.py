from django.urls import path
from rest_framework.routers import SimpleRouter

from needs import api

router = SimpleRouter()
router.register("needs", api.NeedViewSet, basename="need")
urlpatterns = [
    *router.urls,
    path("desk/<slug:slug>/figures/", api.DeskFiguresView.as_view(), name="desk-figures"),
]
