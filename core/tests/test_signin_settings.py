"""Sign-in and security settings from the environment, each case in a fresh process."""

import json

from core.tests.test_settings import STRONG_KEY, run

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "proxy_count": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "ip_header": settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER,
    "proxy_ssl": settings.SECURE_PROXY_SSL_HEADER,
    "hsts_preload": settings.SECURE_HSTS_PRELOAD,
    "sms": settings.SMS_BACKEND,
    "sms_templates": settings.SMS_TEMPLATES,
    "wechat_apps": settings.SOCIALACCOUNT_PROVIDERS["weixin"]["APPS"],
    "form_action": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
}))
"""
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "forum.example.org",
}


def probe(**env) -> dict:
    result = run(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_trust_no_proxy_console_sms_no_wechat():
    values = probe(**PRODUCTION)
    assert values == {
        "proxy_count": 0,
        "ip_header": None,
        "proxy_ssl": None,
        "hsts_preload": False,
        "sms": "console",
        "sms_templates": {"verification_code": ""},
        "wechat_apps": [],
        "form_action": ["'self'"],
    }


def test_behind_a_proxy_trusts_one_proxy_by_default():
    values = probe(**PRODUCTION, DJANGO_BEHIND_PROXY="1")
    assert (values["proxy_count"], values["ip_header"]) == (1, None)
    assert values["proxy_ssl"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_behind_two_proxies_or_a_client_ip_header():
    values = probe(
        **PRODUCTION,
        DJANGO_BEHIND_PROXY="1",
        DJANGO_TRUSTED_PROXY_COUNT="2",
        DJANGO_TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
    )
    assert (values["proxy_count"], values["ip_header"]) == (2, "X-Real-IP")


def test_proxy_settings_are_ignored_when_not_behind_a_proxy():
    values = probe(**PRODUCTION, DJANGO_TRUSTED_PROXY_COUNT="2")
    assert values["proxy_count"] == 0


def test_hsts_preload_is_opt_in():
    assert probe(**PRODUCTION, DJANGO_HSTS_PRELOAD="1")["hsts_preload"] is True


def test_sms_provider_and_template_from_the_environment():
    values = probe(SMS_BACKEND="aliyun", SMS_TEMPLATE_VERIFICATION_CODE="SMS_123456789")
    assert (values["sms"], values["sms_templates"]) == (
        "aliyun",
        {"verification_code": "SMS_123456789"},
    )


def test_wechat_app_from_the_environment_lets_forms_lead_to_wechat():
    values = probe(WECHAT_APP_ID="wx0123456789abcdef", WECHAT_APP_SECRET="s3cret")
    assert values["wechat_apps"] == [{"client_id": "wx0123456789abcdef", "secret": "s3cret"}]
    assert values["form_action"] == ["'self'", "https://open.weixin.qq.com"]


def test_wechat_needs_both_id_and_secret():
    assert probe(WECHAT_APP_ID="wx0123456789abcdef")["wechat_apps"] == []
