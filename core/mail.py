"""Email, sent in the background after the transaction that caused it commits.

Templates come in pairs, `<name>_subject.txt` and `<name>_message.txt`, rendered in the
recipient's language. The context must be plain JSON values (strings, numbers, lists, dicts):
the database task backend stores it.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def render_mail(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of a mail template in `language`."""
    context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": str(settings.SITE_NAME), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
    subject = " ".join(subject.split())
    return subject, body


@task()
def send_templated_mail(*, to: list[str], template: str, context: dict, language: str) -> int:
    subject, body = render_mail(template=template, context=context, language=language)
    return send_mail(subject, body, None, to)


def mail_queue(
    *, to: str | list[str] | None, template: str, context: dict, language: str = ""
) -> None:
    """Queue a templated email for after the current transaction commits (nothing on rollback)."""
    # People who signed up with a mobile number or WeChat may have no address (None).
    recipients = [r for r in ([to] if isinstance(to, str) or to is None else to) if r]
    if not recipients:
        return
    language = language or settings.LANGUAGE_CODE

    def enqueue():
        send_templated_mail.enqueue(
            to=recipients, template=template, context=context, language=language
        )

    transaction.on_commit(enqueue)
