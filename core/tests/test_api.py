import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView


class RaisesServiceError(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def post(self, request):
        raise ValidationError("The event is full.", code="event_full")


class RaisesFieldErrors(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def post(self, request):
        raise ValidationError({"role": ValidationError("Choose a role.", code="invalid_role")})


class Input(serializers.Serializer):
    role = serializers.ChoiceField(choices=["expert", "guest"])


class ValidatesInput(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def post(self, request):
        Input(data=request.data).is_valid(raise_exception=True)


@pytest.fixture
def rf():
    return APIRequestFactory()


def test_service_validation_error_is_400_with_detail_and_code(rf):
    response = RaisesServiceError.as_view()(rf.post("/x", {}, format="json"))
    assert response.status_code == 400
    assert response.data == {"detail": "The event is full.", "code": "event_full"}


def test_service_field_errors_are_400_with_errors(rf):
    response = RaisesFieldErrors.as_view()(rf.post("/x", {}, format="json"))
    assert response.status_code == 400
    assert response.data == {
        "detail": "Choose a role.",
        "code": "invalid_role",
        "errors": {"role": ["Choose a role."]},
    }


def test_serializer_error_keeps_the_same_shape(rf):
    with translation.override("en"):
        response = ValidatesInput.as_view()(rf.post("/x", {"role": "pilot"}, format="json"))
    assert response.status_code == 400
    assert response.data["code"] == "invalid_choice"
    assert response.data["detail"] == '"pilot" is not a valid choice.'
    assert list(response.data["errors"]) == ["role"]


@pytest.mark.django_db
def test_unknown_object_is_404_json(client):
    response = client.get("/api/v1/events/987654/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.django_db
def test_anonymous_me_is_403_json(client):
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_schema_is_openapi_3_json(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/events/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["sessionToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Session-Token",
        "description": schema["components"]["securitySchemes"]["sessionToken"]["description"],
    }


@pytest.mark.django_db
def test_schema_defaults_to_yaml(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


@pytest.mark.django_db
def test_api_docs_load_only_our_own_static_files(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html


@pytest.fixture
def schema(client, db):
    return client.get("/api/schema/?format=json").json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, path, operation


def test_schema_documents_the_error_answers_of_every_operation(schema):
    error = {"$ref": "#/components/schemas/Error"}
    undocumented = [
        (method, path, code)
        for method, path, operation in _operations(schema)
        for code in ("400", "401", "403", "404")
        if operation["responses"]
        .get(code, {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
        != error
    ]
    assert undocumented == []
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "detail"]


def test_schema_matches_what_the_api_answers(schema):
    """Mismatches schemathesis found: a company's parent may be null; approving several
    registrations answers a plain list, not a page."""
    approve = schema["paths"]["/api/v1/events/{event_pk}/registrations/approve/"]["post"]
    assert schema["components"]["schemas"]["Company"]["properties"]["parent"]["nullable"] is True
    assert approve["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/RegistrationStaff"},
    }
    assert list(schema["paths"]["/api/v1/chat/tickets/"]["post"]["responses"])[0] == "201"


@pytest.mark.parametrize(
    "url", ["/api/v1/desk/%F2%B3%B9%AB%0E/figures/", "/api/v1/hosts/%C3%9F%0A/events/"]
)
def test_unknown_api_address_is_404_json(client, db, url):
    response = client.get(url)
    assert (response.status_code, response["Content-Type"], response.json()) == (
        404,
        "application/json",
        {"detail": "未找到。", "code": "not_found"},
    )
