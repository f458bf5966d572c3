"""A report or a chart as an XLSX workbook: one sheet per section."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import safe_cell
from outcomes.reports.content import Report, Section

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, used: set[str]) -> str:
    base = FORBIDDEN.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base} {n}"
    used.add(name)
    return name


def _write(sheet, section: Section) -> None:
    sheet.append([safe_cell(c) for c in section.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in section.rows:
        sheet.append([safe_cell(c) for c in row])
    if section.note:
        sheet.append([])
        sheet.append([safe_cell(section.note)])
    for index, _column in enumerate(section.columns):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = 40 if index == 0 else 18
    sheet.freeze_panes = "A2"


def sections_xlsx(sections: list[Section]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for section in sections:
        _write(workbook.create_sheet(_sheet_title(section.title, used)), section)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: Report) -> bytes:
    return sections_xlsx(report.sections)


def chart_xlsx(chart) -> bytes:
    """One chart's numbers: its categories down, its series across."""
    section = Section(chart.key, chart.title, ["", *chart.columns], chart.rows)
    return sections_xlsx([section])
