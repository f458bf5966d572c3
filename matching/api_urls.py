from rest_framework.routers import SimpleRouter

from matching import api

router = SimpleRouter()
router.register("introductions", api.IntroductionViewSet, basename="introduction")
urlpatterns = router.urls
