"""Dates, times and time ranges as people read them, in the active language (zh-Hans or en)
and the event's time zone, through Babel's CLDR data: one date format per language
(「2025年3月21日」, "Mar 21, 2025"), the language's own clock (14:30, 2:30 PM) and its own way of
writing a range (`babel.dates.format_interval`).

Exports, API messages and stored records (the change history) keep an unambiguous
"2025-03-21 14:30" instead (`local_iso`).
"""

import datetime as dt
import functools
import zoneinfo

from babel import Locale
from babel.dates import format_interval, format_skeleton, format_time
from django.utils.translation import get_language, to_locale

DATE_SKELETON = "yMMMd"


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (ValueError, LookupError):
        return Locale.parse("zh_Hans")


def _current_locale() -> Locale:
    return _locale(get_language() or "zh-hans")


@functools.cache
def _zone(tz: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _local(value: dt.datetime, tz: str) -> dt.datetime:
    """`value` in the zone `tz`; in UTC when the zone would carry it past year 9999."""
    try:
        return value.astimezone(_zone(tz))
    except OverflowError:
        return value.astimezone(dt.UTC)


def _time_skeleton(locale: Locale) -> str:
    """The language's clock: "hm" (2:30 PM) where its short time uses 12 hours, else "Hm"."""
    return "hm" if "h" in locale.time_formats["short"].pattern else "Hm"


def _date_and_time(date: str, time: str, locale: Locale) -> str:
    return locale.datetime_formats["short"].replace("{1}", date).replace("{0}", time)


def local_date(value: dt.datetime, tz: str) -> str:
    """The day of `value` in the event's zone, e.g. 「2025年3月21日」 or "Mar 21, 2025"."""
    local = _local(value, tz)
    return format_skeleton(DATE_SKELETON, local, tzinfo=local.tzinfo, locale=_current_locale())


def local_moment(value: dt.datetime | None, tz: str) -> str:
    """A moment in the event's zone, e.g. 「2025年3月21日 14:30」 or "Mar 21, 2025, 2:30 PM"."""
    if value is None:
        return ""
    locale = _current_locale()
    local = _local(value, tz)
    date = format_skeleton(DATE_SKELETON, local, tzinfo=local.tzinfo, locale=locale)
    time = format_time(local, "short", tzinfo=local.tzinfo, locale=locale)
    return _date_and_time(date, time, locale)


def local_interval(start: dt.datetime, end: dt.datetime, tz: str) -> str:
    """A time range in the event's zone: one date and a range of times when it fits in one
    day (「2025年3月21日 14:30–18:00」), else two moments (「… – 2025年3月22日 12:00」)."""
    locale = _current_locale()
    start, end = _local(start, tz), _local(end, tz)
    if start.date() == end.date() and start.tzinfo == end.tzinfo:
        date = format_skeleton(DATE_SKELETON, start, tzinfo=start.tzinfo, locale=locale)
        times = format_interval(
            start, end, _time_skeleton(locale), tzinfo=start.tzinfo, locale=locale
        )
        return _date_and_time(date, times, locale)
    pattern = locale.interval_formats.get(None) or "{0} – {1}"
    return pattern.replace("{0}", local_moment(start, tz)).replace("{1}", local_moment(end, tz))


def local_iso(value: dt.datetime, tz: str) -> str:
    """A moment in the event's zone as "2025-03-21 14:30", the same in every language."""
    return f"{_local(value, tz):%Y-%m-%d %H:%M}"
