"""Generated requests against the API schema (`make api-fuzz`, part of `make ci-extra`).

Schemathesis reads /api/schema/ and sends each operation up to API_FUZZ_EXAMPLES generated
requests (25 by default; in-process, through the WSGI application), signed in as the owner of a
host with an event, a registration, a need and an introduction. It fails on any 5xx and on any
answer the schema does not describe: an undocumented status code, content type or body.
Not part of `make test` (schemathesis is a test-only dependency, and this takes minutes):
run it with `python -m pytest tools/api_fuzz.py`.
"""

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.conf import settings as django_settings  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from forum.wsgi import application  # noqa: E402

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request through the WSGI application must not close the
    test's database connection when it starts or finishes."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_schema(world, keep_connection):
    from matching.tests.factories import IntroductionFactory
    from needs.tests.factories import submitted_need

    need = submitted_need(company=world.company, created_by=world.actor("enterprise"))
    IntroductionFactory(need=need, expert=world.expert_profile)
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).exclude(
        path="/api/v1/me/",
        method="DELETE",  # it would delete the signed-in account
    )


@pytest.fixture
def signed_in(world, client):
    client.force_login(world.actor("host_owner"))
    csrf = get_random_string(32)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return {
        "Cookie": f"{django_settings.SESSION_COOKIE_NAME}={cookie}; "
        f"{django_settings.CSRF_COOKIE_NAME}={csrf}",
        "X-CSRFToken": csrf,
    }


def test_api_answers_as_documented(api_schema, signed_in):
    """Each operation in turn (a plain loop: schemathesis' pytest plugin does not run under this
    pytest), so that one report lists every operation that failed."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers=signed_in, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as failure:  # report every operation's
            failures.append(f"{operation.label}: {str(failure)[:2000]}")
    assert failures == [], "\n\n".join(failures)  # noqa: S101 -- a test
