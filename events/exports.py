"""The registration table as rows, and those rows as CSV or XLSX for organizers, with one
column per question the event asks; every cell goes through core.exports.safe_cell."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import safe_cell
from events.models import Event, Registration
from events.registration_forms import question_label
from events.selectors import organization_of


def headers(event: Event | None = None) -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Role"),
        _("Organization"),
        _("Status"),
        _("Registered at"),
        _("Checked in at"),
        *(question_label(question) for question in (event.questions if event else [])),
    ]


def answer_text(question: dict, value) -> str:
    """An answer as one cell: choices of a multiple choice joined, yes/no in words."""
    if value in (None, "", []):
        return ""
    if isinstance(value, list):
        return pgettext("list separator", ", ").join(str(v) for v in value)
    if question.get("type") == "yesno":
        return {"yes": _("Yes"), "no": _("No")}.get(value, str(value))
    return str(value)


def rows(event: Event, registrations: Iterable[Registration]) -> Iterable[list[str]]:
    """One list of strings per registration, times in the event's time zone."""
    tz = event.tzinfo
    for registration in registrations:
        checked = registration.checked_in_at
        yield [
            registration.user.display_name,
            registration.user.email or "",
            registration.get_role_display(),
            organization_of(registration),
            registration.get_status_display(),
            f"{registration.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
            f"{checked.astimezone(tz):%Y-%m-%d %H:%M}" if checked else "",
            *(
                answer_text(question, (registration.answers or {}).get(question.get("key")))
                for question in event.questions or []
            ),
        ]


def as_csv(event: Event, registrations) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers(event))
    for row in rows(event, registrations):
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(event: Event, registrations) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append(headers(event))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(event, registrations):
        sheet.append([safe_cell(cell) for cell in row])
    for column, width in zip("ABCDEFG", (16, 28, 10, 30, 14, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
