from rest_framework.routers import SimpleRouter

from profiles import api

router = SimpleRouter()
router.register("experts", api.ExpertViewSet, basename="expert")
router.register("enterprises", api.CompanyViewSet, basename="enterprise")
urlpatterns = router.urls
