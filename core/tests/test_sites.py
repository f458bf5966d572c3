"""One site address for every absolute link: DJANGO_SITE_URL when set, else the request's
(the pages, API and calendar files: events/tests/test_site_address.py)."""

import pytest
from django.core import mail
from django.http import HttpResponse

from core.mail import mail_queue
from core.sites import DEFAULT_SITE_URL, SiteURLMiddleware, absolute_url, site_domain, site_url

pytestmark = pytest.mark.django_db


def test_outside_a_request_the_default_address_is_used(settings):
    settings.SITE_URL = ""
    assert (site_url(), absolute_url("/x/")) == (DEFAULT_SITE_URL, DEFAULT_SITE_URL + "/x/")


def test_calendar_uids_keep_the_declared_domain_whatever_the_request(settings):
    settings.SITE_URL = ""
    assert site_domain() == "127.0.0.1"
    settings.SITE_URL = "https://forum.example.org"
    assert site_domain() == "forum.example.org"


def test_mail_queued_in_a_request_keeps_its_address_for_the_worker(
    rf, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["forum.example.org"]

    def view(request):
        mail_queue(
            to="a@example.org",
            template="needs/email/need_status",
            context={"status": "closed", "title": "需求", "url": "/profiles/needs/1/"},
        )
        return HttpResponse("ok")

    request = rf.get("/", HTTP_HOST="forum.example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        SiteURLMiddleware(view)(request)
    assert site_url() == DEFAULT_SITE_URL  # the request is over, the mail not sent yet
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert "http://forum.example.org/profiles/needs/1/" in mail.outbox[0].body
