"""Settings for running the production layout: the environment file, metrics, emails to
files. Each case runs Django in a fresh process (core/tests/test_settings.py's helpers)."""

import json
import os
import subprocess
import sys

import pytest

from core.tests.test_settings import ROOT, SETTING_VARS, STRONG_KEY

OPERATION_VARS = [
    *SETTING_VARS,
    "DJANGO_ENV_FILE",
    "DJANGO_EMAIL_FILE_PATH",
    "DJANGO_MEDIA_X_ACCEL_PREFIX",
    "DJANGO_BEHIND_PROXY",
    "METRICS_ENABLED",
    "METRICS_ALLOWED_IPS",
    "METRICS_TOKEN",
    "PROMETHEUS_MULTIPROC_DIR",
]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "email_path": getattr(settings, "EMAIL_FILE_PATH", None),
    "x_accel": settings.MEDIA_X_ACCEL_PREFIX,
    "behind_proxy": settings.BEHIND_PROXY,
    "metrics": settings.METRICS_ENABLED,
    "metrics_ips": settings.METRICS_ALLOWED_IPS,
    "first_middleware": settings.MIDDLEWARE[0],
    "last_middleware": settings.MIDDLEWARE[-1],
    "prometheus_app": "django_prometheus" in settings.INSTALLED_APPS,
}))
"""


def run(code: str, *args: str, **env) -> subprocess.CompletedProcess:
    """Python (`-c code`, or `args` when no code) in a fresh process, with none of the
    variables above from this one's environment."""
    base = {k: v for k, v in os.environ.items() if k not in OPERATION_VARS}
    base["DJANGO_SETTINGS_MODULE"] = "forum.settings"
    command = [sys.executable, "-c", code] if code else [sys.executable, *args]
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        command,
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def probe(**env) -> dict:
    result = run(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_metrics_are_off_and_cost_nothing_by_default():
    values = probe()
    assert (values["metrics"], values["prometheus_app"]) == (False, False)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["first_middleware"] == "django.middleware.security.SecurityMiddleware"
    assert values["metrics_ips"] == ["127.0.0.1", "::1"]


def test_metrics_on_instrument_requests_database_and_cache():
    values = probe(
        METRICS_ENABLED="1",
        DATABASE_URL="postgres://yz@db.internal:5432/yizhan",
        REDIS_URL="redis://cache.internal:6379/0",
        METRICS_ALLOWED_IPS="10.0.0.0/8, 127.0.0.1",
    )
    assert values["prometheus_app"] is True
    assert values["first_middleware"] == "django_prometheus.middleware.PrometheusBeforeMiddleware"
    assert values["last_middleware"] == "django_prometheus.middleware.PrometheusAfterMiddleware"
    assert values["engine"] == "django_prometheus.db.backends.postgresql"
    assert values["cache"] == "core.cache.InstrumentedRedisCache"
    assert values["metrics_ips"] == ["10.0.0.0/8", "127.0.0.1"]


def test_metrics_on_with_sqlite_and_local_memory():
    values = probe(METRICS_ENABLED="1")
    assert values["engine"] == "django_prometheus.db.backends.sqlite3"
    assert values["cache"] == "django_prometheus.cache.backends.locmem.LocMemCache"


def test_a_malformed_metrics_address_is_refused():
    result = run(PROBE, METRICS_ALLOWED_IPS="127.0.0.1,intranet")
    assert result.returncode != 0
    assert "METRICS_ALLOWED_IPS: 'intranet' is no address" in result.stderr


def test_email_file_path_writes_emails_to_files(tmp_path):
    values = probe(DJANGO_EMAIL_FILE_PATH=str(tmp_path))
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["email_path"] == str(tmp_path)


def test_the_environment_file_is_read_and_the_environment_wins(tmp_path):
    env_file = tmp_path / "yizhan.env"
    env_file.write_text(
        "DJANGO_DEBUG=0\n"
        f"DJANGO_SECRET_KEY={STRONG_KEY}\n"
        "DJANGO_ALLOWED_HOSTS=forum.example.org\n"
        "DJANGO_MEDIA_X_ACCEL_PREFIX=/_protected_media/\n"
        "DJANGO_BEHIND_PROXY=1\n"
    )
    values = probe(DJANGO_ENV_FILE=str(env_file), DJANGO_ALLOWED_HOSTS="other.example.org")
    assert values["debug"] is False
    assert values["allowed_hosts"] == ["other.example.org"]
    assert values["x_accel"] == "/_protected_media/"
    assert values["behind_proxy"] is True


def test_a_broken_environment_file_is_named(tmp_path):
    env_file = tmp_path / "yizhan.env"
    env_file.write_text("DJANGO_DEBUG=0\nthis is not an assignment\n")
    result = run(PROBE, DJANGO_ENV_FILE=str(env_file))
    assert result.returncode != 0
    assert f"DJANGO_ENV_FILE: {env_file}, line 2: expected NAME=value" in result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_shipped_production_environment(tmp_path):
    """deploy/yizhan.env.example with a real secret key passes `check --deploy`."""
    example = (ROOT / "deploy" / "yizhan.env.example").read_text()
    env_file = tmp_path / "yizhan.env"
    env_file.write_text(
        example.replace("DJANGO_SECRET_KEY=\n", f"DJANGO_SECRET_KEY={STRONG_KEY}\n")
    )
    result = run(
        "",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV_FILE=str(env_file),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
