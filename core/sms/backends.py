"""SMS senders: console, in-memory, Alibaba Cloud SMS and Tencent Cloud SMS.

The two providers are called through their public HTTP APIs with `requests`, each request
signed as their documentation describes: Alibaba Cloud's RPC signature (version 1.0,
HMAC-SHA1 over the sorted, percent-encoded parameters) for Dysmsapi `SendSms`, and Tencent
Cloud's TC3-HMAC-SHA256 for SMS `SendSms` (API version 2021-01-11). Credentials, the sign
name and template ids come from settings (README, Configuration).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import phonenumbers
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("core.sms")

# Messages the `locmem` sender has "sent", oldest first (tests read codes from here).
outbox: list[SmsMessage] = []


class SmsError(Exception):
    """The provider refused the message or could not be reached."""


@dataclass
class SmsMessage:
    to: str
    template: str
    params: dict[str, str]
    text: str = ""
    extra: dict = field(default_factory=dict)


def render_text(*, template: str, params: dict, language: str) -> str:
    """The message's words, as the recipient would read them (`sms/<template>.txt`)."""
    with translation.override(language):
        context = {"SITE_NAME": str(settings.SITE_NAME), **params}
        return " ".join(render_to_string(f"sms/{template}.txt", context).split())


def mask(number: str) -> str:
    """A number as logs may show it: country code and the last four digits."""
    return number[:3] + "…" + number[-4:]


def _timestamp() -> int:
    return int(time.time())


def _nonce() -> str:
    return uuid.uuid4().hex


class ConsoleBackend:
    """Development: prints each message (and logs it), sends nothing."""

    def send(self, message: SmsMessage) -> str:
        line = f"SMS to {message.to} [{message.template}]: {message.text}"
        sys.stdout.write(line + "\n")
        logger.info(line)
        return "console"


class LocmemBackend:
    """Tests: keeps each message in `outbox`."""

    def send(self, message: SmsMessage) -> str:
        outbox.append(message)
        return f"locmem-{len(outbox)}"


class _HttpBackend:
    provider = ""

    def template_id(self, template: str) -> str:
        template_id = settings.SMS_TEMPLATES.get(template, "")
        if not template_id:
            raise ImproperlyConfigured(
                f"No {self.provider} SMS template id for {template!r}: set SMS_TEMPLATES "
                f"(e.g. SMS_TEMPLATE_VERIFICATION_CODE)."
            )
        return template_id

    def require(self, *names: str) -> None:
        missing = [name for name in names if not getattr(settings, name, "")]
        if missing:
            raise ImproperlyConfigured(f"SMS_BACKEND={self.provider} needs {', '.join(missing)}")

    def post(self, url: str, **kwargs) -> dict:
        try:
            response = requests.post(url, timeout=settings.SMS_TIMEOUT, **kwargs)
            return response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SmsError(f"{self.provider}: {exc.__class__.__name__}") from exc

    def refused(self, to: str, code: str, text: str) -> SmsError:
        logger.error("%s refused an SMS to %s: %s %s", self.provider, mask(to), code, text)
        return SmsError(f"{self.provider}: {code} {text}".strip())


# --- Alibaba Cloud SMS (Dysmsapi) -------------------------------------------------------------


def aliyun_percent_encode(value: str) -> str:
    return quote(str(value), safe="-_.~")


def aliyun_signature(params: dict[str, str], *, secret: str, method: str = "POST") -> str:
    """Alibaba Cloud's RPC signature, version 1.0 (HMAC-SHA1, base64)."""
    canonical = "&".join(
        f"{aliyun_percent_encode(key)}={aliyun_percent_encode(value)}"
        for key, value in sorted(params.items())
    )
    string_to_sign = f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def aliyun_phone_number(to: str) -> str:
    """Mainland numbers as their 11 digits; others with their country code, without "+"."""
    number = phonenumbers.parse(to)
    if number.country_code == 86:
        return str(number.national_number)
    return f"{number.country_code}{number.national_number}"


