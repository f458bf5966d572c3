"""The bad-input corpus (issue "Bad input"): hostile and odd values go into every API operation
— each path parameter, each query parameter and each property of each request body, walked from
the OpenAPI schema so that a new endpoint is probed without being listed here — as two kinds of
actor. No answer may be a 5xx, and every error answer is the one JSON shape, encodable as UTF-8.
It lives in the top app, the one whose tests may use every app's factories."""

import json
import re
from urllib.parse import quote

import pytest

from matching.tests.factories import IntroductionFactory
from needs.tests.factories import submitted_need

TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1; DROP TABLE needs_need;--",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "\u202eexe.pdf",
    "\ud800",
    "a\x00b",
    "𠀀𠀁𪚥",
    "",
    " ",
    "x" * 300,
    "长" * 100_000,
    "91370211MA3C7RXX9Y",
    "not-an-email@",
    "+86 138 0000 0000 0000",
    "²",
    "9999-12-31T23:59:59",
    "0000-00-00",
]
NUMBERS = [2**63, 2**64 + 1, 10**30, -1, 0, 1.5, float("1e308")]
ODD = [None, True, [], {}, ["²"], [2**64], [10**30, "abc"], {"a": "\ud800"}]
CORPUS = TEXTS + NUMBERS + ODD
# One field at a time (the others left out, so no earlier field's error hides it): the values
# that broke fields before.
SHARP = ["\ud800", "²", 2**64, "长" * 100_000, None, ["²"], "<script>alert(1)</script>"]
# Already percent-encoded, so that a lone surrogate (%ED%A0%80) can be sent as such.
QUERY_VALUES = [
    "abc",
    str(2**64),
    quote("²"),
    "-1",
    "%00",
    "%ED%A0%80",
    "9999-12-31",
    quote("长" * 5000),
    quote("<b>"),
]
PATH_VALUES = [
    "abc",
    "99999999999999999999999",
    "²",
    "-1",
    "0",
    "1.5",
    "%00",
    "%ED%A0%80",
    "%F0%A0%80%80",
]


@pytest.fixture
def objects(world):
    need = submitted_need(company=world.company, created_by=world.actor("enterprise"))
    intro = IntroductionFactory(need=need, expert=world.expert_profile)
    registration = world.event.registrations.get()
    return {
        "events": world.event.pk,
        "registrations": registration.pk,
        "needs": need.pk,
        "introductions": intro.pk,
        "enterprises": world.company.pk,
        "experts": world.expert_profile.pk,
        "slug": world.host.slug,
    }


def _operations(client):
    schema = client.get("/api/schema/?format=json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            ref = (body or {}).get("schema", {}).get("$ref", "")
            properties = (
                list(schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"])
                if ref
                else []
            )
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            yield method, path, properties, query


def _fill(path: str, objects: dict, value: str | None = None) -> str:
    def one(match):
        if value is not None:
            return value
        name = match.group(1)
        if "slug" in name:
            return objects["slug"]
        if name in {"event_pk", "event_id"}:
            return str(objects["events"])
        before = path[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        return str(objects.get(before, objects["events"]))

    return re.sub(r"\{(\w+)\}", one, path)


def _call(client, method, url, body=None):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def _check(response, failures, label):
    if response.status_code >= 500:
        failures.append((label, response.status_code))
        return
    if response.status_code >= 400 and response.get("Content-Type", "").startswith(
        "application/json"
    ):
        body = response.json()
        if not isinstance(body.get("detail"), str) or not isinstance(body.get("code"), str):
            failures.append((label, "error shape", body))
        response.content.decode("utf-8")  # encodable: no lone surrogate survived


@pytest.mark.slow  # about 2,000 requests
@pytest.mark.parametrize("actor", ["superuser", "enterprise"])
def test_no_hostile_path_parameter_or_body_value_gives_a_5xx(world, objects, client_for, actor):
    client = client_for(world.actor(actor))
    client.raise_request_exception = False  # a 500 is a failure to list, not to stop at
    failures = []
    for method, path, properties, query in _operations(client):
        if method == "delete" and path == "/api/v1/me/":
            continue  # deleting the acting account would end the probe
        if "{" in path:
            for value in PATH_VALUES:
                url = _fill(path, objects, value)
                _check(_call(client, method, url), failures, (method, url))
        url = _fill(path, objects)
        for name in query:
            for value in QUERY_VALUES:
                full = f"{url}?{name}={value}"
                _check(_call(client, method, full), failures, (method, full[:80]))
        for value in CORPUS:
            body = dict.fromkeys(properties, value)
            _check(_call(client, method, url, body), failures, (method, url, repr(value)[:40]))
        for value in SHARP:
            for name in properties:
                _check(
                    _call(client, method, url, {name: value}),
                    failures,
                    (method, url, name, repr(value)[:40]),
                )
    assert failures == []


def test_non_numeric_and_huge_ids_are_404(world, objects, client_for):
    client = client_for(world.actor("superuser"))
    posts = [
        "/api/v1/introductions/abc/accept/",
        "/api/v1/introductions/²/decline/",
        f"/api/v1/introductions/{10**30}/accept/",
        "/api/v1/needs/abc/transitions/",
    ]
    gets = ["/api/v1/needs/abc/", f"/api/v1/needs/{2**64}/", f"/api/v1/events/{2**63}/"]
    statuses = [client.post(url).status_code for url in posts]
    statuses += [client.get(url).status_code for url in gets]
    assert statuses == [404] * 7


def test_lone_surrogate_in_a_choice_is_400_with_an_encodable_message(world, client_for):
    client = client_for(world.actor("enterprise"))
    response = client.post(
        "/api/v1/needs/",
        data=json.dumps(
            {"company": world.company.pk, "title": "膜", "category": "\ud800", "urgency": "\ud800"}
        ),
        content_type="application/json",
    )
    body = json.loads(response.content.decode("utf-8"))
    assert (response.status_code, body["code"], sorted(body["errors"])) == (
        400,
        "invalid_choice",
        ["category", "urgency"],
    )
    assert "\\ud800" in body["errors"]["category"][0]


@pytest.mark.parametrize("kind", ["experts", "needs"])
def test_import_rows_of_hostile_values_are_kept_as_text_or_rejected(world, kind):
    """Every column of both imports, one hostile value at a time: each row is created, updated,
    unchanged or rejected with reasons; none fails."""
    from profiles.importers.run import kinds, run_import

    columns = kinds()[kind].COLUMNS
    base = {
        "experts": {"name": "李明", "email": "li@example.edu.cn"},
        "needs": {"company": "青岛港", "title": "膜污染控制"},
    }[kind]
    rows = []
    for column in columns:
        for value in TEXTS:
            row = dict.fromkeys(columns, "") | base | {column: value}
            rows.append(row | {"_line": len(rows) + 2})
    report = run_import(kind=kind, rows=rows, host=world.host, dry_run=True)
    actions = {row["action"] for row in report.rows}
    assert len(report.rows) == len(rows)
    assert actions <= {"created", "updated", "unchanged", "rejected"}
    assert all(row["errors"] for row in report.rows if row["action"] == "rejected")
