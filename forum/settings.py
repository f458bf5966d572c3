"""Yizhan settings: one module, read from the environment, with safe development defaults.

Every variable is listed in README.md and .env.example.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.envfile import EnvFileError, read_env_file

BASE_DIR = Path(__file__).resolve().parent.parent

# One environment file for every process (systemd's EnvironmentFile format, deploy/): the
# services get it from systemd; an operator's `manage.py` names it here. Variables already set
# (and not empty) win.
if os.environ.get("DJANGO_ENV_FILE"):
    try:
        for _name, _value in read_env_file(os.environ["DJANGO_ENV_FILE"]).items():
            if not os.environ.get(_name):
                os.environ[_name] = _value
    except (OSError, EnvFileError) as _exc:
        raise ImproperlyConfigured(f"DJANGO_ENV_FILE: {_exc}") from _exc


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = "dev-only-not-secret-yizhan-7f3b1c9e2a4d6f8b0c1e3a5d7f9b2c4e6a8d0f1b"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.weixin",
    "allauth.headless",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Our apps, in layer order: each may import only those above it.
    # seed_demo calls their demo hooks in this order.
    "core",
    "accounts",
    "hosts",
    "profiles",
    "needs",
    "events",
    "matching",
    "meetings",
    "chat",
    "outcomes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.sites.SiteURLMiddleware",
    "core.wechat.WeChatDownloadMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AllauthErrorsMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"
ASGI_APPLICATION = "forum.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "hosts.context_processors.navigation",
                "matching.context_processors.introductions",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Without DATABASE_URL: SQLite in the project folder. postgres://… uses psycopg 3 with its pool.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
if _db["ENGINE"] == "django.db.backends.postgresql":
    if env_bool("DATABASE_POOL", True):
        _db.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
            "timeout": 10,
        }
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    # A file-backed test database lets live-server (browser) tests share it across threads.
    _db.setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    _db["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache ---------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Pub/sub: a group message is pushed to each subscribed process in one PUBLISH, instead of
    # one list per channel polled message by message (chat rooms fan out per process).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "yizhan"},
        }
    }
    # While Redis is down each process falls back to its own memory: pages and sign-in keep
    # working and rate limits keep counting (per process); see core/cache.py.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yizhan",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# People sign in with an email address or a mobile number (password, or a code sent to either).
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
# "email*" for allauth's checks (mandatory verification needs it): our sign-up form asks for the
# email address *or* the mobile number, and an account with a number only is verified by SMS
# (accounts/forms.py, accounts/stages.py).
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*"]
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "signup": "accounts.allauth_forms.EmailOrPhoneSignupForm",
    "login": "accounts.allauth_forms.LoginForm",
    "request_login_code": "accounts.allauth_forms.RequestLoginCodeForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Codes sent by SMS: six digits, as the SMS providers' verification templates expect.
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
# Mobile numbers without a country code are read as numbers of this region (ISO 3166 code).
PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "CN")
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:onboarding"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's defaults, in the cache, with the ones that send an SMS made stricter: each text costs
# money and lands on someone's phone, so both the number and the sender's address are limited.
ACCOUNT_RATE_LIMITS = {
    "verify_phone": "1/m/key,5/h/key,10/h/ip",
    "request_login_code": "20/h/ip,3/m/key,10/h/key",
    "change_phone": "1/m/user,5/h/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[驿站 Yizhan] "
HEADLESS_CLIENTS = ("app", "browser")
HEADLESS_SERVE_SPECIFICATION = False
PRIVACY_NOTICE_VERSION = "2026-11"

# WeChat login (an open-platform website app): offered only when both are set. The provider
# app comes from here, not from the database.
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = os.environ.get("WECHAT_APP_SECRET", "")
SOCIALACCOUNT_PROVIDERS = {
    "weixin": {
        "APPS": (
            [{"client_id": WECHAT_APP_ID, "secret": WECHAT_APP_SECRET}]
            if WECHAT_APP_ID and WECHAT_APP_SECRET
            else []
        ),
        "SCOPE": ["snsapi_login"],
    }
}
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
# WeChat sharing (an official account, 公众号, with this site as a JS interface safe domain):
# pages opened inside WeChat set their share title, description and image through the JS-SDK
# when both are set (core/wechat.py).
WECHAT_MP_APP_ID = os.environ.get("WECHAT_MP_APP_ID", "")
WECHAT_MP_APP_SECRET = os.environ.get("WECHAT_MP_APP_SECRET", "")
# A WeChat sign-up still shows the sign-up form, for the privacy consent; WeChat gives no email.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False

# --- SMS --------------------------------------------------------------------------------------
# console (printed and logged), locmem (kept in core.sms.outbox, for tests), aliyun or tencent.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
# Our template names → the provider's approved template ids (TemplateCode / TemplateId).
SMS_TEMPLATES = {
    "verification_code": os.environ.get("SMS_TEMPLATE_VERIFICATION_CODE", ""),
    # Outcome surveys (variables `event` or `counterpart`, and `link`).
    "outcome_feedback": os.environ.get("SMS_TEMPLATE_OUTCOME_FEEDBACK", ""),
    "outcome_followup": os.environ.get("SMS_TEMPLATE_OUTCOME_FOLLOWUP", ""),
}
SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("SMS_ALIYUN_ACCESS_KEY_ID", "")
SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("SMS_ALIYUN_ACCESS_KEY_SECRET", "")
SMS_ALIYUN_ENDPOINT = os.environ.get("SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
SMS_TENCENT_SECRET_ID = os.environ.get("SMS_TENCENT_SECRET_ID", "")
SMS_TENCENT_SECRET_KEY = os.environ.get("SMS_TENCENT_SECRET_KEY", "")
SMS_TENCENT_SDK_APP_ID = os.environ.get("SMS_TENCENT_SDK_APP_ID", "")
SMS_TENCENT_REGION = os.environ.get("SMS_TENCENT_REGION", "ap-guangzhou")
SMS_TENCENT_ENDPOINT = os.environ.get("SMS_TENCENT_ENDPOINT", "https://sms.tencentcloudapi.com/")
SMS_TIMEOUT = 10

# --- Email ------------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
elif os.environ.get("DJANGO_EMAIL_FILE_PATH"):
    # Each email as a file in this folder: an intranet without a mail server, or a check.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["DJANGO_EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "驿站 Yizhan <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -------------------------------------------------------------------------
# Immediate in development and tests; in production set TASKS_BACKEND=database and run
# `python manage.py db_worker` beside the web processes (see docs/deployment.md).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

# Introductions: days a request waits for an answer, and pending requests a person may have.
INTRODUCTION_EXPIRY_DAYS = env_int("INTRODUCTION_EXPIRY_DAYS", 7)
INTRODUCTION_PENDING_CAP = env_int("INTRODUCTION_PENDING_CAP", 10)

# Outcome surveys (send_outcome_surveys): attendees of events that ended in the last
# OUTCOME_FEEDBACK_WINDOW_DAYS are asked for feedback; OUTCOME_FOLLOWUP_DAYS after an accepted
# introduction or a held meeting both sides are asked what came of it (pairs up to
# OUTCOME_FOLLOWUP_WINDOW_DAYS older than that are still asked, so a missed run loses nobody).
OUTCOME_FEEDBACK_WINDOW_DAYS = env_int("OUTCOME_FEEDBACK_WINDOW_DAYS", 14)
OUTCOME_FOLLOWUP_DAYS = env_int("OUTCOME_FOLLOWUP_DAYS", 182)
OUTCOME_FOLLOWUP_WINDOW_DAYS = env_int("OUTCOME_FOLLOWUP_WINDOW_DAYS", 60)
# How long a survey's signed link stays valid.
OUTCOME_LINK_DAYS = env_int("OUTCOME_LINK_DAYS", 60)

# The site's address for absolute links (emails, calendar files and feeds, the API, shared
# pages). Empty: the address each request came to, or http://127.0.0.1:8000 outside a request
# (core/sites.py).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Shown when no event gives its own zone; stored values are always UTC.
TIME_ZONE = "Asia/Shanghai"

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# The largest expert or need file the import page takes; a request declaring a larger body is
# refused before it is read. Keep nginx's client_max_body_size above it (docs/deployment.md).
IMPORT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Behind nginx: private files (session materials) leave through the checked view as an
# X-Accel-Redirect to this internal location, so nginx sends the bytes (deploy/nginx/).
# Empty: the view sends the file itself.
MEDIA_X_ACCEL_PREFIX = os.environ.get("DJANGO_MEDIA_X_ACCEL_PREFIX", "")

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "core.api.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Yizhan API",
    "DESCRIPTION": "Events, registrations, experts, companies, needs and matching for "
    "expert–enterprise forums. Authenticate with the browser session or with django-allauth's "
    "session token in the X-Session-Token header (see /_allauth/app/v1/).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # The validator badge would send the schema's address to an outside host.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "EXTENSIONS_INFO": {},
    # Several models have "status" or "role" choices; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "HostStatusEnum": "hosts.models.Host.Status",
        "EventStatusEnum": "events.models.Event.Status",
        "RegistrationStatusEnum": "events.models.Registration.Status",
        "RegistrationRoleEnum": "events.models.Registration.Role",
        "UserRoleEnum": "accounts.models.UserRole",
        "NeedStatusEnum": "needs.models.Need.Status",
        "NeedVisibilityEnum": "needs.models.Need.Visibility",
        "IntroductionStatusEnum": "matching.models.Introduction.Status",
    },
}

# --- Security ---------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Behind a reverse proxy that sets X-Forwarded-Proto and appends the client's address to
# X-Forwarded-For (deploy/nginx/).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# allauth's rate limits (logins, codes, SMS) key on the client's address: behind a proxy that
# is the last address the proxies we run appended to X-Forwarded-For, or a header they set.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1) if BEHIND_PROXY else 0
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    os.environ.get("DJANGO_TRUSTED_CLIENT_IP_HEADER") or None if BEHIND_PROXY else None
)
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preloading is hard to undo (browsers ship the list for months): only on request. Django's
# deploy check then only says the site cannot be submitted to the list, which is the point.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script and style comes from our own static files: no inline code, no outside host
# (STYLE.md rule 12). WeChat's login page is the one place a form may lead elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF, "data:"],
        "font-src": [csp_constants.SELF, "data:"],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF]
        + (["https://open.weixin.qq.com"] if SOCIALACCOUNT_PROVIDERS["weixin"]["APPS"] else []),
        "frame-ancestors": [csp_constants.NONE],
    }
}
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-tasks logs every task's start and end at INFO; keep its warnings and errors.
    "loggers": {"jieba": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

# Product settings
SITE_NAME = _("Yizhan")
DEFAULT_EVENT_TIMEZONE = "Asia/Shanghai"
# Live chat: messages (and questions) a person may store per this many seconds; 0 lifts it.
CHAT_RATE_LIMIT_COUNT = env_int("CHAT_RATE_LIMIT_COUNT", 5)
CHAT_RATE_LIMIT_SECONDS = env_int("CHAT_RATE_LIMIT_SECONDS", 10)
# The door: short codes one staff member may try per this many seconds; 0 lifts it.
CHECK_IN_SHORT_CODE_COUNT = env_int("CHECK_IN_SHORT_CODE_COUNT", 30)
CHECK_IN_SHORT_CODE_SECONDS = env_int("CHECK_IN_SHORT_CODE_SECONDS", 60)
# WebSocket frames and messages are capped at 64 KiB: by runserver's daphne here, by uvicorn's
# --ws-max-size 65536 in production, and by the chat consumer itself (chat/frames.py).
DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE = DAPHNE_WEBSOCKET_MAX_FRAME_SIZE = 64 * 1024

# --- Metrics for operators (docs/deployment.md, "Metrics") ----------------------------------
# Off by default. On: Prometheus metrics at /metrics for requests, database, cache, channel
# layer, task queue and chat rooms, answered only to METRICS_ALLOWED_IPS or to a request
# bearing METRICS_TOKEN. Several processes (gunicorn and uvicorn workers) share their figures
# through the folder PROMETHEUS_MULTIPROC_DIR, set in the environment before they start.
METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
for _entry in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_entry, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {_entry!r} is no address") from _exc
if METRICS_ENABLED:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE,
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]
    _INSTRUMENTED = {
        "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
        "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
        "core.cache.FallbackRedisCache": "core.cache.InstrumentedRedisCache",
        "django.core.cache.backends.locmem.LocMemCache": (
            "django_prometheus.cache.backends.locmem.LocMemCache"
        ),
    }
    _db["ENGINE"] = _INSTRUMENTED[_db["ENGINE"]]
    CACHES["default"]["BACKEND"] = _INSTRUMENTED[CACHES["default"]["BACKEND"]]
