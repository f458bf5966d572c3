"""Periods of whole days in a host's time zone: what the dashboard, the figures API and the
monthly report count over.

Hosts have no time zone of their own yet: a host's zone is the site's (settings.TIME_ZONE,
Asia/Shanghai), as on the needs desk. A period runs from the first day's midnight to the
midnight after its last day, both days included.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from events.services.events import EARLIEST_YEAR, LATEST_YEAR, OUT_OF_RANGE

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_DAYS = 3660
DEFAULT_DAYS = 90


def host_zone(host) -> zoneinfo.ZoneInfo:
    """The zone a host's days are counted in (the site's until hosts have their own)."""
    return zoneinfo.ZoneInfo(getattr(host, "timezone", "") or settings.TIME_ZONE)


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    zone: zoneinfo.ZoneInfo

    @property
    def since(self) -> dt.datetime:
        """The first moment of the period (aware)."""
        return dt.datetime.combine(self.first, dt.time(), tzinfo=self.zone)

    @property
    def until(self) -> dt.datetime:
        """The first moment after the period (aware)."""
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        last = self.first - dt.timedelta(days=1)
        return Period(first=last - dt.timedelta(days=self.days - 1), last=last, zone=self.zone)

    def as_dict(self) -> dict:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}

    def query(self) -> str:
        return f"from={self.first.isoformat()}&to={self.last.isoformat()}"


def _date(value: str, name: str) -> dt.date:
    if not DATE.match(value or ""):
        raise ValidationError(
            _("“%(name)s” must be a date written YYYY-MM-DD.") % {"name": name},
            code="invalid_date",
        )
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date.") % {"value": value}, code="invalid_date"
        ) from None
    _check_year(day.year, code="invalid_date")
    return day


def _check_year(year: int, *, code: str) -> None:
    """The years events may fall in (events.services.events): beyond them a period's edges
    overflow when converted between zones, and no forum was held."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(
            OUT_OF_RANGE,
            code=code,
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def period_parse(
    *, first: str | None, last: str | None, zone: zoneinfo.ZoneInfo, today: dt.date | None = None
) -> Period:
    """The period from `first` to `last` (YYYY-MM-DD, both included). Either may be missing:
    the period then ends today and lasts 90 days. Raises ValidationError (invalid_date,
    invalid_period) for a malformed date, an end before the start, or more than ten years."""
    today = today or timezone.localdate(timezone.now(), zone)
    end = _date(last, "to") if last else None
    start = _date(first, "from") if first else None
    if end is None:
        end = max(today, start) if start else today
    if start is None:
        start = end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if end < start:
        raise ValidationError(_("The period ends before it starts."), code="invalid_period")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError(
            _("A period may last at most %(days)d days.") % {"days": MAX_DAYS},
            code="invalid_period",
        )
    return Period(first=start, last=end, zone=zone)


def month_period(month: str, *, zone: zoneinfo.ZoneInfo) -> Period:
    """The calendar month `YYYY-MM`; raises ValidationError (invalid_month) otherwise."""
    match = MONTH.match(month or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise ValidationError(_("Give the month as YYYY-MM, e.g. 2025-03."), code="invalid_month")
    year, number = int(match.group(1)), int(match.group(2))
    _check_year(year, code="invalid_month")
    first = dt.date(year, number, 1)
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return Period(first=first, last=following - dt.timedelta(days=1), zone=zone)