class AliyunBackend(_HttpBackend):
    provider = "aliyun"

    def request_params(self, message: SmsMessage) -> dict[str, str]:
        """The signed form fields of a SendSms call."""
        self.require("SMS_ALIYUN_ACCESS_KEY_ID", "SMS_ALIYUN_ACCESS_KEY_SECRET", "SMS_SIGN_NAME")
        params = {
            "AccessKeyId": settings.SMS_ALIYUN_ACCESS_KEY_ID,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": aliyun_phone_number(message.to),
            "RegionId": "cn-hangzhou",
            "SignName": settings.SMS_SIGN_NAME,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": _nonce(),
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_id(message.template),
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": datetime.fromtimestamp(_timestamp(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = aliyun_signature(params, secret=settings.SMS_ALIYUN_ACCESS_KEY_SECRET)
        return params

    def send(self, message: SmsMessage) -> str:
        answer = self.post(settings.SMS_ALIYUN_ENDPOINT, data=self.request_params(message))
        if answer.get("Code") != "OK":
            raise self.refused(message.to, answer.get("Code", ""), answer.get("Message", ""))
        return answer.get("BizId", "")


# --- Tencent Cloud SMS ------------------------------------------------------------------------

TENCENT_CONTENT_TYPE = "application/json"


def _hmac_sha256(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def tencent_authorization(
    *,
    secret_id: str,
    secret_key: str,
    host: str,
    payload: bytes,
    timestamp: int,
) -> str:
    """Tencent Cloud's TC3-HMAC-SHA256 Authorization header for a JSON POST to `host`."""
    service = host.split(".", 1)[0]
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    signed_headers = "content-type;host"
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{TENCENT_CONTENT_TYPE}\nhost:{host}\n",
            signed_headers,
            hashlib.sha256(payload).hexdigest(),
        ]
    )
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join(
        [
            "TC3-HMAC-SHA256",
            str(timestamp),
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    secret_date = _hmac_sha256(f"TC3{secret_key}".encode(), date)
    secret_service = _hmac_sha256(secret_date, service)
    secret_signing = _hmac_sha256(secret_service, "tc3_request")
    signature = hmac.new(secret_signing, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )


class TencentBackend(_HttpBackend):
    provider = "tencent"
    action = "SendSms"
    version = "2021-01-11"

    def request_parts(self, message: SmsMessage) -> tuple[dict[str, str], bytes]:
        """The headers and the exact JSON body of a SendSms call."""
        self.require(
            "SMS_TENCENT_SECRET_ID", "SMS_TENCENT_SECRET_KEY", "SMS_TENCENT_SDK_APP_ID",
            "SMS_SIGN_NAME",
        )  # fmt: skip
        payload = json.dumps(
            {
                "PhoneNumberSet": [message.to],
                "SmsSdkAppId": settings.SMS_TENCENT_SDK_APP_ID,
                "SignName": settings.SMS_SIGN_NAME,
                "TemplateId": self.template_id(message.template),
                "TemplateParamSet": list(message.params.values()),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        host = urlsplit(settings.SMS_TENCENT_ENDPOINT).hostname or ""
        timestamp = _timestamp()
        headers = {
            "Authorization": tencent_authorization(
                secret_id=settings.SMS_TENCENT_SECRET_ID,
                secret_key=settings.SMS_TENCENT_SECRET_KEY,
                host=host,
                payload=payload,
                timestamp=timestamp,
            ),
            "Content-Type": TENCENT_CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": self.action,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": self.version,
            "X-TC-Region": settings.SMS_TENCENT_REGION,
        }
        return headers, payload

    def send(self, message: SmsMessage) -> str:
        headers, payload = self.request_parts(message)
        answer = self.post(settings.SMS_TENCENT_ENDPOINT, headers=headers, data=payload)
        response = answer.get("Response", {})
        if "Error" in response:
            error = response["Error"]
            raise self.refused(message.to, error.get("Code", ""), error.get("Message", ""))
        statuses = response.get("SendStatusSet") or [{}]
        status = statuses[0]
        if status.get("Code") != "Ok":
            raise self.refused(message.to, status.get("Code", ""), status.get("Message", ""))
        return status.get("SerialNo", "")
