"""API plumbing shared by every app: one error shape for all errors."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular import openapi
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _first_message(detail) -> str:
    """The first human-readable message in a DRF error detail (str, list or dict)."""
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
        return ""
    if isinstance(detail, list | tuple):
        return _first_message(detail[0]) if detail else ""
    return str(detail)


def _first_code(detail, default: str) -> str:
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_code(value, default)
        return default
    if isinstance(detail, list | tuple):
        return _first_code(detail[0], default) if detail else default
    return getattr(detail, "code", None) or default


def _encodable(value):
    """`value` with every lone surrogate written as an escape: an error message that quotes the
    input (a choice field's "“\ud800” is not a valid choice.") must still encode as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
        return value
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(v) for v in value]
    return value


def exception_handler(exc, context):
    """Answer every error as JSON `{"detail": …, "code": …}`.

    Services raise Django's ValidationError, which DRF does not know and would turn into a 500;
    here it becomes a 400. Field errors are also given in full under `errors`.
    """
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
            code = next(
                (e.code for errs in exc.error_dict.values() for e in errs if e.code), "invalid"
            )
            body = {"detail": _first_message(errors), "code": code, "errors": errors}
        else:
            code = next((e.code for e in exc.error_list if e.code), "invalid")
            body = {"detail": " ".join(exc.messages), "code": code}
        return Response(_encodable(body), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        body = {
            "detail": _first_message(detail) or _("Invalid input."),
            "code": _first_code(detail, "invalid"),
        }
        if isinstance(detail, dict):
            body["errors"] = detail
        response.data = body
    elif isinstance(exc, exceptions.APIException):
        response.data = {
            "detail": _first_message(exc.detail),
            "code": _first_code(exc.detail, exc.default_code),
        }
    response.data = _encodable(response.data)
    return response


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error answer (exception_handler)."""

    detail = serializers.CharField(help_text="What went wrong, in the request's language.")
    code = serializers.CharField(help_text="A stable code for programs, e.g. not_found.")
    errors = serializers.DictField(
        required=False, help_text="Validation errors by field, when there are any."
    )


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the error answers every operation may give documented:
    400 (bad input), 401 and 403 (not signed in, or not allowed), 404 (no such object, or not
    yours to see), each in the ErrorSerializer shape. An operation's own entries come first."""

    ERROR_CODES = ("400", "401", "403", "404")

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        for code in self.ERROR_CODES:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, direction=direction
                )
        return responses


@csrf_exempt  # like every API view: it changes nothing, and a POST must get JSON, not a CSRF page
def not_found(request, *args, **kwargs):
    """The API's 404 for an address no route matches, in the one error shape."""
    body = {"detail": str(exceptions.NotFound.default_detail), "code": "not_found"}
    return JsonResponse(body, status=404)
