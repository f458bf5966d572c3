"""Live state kept in the cache (Redis in production), so it holds across worker processes:
tickets, rate limits, mutes, slow mode and presence counts."""

import functools
import secrets
import time

from django.conf import settings
from django.core.cache import caches

TICKET_SECONDS = 60

# One cache client for the whole process: `django.core.cache.cache` is kept per async context,
# so every thread hop of a consumer would build a new client and open a new Redis connection.


@functools.cache
def shared_cache():
    return caches.create_connection("default")


def rate_limit() -> tuple[int, int]:
    """(messages, seconds) a person may store; 0 messages lifts the limit (benchmarks)."""
    return (
        getattr(settings, "CHAT_RATE_LIMIT_COUNT", 5),
        getattr(settings, "CHAT_RATE_LIMIT_SECONDS", 10),
    )


# --- Tickets ---------------------------------------------------------------------------------
def ticket_store(*, user_id: int) -> str:
    ticket = secrets.token_urlsafe(24)
    shared_cache().set(f"chat:ticket:{ticket}", user_id, timeout=TICKET_SECONDS)
    return ticket


def ticket_take(ticket: str) -> int | None:
    """The ticket's user id, once: deleting is what makes it single use across processes."""
    if not ticket or len(ticket) > 100:
        return None
    key = f"chat:ticket:{ticket}"
    user_id = shared_cache().get(key)
    if user_id is None or not shared_cache().delete(key):
        return None
    return user_id


# --- Rate limit, slow mode and mutes: read together, in one round trip --------------------
def _rate_key(user_id: int) -> str:
    return f"chat:rate:{user_id}"


def _last_key(room_key: str, user_id: int) -> str:
    return f"chat:last:{room_key}:{user_id}"


def _slow_key(room_key: str) -> str:
    return f"chat:slow:{room_key}"


def _mute_key(event_id: int, user_id: int) -> str:
    return f"chat:mute:{event_id}:{user_id}"


def post_refusal(*, event_id: int, room_key: str, user_id: int) -> tuple[str | None, list]:
    """("muted" or "rate_limited" or None, the person's recent message times).

    None means the person may store a message now; pass the times on to rate_record.

    The rate limit counts stored messages (see rate_record); slow mode allows one message per
    its seconds on top of it."""
    now = time.time()
    count, seconds = rate_limit()
    keys = [_mute_key(event_id, user_id), _slow_key(room_key), _last_key(room_key, user_id)]
    if count > 0:
        keys.append(_rate_key(user_id))
    values = shared_cache().get_many(keys)
    until = values.get(keys[0])
    recent = [t for t in values.get(_rate_key(user_id), []) if now - t < seconds]
    if until is not None and until > now:
        return "muted", recent
    slow, last = values.get(keys[1], 0), values.get(keys[2])
    if slow and last is not None and now - last < slow:
        return "rate_limited", recent
    if count > 0 and len(recent) >= count:
        return "rate_limited", recent
    return None, recent


def rate_record(*, user_id: int, room_key: str, recent: list) -> None:
    """Count one stored message (only stored messages count); `recent` from post_refusal."""
    now = time.time()
    count, seconds = rate_limit()
    writes = {_last_key(room_key, user_id): now}  # read by slow mode, if a moderator turns it on
    if count > 0:
        writes[_rate_key(user_id)] = [*recent, now][-count:]
    shared_cache().set_many(writes, timeout=max(seconds, 3600) + 1)


def slow_mode_set(room_key: str, seconds: int) -> None:
    if seconds > 0:
        shared_cache().set(_slow_key(room_key), seconds, timeout=None)
    else:
        shared_cache().delete(_slow_key(room_key))


# --- Mutes (per event: a muted person is muted in all its rooms) ----------------------------
def mute_set(*, event_id: int, user_id: int, until: float) -> None:
    timeout = max(1, int(until - time.time()) + 1)
    shared_cache().set(_mute_key(event_id, user_id), until, timeout=timeout)


# --- Presence ---------------------------------------------------------------------------------
def _presence_key(room_key: str) -> str:
    return f"chat:online:{room_key}"


def presence_change(room_key: str, delta: int) -> int:
    key = _presence_key(room_key)
    shared_cache().add(key, 0, timeout=None)
    try:
        return max(0, shared_cache().incr(key, delta))
    except ValueError:  # expired between add and incr
        shared_cache().set(key, max(0, delta), timeout=None)
        return max(0, delta)


def presence_count(room_key: str) -> int:
    return max(0, shared_cache().get(_presence_key(room_key), 0))
