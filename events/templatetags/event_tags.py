import zoneinfo

from django import template

from events.formatting import local_interval, local_moment

register = template.Library()


@register.simple_tag
def when(start, end, tz: str) -> str:
    """A time range in the event's time zone and the active language (events.formatting)."""
    return local_interval(start, end, tz)


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
def local_dt(value, tz: str) -> str:
    """A moment in the event's time zone and the active language (events.formatting)."""
    return local_moment(value, tz)


@register.filter(name="local_moment")
def local_moment_filter(value, tz: str) -> str:
    """`{{ moment|local_moment:event.timezone }}`, for use inside translated sentences."""
    return local_moment(value, tz)
