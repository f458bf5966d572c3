"""Extension points for the apps above events (matching, chat), which events must not import.

An app registers in its `AppConfig.ready()`:
- `register_calendar_items(fn)`: `fn(user, events)` yields `CalendarItem`s added to that
  person's private calendar feed (their meetings, say);
- `register_event_block(fn)`: `fn(request, event)` returns HTML (already escaped, e.g. from
  `render_to_string`) shown on the event page, or "".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # unique and stable, e.g. "meeting-12"
    event_id: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    cancelled: bool = False


_calendar_item_providers: list[Callable] = []
_event_blocks: list[Callable] = []


def register_calendar_items(fn: Callable) -> Callable:
    if fn not in _calendar_item_providers:
        _calendar_item_providers.append(fn)
    return fn


def register_event_block(fn: Callable) -> Callable:
    if fn not in _event_blocks:
        _event_blocks.append(fn)
    return fn


def calendar_items(user, events) -> list[CalendarItem]:
    items: list[CalendarItem] = []
    for provider in _calendar_item_providers:
        items.extend(provider(user, events))
    return items


def event_blocks(request, event) -> list[SafeString]:
    blocks: Iterable[str] = (block(request, event) for block in _event_blocks)
    return [mark_safe(html) for html in blocks if html]  # noqa: S308 - providers escape
