"""Security headers: the Content-Security-Policy on every kind of page, no inline code in any
template, and Swagger UI that calls no outside host."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/?by=phone", "/api/docs/", "/privacy/"]
)
def test_pages_send_the_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert _policy(response) == POLICY


@pytest.mark.django_db
def test_api_docs_page_has_no_inline_script_or_style(client):
    html = client.get("/api/docs/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/api/docs/?script=",
    ]


@pytest.mark.django_db
def test_api_docs_script_turns_the_validator_badge_off(client):
    response = client.get("/api/docs/", {"script": ""})
    assert response["Content-Type"] == "application/javascript"
    assert 'const swaggerSettings = {\n  "validatorUrl": null\n};' in response.content.decode()


TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE = [
    ("inline script", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)),
    ("style element", re.compile(r"<style\b", re.IGNORECASE)),
    ("style attribute", re.compile(r"\sstyle=", re.IGNORECASE)),
    ("event handler attribute", re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)),
    ("javascript: URL", re.compile(r"javascript:", re.IGNORECASE)),
]


def test_no_template_has_inline_code():
    """The policy allows no inline script or style: every template keeps them in static files."""
    found = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {what}" for what, rx in INLINE if rx.search(text)]
    assert found == []


def test_hsts_preload_is_off_unless_asked_for():
    assert settings.SECURE_HSTS_PRELOAD is False
