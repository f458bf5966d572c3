"""Text messages (SMS), sent in the background after the transaction that caused them commits.

Every app sends its texts through `sms_send`:

    from core.sms import sms_send
    sms_send(to="+8613800138000", template="verification_code", params={"code": "123456"})

Chinese SMS providers send only templates they approved beforehand, so a message is a
template and its parameters, never free text. `template` is our name for one;
settings.SMS_TEMPLATES maps it to the provider's template id. `params` fill the template's
variables: by name at Alibaba Cloud, by position (the dict's order) at Tencent Cloud. The words
the console and in-memory senders show come from `templates/sms/<template>.txt`, rendered in
the recipient's language: keep them the same as the template approved at the provider.

settings.SMS_BACKEND chooses the sender (core/sms/backends.py): `console` (the default: prints
and logs each message), `locmem` (keeps them in `core.sms.outbox`, like django.core.mail.outbox),
`aliyun` or `tencent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task

from core.sms.backends import SmsError, SmsMessage, outbox, render_text

__all__ = ["SmsError", "SmsMessage", "get_backend", "outbox", "sms_send", "send_sms_now"]

BACKENDS = {
    "console": "core.sms.backends.ConsoleBackend",
    "locmem": "core.sms.backends.LocmemBackend",
    "aliyun": "core.sms.backends.AliyunBackend",
    "tencent": "core.sms.backends.TencentBackend",
}


def get_backend():
    """The sender settings.SMS_BACKEND names (a name above or a dotted path)."""
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()


def send_sms_now(*, to: str, template: str, params: dict, language: str = "") -> str:
    """Send one message at once and return the provider's id for it; raises SmsError."""
    language = language or settings.LANGUAGE_CODE
    message = SmsMessage(
        to=to,
        template=template,
        params={key: str(value) for key, value in params.items()},
        text=render_text(template=template, params=params, language=language),
    )
    return get_backend().send(message)


@task()
def send_sms(*, to: str, template: str, params: dict, language: str) -> str:
    return send_sms_now(to=to, template=template, params=params, language=language)


def sms_send(*, to: str, template: str, params: dict, language: str = "") -> None:
    """Queue a text to `to` (a number in E.164 form, +8613800138000) for after the current
    transaction commits; nothing is sent if it rolls back. Values of `params` are sent as
    text. A provider's refusal is logged by the background task, not raised here."""
    if not to.startswith("+"):
        raise ValueError(f"SMS numbers are stored in E.164 form (+86…), not {to!r}")
    params = {key: str(value) for key, value in params.items()}
    language = language or settings.LANGUAGE_CODE

    def enqueue():
        send_sms.enqueue(to=to, template=template, params=params, language=language)

    transaction.on_commit(enqueue)
