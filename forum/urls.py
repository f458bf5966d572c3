from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as accounts_views
from core import api as core_api
from core import views as core_views
from events.views import public as events_views

# The REST API: each app contributes its routes under /api/v1/.
api_urlpatterns = [
    path("", include("accounts.api_urls")),
    path("", include("profiles.api_urls")),
    path("", include("needs.api_urls")),
    path("", include("events.api_urls")),
    path("", include("matching.api_urls")),
    path("", include("meetings.api_urls")),
    path("", include("chat.api_urls")),
    path("", include("outcomes.api_urls")),
    # Last: any other address under /api/v1/ (a slug with odd characters, a typo) is the API's
    # JSON 404, not the site's HTML page.
    re_path(r"^", core_api.not_found),
]

urlpatterns = [
    path("", events_views.home, name="home"),
    path("", include("events.urls")),
    path("", include("chat.urls")),
    path("", include("outcomes.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", core_views.metrics, name="metrics"),
    path("privacy/", core_views.privacy_notice, name="privacy"),
    path("wechat/jssdk-config/", core_views.wechat_jssdk_config, name="wechat_jssdk_config"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("hosts/", include("hosts.urls")),
    path("hosts/<slug:host_slug>/", include("events.organizer_urls")),
    path("profiles/", include("profiles.urls")),
    path("profiles/", include("needs.urls")),
    path("matching/", include("matching.urls")),
    path("matching/", include("meetings.urls")),
    # Before allauth's own: sign-up by mobile number without an email address.
    path("_allauth/", include("accounts.headless")),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="core/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Before the admin's own URLs: its login goes through allauth's rate-limited one.
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
