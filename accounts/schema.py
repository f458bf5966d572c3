"""Documents allauth's X-Session-Token scheme in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class XSessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = (
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication"
    )
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "Session token from django-allauth's headless app API "
            "(POST /_allauth/app/v1/auth/login).",
        }
