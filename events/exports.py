"""The registration table as rows, and those rows as CSV or XLSX for organizers."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from events.models import Event, Registration
from events.selectors import organization_of


def checked_in_at(registration: Registration):
    # `checked_in_at` arrives with check-in; until then every row reads "not checked in".
    return getattr(registration, "checked_in_at", None)


def headers() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Role"),
        _("Organization"),
        _("Status"),
        _("Registered at"),
        _("Checked in at"),
    ]


def rows(event: Event, registrations: Iterable[Registration]) -> Iterable[list[str]]:
    """One list of strings per registration, times in the event's time zone."""
    tz = event.tzinfo
    for registration in registrations:
        checked = checked_in_at(registration)
        yield [
            registration.user.display_name,
            registration.user.email or "",
            registration.get_role_display(),
            organization_of(registration),
            registration.get_status_display(),
            f"{registration.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
            f"{checked.astimezone(tz):%Y-%m-%d %H:%M}" if checked else "",
        ]


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(event: Event, registrations) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in rows(event, registrations):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(event: Event, registrations) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(event, registrations):
        sheet.append([_safe_cell(cell) for cell in row])
    for column, width in zip("ABCDEFG", (16, 28, 10, 30, 14, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
