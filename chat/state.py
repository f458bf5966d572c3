"""Live state kept in the cache (Redis in production), so it holds across worker processes:
tickets, rate limits, mutes, slow mode and presence counts."""

import secrets
import time

from django.conf import settings
from django.core.cache import cache

TICKET_SECONDS = 60


def rate_limit() -> tuple[int, int]:
    """(messages, seconds) a person may store; 0 messages lifts the limit (benchmarks)."""
    return (
        getattr(settings, "CHAT_RATE_LIMIT_COUNT", 5),
        getattr(settings, "CHAT_RATE_LIMIT_SECONDS", 10),
    )


# --- Tickets ---------------------------------------------------------------------------------
def ticket_store(*, user_id: int) -> str:
    ticket = secrets.token_urlsafe(24)
    cache.set(f"chat:ticket:{ticket}", user_id, timeout=TICKET_SECONDS)
    return ticket


def ticket_take(ticket: str) -> int | None:
    """The ticket's user id, once: deleting is what makes it single use across processes."""
    if not ticket or len(ticket) > 100:
        return None
    key = f"chat:ticket:{ticket}"
    user_id = cache.get(key)
    if user_id is None or not cache.delete(key):
        return None
    return user_id


# --- Rate limit and slow mode ----------------------------------------------------------------
def _rate_key(user_id: int) -> str:
    return f"chat:rate:{user_id}"


def _last_key(room_key: str, user_id: int) -> str:
    return f"chat:last:{room_key}:{user_id}"


def is_rate_limited(*, user_id: int, room_key: str, now: float | None = None) -> bool:
    """Whether storing one more message would pass the limit (or the room's slow mode)."""
    now = now or time.time()
    count, seconds = rate_limit()
    slow = slow_mode_get(room_key)
    if slow:
        last = cache.get(_last_key(room_key, user_id))
        if last is not None and now - last < slow:
            return True
    if count <= 0:
        return False
    recent = [t for t in cache.get(_rate_key(user_id), []) if now - t < seconds]
    return len(recent) >= count


def rate_record(*, user_id: int, room_key: str, now: float | None = None) -> None:
    """Count one stored message; only stored messages count."""
    now = now or time.time()
    count, seconds = rate_limit()
    if count > 0:
        recent = [t for t in cache.get(_rate_key(user_id), []) if now - t < seconds]
        recent.append(now)
        cache.set(_rate_key(user_id), recent[-count:], timeout=seconds + 1)
    slow = slow_mode_get(room_key)
    if slow:
        cache.set(_last_key(room_key, user_id), now, timeout=slow + 1)


def slow_mode_get(room_key: str) -> int:
    return cache.get(f"chat:slow:{room_key}", 0)


def slow_mode_set(room_key: str, seconds: int) -> None:
    if seconds > 0:
        cache.set(f"chat:slow:{room_key}", seconds, timeout=None)
    else:
        cache.delete(f"chat:slow:{room_key}")


# --- Mutes (per event: a muted person is muted in all its rooms) ----------------------------
def mute_set(*, event_id: int, user_id: int, until: float) -> None:
    cache.set(f"chat:mute:{event_id}:{user_id}", until, timeout=max(1, int(until - time.time())))


def muted_until(*, event_id: int, user_id: int) -> float | None:
    until = cache.get(f"chat:mute:{event_id}:{user_id}")
    if until is None or until <= time.time():
        return None
    return until


# --- Presence ---------------------------------------------------------------------------------
def _presence_key(room_key: str) -> str:
    return f"chat:online:{room_key}"


def presence_change(room_key: str, delta: int) -> int:
    key = _presence_key(room_key)
    cache.add(key, 0, timeout=None)
    try:
        return max(0, cache.incr(key, delta))
    except ValueError:  # expired between add and incr
        cache.set(key, max(0, delta), timeout=None)
        return max(0, delta)


def presence_count(room_key: str) -> int:
    return max(0, cache.get(_presence_key(room_key), 0))
