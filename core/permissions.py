"""Who may read what the platform exposes to operators (predicates; views name them)."""

import hmac
import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The address the request came from, by the rule the sign-in rate limits use (allauth's
    ALLAUTH_TRUSTED_* settings, set from DJANGO_BEHIND_PROXY): a header the proxy sets, or
    the entry of X-Forwarded-For that the last trusted proxy appended (entries before it are
    whatever the client wrote and are not trusted); without a proxy, the socket's address."""
    header = getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
    if header:
        return (request.headers.get(header) or "").strip()
    count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.headers.get("x-forwarded-for", "")
    if count > 0 and forwarded:
        entries = forwarded.split(",")
        return entries[-count].strip() if len(entries) >= count else ""
    return request.META.get("REMOTE_ADDR", "")


def address_allowed(address: str, allowed: list[str]) -> bool:
    """Whether `address` is one of `allowed` (addresses or networks such as 10.0.0.0/8)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def can_read_metrics(request) -> bool:
    """Metrics are on (METRICS_ENABLED) and the request bears METRICS_TOKEN as a bearer token
    or comes from an address in METRICS_ALLOWED_IPS."""
    if not settings.METRICS_ENABLED:
        return False
    token = settings.METRICS_TOKEN
    scheme, _sep, given = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
        return True
    return address_allowed(client_address(request), settings.METRICS_ALLOWED_IPS)
