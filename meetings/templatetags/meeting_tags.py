import zoneinfo

from django import template

register = template.Library()


@register.simple_tag
def slot_time(slot, tz: str) -> str:
    """“15:00–15:20” in the event's time zone."""
    zone = zoneinfo.ZoneInfo(tz)
    return f"{slot.start.astimezone(zone):%H:%M}–{slot.end.astimezone(zone):%H:%M}"


@register.simple_tag
def slot_day(slot, tz: str) -> str:
    return f"{slot.start.astimezone(zoneinfo.ZoneInfo(tz)):%Y-%m-%d}"
