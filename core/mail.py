"""Email, sent in the background after the transaction that caused it commits.

Templates come in pairs, `<name>_subject.txt` and `<name>_message.txt`, rendered in the
recipient's language. The context must be plain JSON values (strings, numbers, lists, dicts):
the database task backend stores it; so must attachments, as {"filename", "content" (text),
"mimetype"}. The site's address (`SITE_URL` in every template) is taken when the mail is
queued, so a mail queued while answering a request links to the address it came to
(core/sites.py).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.sites import site_url


def render_mail(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of a mail template in `language`."""
    context = {"SITE_URL": site_url(), "SITE_NAME": str(settings.SITE_NAME), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
    subject = " ".join(subject.split())
    return subject, body


@task()
def send_templated_mail(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    attachments: list[dict] | None = None,
) -> int:
    subject, body = render_mail(template=template, context=context, language=language)
    message = EmailMessage(subject, body, None, to)
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message.send()


def mail_queue(
    *,
    to: str | list[str] | None,
    template: str,
    context: dict,
    language: str = "",
    attachments: list[dict] | None = None,
) -> None:
    """Queue a templated email for after the current transaction commits (nothing on rollback),
    with optional text `attachments` ({"filename", "content", "mimetype"})."""
    # People who signed up with a mobile number or WeChat may have no address (None).
    recipients = [r for r in ([to] if isinstance(to, str) or to is None else to) if r]
    if not recipients:
        return
    language = language or settings.LANGUAGE_CODE
    context = {"SITE_URL": site_url(), **context}

    def enqueue():
        send_templated_mail.enqueue(
            to=recipients,
            template=template,
            context=context,
            language=language,
            attachments=attachments or [],
        )

    transaction.on_commit(enqueue)
