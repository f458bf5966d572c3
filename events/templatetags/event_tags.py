import zoneinfo

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def when(start, end, tz: str) -> str:
    """A time range in the event's time zone: one date when it fits in one day, else two."""
    zone = zoneinfo.ZoneInfo(tz)
    start, end = start.astimezone(zone), end.astimezone(zone)
    date_start = formats.date_format(start, "DATE_FORMAT")
    if start.date() == end.date():
        return _("%(date)s %(start)s–%(end)s") % {
            "date": date_start,
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
        }
    return _("%(date_start)s %(start)s – %(date_end)s %(end)s") % {
        "date_start": date_start,
        "start": start.strftime("%H:%M"),
        "date_end": formats.date_format(end, "DATE_FORMAT"),
        "end": end.strftime("%H:%M"),
    }


@register.simple_tag
def tz_label(tz: str) -> str:
    """A short label for a time zone, e.g. "Asia/Shanghai (UTC+08:00)"."""
    from django.utils import timezone

    offset = timezone.now().astimezone(zoneinfo.ZoneInfo(tz)).strftime("%z")
    return f"{tz} (UTC{offset[:3]}:{offset[3:]})"


@register.filter
def localized(obj, field: str) -> str:
    return obj.localized(field)


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """Markdown rendered to HTML and sanitised with nh3 (no scripts, styles or event
    attributes; links get rel="noopener noreferrer")."""
    import markdown as md
    import nh3
    from django.utils.safestring import mark_safe

    html = md.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html, link_rel="noopener noreferrer"))  # noqa: S308 - sanitised


@register.simple_tag
def local_dt(value, tz: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A moment in the event's time zone."""
    if not value:
        return ""
    return value.astimezone(zoneinfo.ZoneInfo(tz)).strftime(fmt)
