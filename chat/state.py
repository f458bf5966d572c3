"""Live state kept in the cache (Redis in production), so it holds across worker processes:
tickets, rate limits, presence counts, and a copy of the mutes and slow modes.

Mutes and slow modes are kept in the database (chat.models.Mute, SlowMode); the cache holds a
copy for the hot path, written after each change and read in the same round trip as the rate
limit. When the copy is missing (a Redis restart, an eviction, after COPY_SECONDS) it is loaded
from the database again, so a restart of Redis lifts no mute and no slow mode."""

import functools
import secrets
import time

from django.conf import settings
from django.core.cache import caches

TICKET_SECONDS = 60
COPY_SECONDS = 300  # how long a copy of the mutes or slow mode is trusted before a reload

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


def _mutes_key(event_id: int) -> str:
    return f"chat:mutes:{event_id}"


def post_refusal(
    *, event_id: int, room_key: str, user_id: int, load_mutes, load_slow
) -> tuple[str | None, list]:
    """("muted" or "rate_limited" or None, the person's recent message times).

    None means the person may store a message now; pass the times on to rate_record.
    `load_mutes()` ({user id: until timestamp} of the event) and `load_slow()` (the room's
    seconds, 0 for none) read the database when the cache has no copy.

    The rate limit counts stored messages (see rate_record); slow mode allows one message per
    its seconds on top of it."""
    now = time.time()
    count, seconds = rate_limit()
    keys = [_mutes_key(event_id), _slow_key(room_key), _last_key(room_key, user_id)]
    if count > 0:
        keys.append(_rate_key(user_id))
    values = shared_cache().get_many(keys)
    mutes = values.get(keys[0])
    if mutes is None:
        mutes = mutes_store(event_id=event_id, mutes=load_mutes())
    slow = values.get(keys[1])
    if slow is None:
        slow = slow_mode_store(room_key=room_key, seconds=load_slow())
    recent = [t for t in values.get(_rate_key(user_id), []) if now - t < seconds]
    until = mutes.get(user_id)
    if until is not None and until > now:
        return "muted", recent
    last = values.get(keys[2])
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


def slow_mode_store(*, room_key: str, seconds: int) -> int:
    """Copy a room's slow mode (0: off) from the database into the cache."""
    shared_cache().set(_slow_key(room_key), seconds, timeout=COPY_SECONDS)
    return seconds


def mutes_store(*, event_id: int, mutes: dict) -> dict:
    """Copy an event's mutes ({user id: until timestamp}) from the database into the cache."""
    shared_cache().set(_mutes_key(event_id), mutes, timeout=COPY_SECONDS)
    return mutes


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
