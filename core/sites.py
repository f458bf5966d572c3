"""The site's own address, for every absolute link: emails, calendar files and feeds, the API's
links and shared pages' images.

One rule everywhere: `DJANGO_SITE_URL` when it is set (the address the operator declared, the
same for every reader); otherwise the address the current request came to (scheme and host,
checked against ALLOWED_HOSTS by `request.get_host()`); outside a request (timed jobs, a worker
sending queued mail) the development default. Mail is rendered later by a worker, so
`core.mail.mail_queue` freezes the address when the mail is queued.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_SITE_URL = "http://127.0.0.1:8000"

_request_origin: ContextVar[str | None] = ContextVar("yizhan_request_origin", default=None)


def site_url() -> str:
    """The site's address without a trailing slash, e.g. "https://forum.example.org"."""
    return settings.SITE_URL or _request_origin.get() or DEFAULT_SITE_URL


def absolute_url(path: str) -> str:
    """`path` (starting with "/") on the site's address."""
    return site_url() + path


def site_domain() -> str:
    """A stable host name for identifiers (calendar UIDs): the declared address's, never a
    request's, so that a calendar sees the same UID from every address it fetched."""
    return urlsplit(settings.SITE_URL or DEFAULT_SITE_URL).hostname or "yizhan.local"


class SiteURLMiddleware:
    """Remember the address of the current request for `site_url()` while it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
