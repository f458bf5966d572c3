"""Settings come from the environment: each case runs Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts a Python process that loads the settings.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-Yizhan-production-secret-key-0123456789-abcdefghijklmnopq"

PROBE = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "pool": bool(db.get("OPTIONS", {}).get("pool")),
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "verification": settings.ACCOUNT_EMAIL_VERIFICATION,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "allowed_hosts": settings.ALLOWED_HOSTS,
}))
"""

SETTING_VARS = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_EMAIL_HOST",
    "ACCOUNT_EMAIL_VERIFICATION",
]


def run(code: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in SETTING_VARS}
    base["DJANGO_SETTINGS_MODULE"] = "forum.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def probe(**env) -> dict:
    result = run(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_in_memory_layer_console_mail():
    values = probe()
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["channel_layer"] == "channels.layers.InMemoryChannelLayer"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["verification"] == "optional"


def test_database_url_postgres_uses_psycopg_with_a_pool():
    values = probe(DATABASE_URL="postgres://yz:secret@db.internal:5432/yizhan")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "yizhan"
    assert values["pool"] is True


def test_database_url_sqlite_path():
    values = probe(DATABASE_URL="sqlite:////var/lib/yizhan/forum.sqlite3")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == "/var/lib/yizhan/forum.sqlite3"


def test_redis_url_selects_redis_layer_and_cache():
    values = probe(REDIS_URL="redis://cache.internal:6379/0")
    assert values["channel_layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    # Django's RedisCache, falling back to each process's memory while Redis is down.
    assert values["cache"] == "core.cache.FallbackRedisCache"


def test_email_host_selects_smtp():
    values = probe(DJANGO_EMAIL_HOST="smtp.example.org")
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_requires_a_secret_key():
    result = run(PROBE, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_makes_verification_mandatory_and_redirects_to_https():
    values = probe(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="forum.example.org"
    )
    assert values["debug"] is False
    assert values["verification"] == "mandatory"
    assert values["ssl_redirect"] is True
    assert values["allowed_hosts"] == ["forum.example.org"]


def test_plain_http_intranet_can_turn_the_https_redirect_off():
    values = probe(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_SECURE_SSL_REDIRECT="0")
    assert values["ssl_redirect"] is False


def test_a_malformed_boolean_is_refused():
    result = run(PROBE, DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_check_deploy_is_clean_in_production():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in SETTING_VARS},
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": STRONG_KEY,
            "DJANGO_ALLOWED_HOSTS": "forum.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
