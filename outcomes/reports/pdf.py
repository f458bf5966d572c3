"""A report as a PDF, with an embedded CJK font so that Chinese renders and the text stays
selectable and searchable: Noto Sans CJK SC cut down to GB 2312 (outcomes/fonts/, SIL Open
Font License 1.1, made by tools/cjk_font_subset.py). fpdf2 embeds only the glyphs used."""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from outcomes.reports.content import Report

FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansSC-GB2312.otf"
FAMILY = "NotoSansSC"
# fontTools reports every subset it makes at INFO: keep its warnings only.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class _ReportPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(110)
        self.cell(0, 8, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def report_pdf(report: Report) -> bytes:
    pdf = _ReportPDF(orientation="portrait", unit="mm", format="A4")
    pdf.footer_text = report.title
    pdf.set_title(report.title)
    pdf.set_creator("Yizhan")
    pdf.add_font(FAMILY, fname=str(FONT))
    pdf.add_font(FAMILY, style="B", fname=str(FONT))
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font(FAMILY, size=17)
    pdf.multi_cell(0, 9, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 6, report.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    heading = FontFace(emphasis="BOLD", fill_color=(232, 238, 246))
    for section in report.sections:
        pdf.ln(4)
        pdf.set_font(FAMILY, size=13)
        pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, size=9)
        if section.rows:
            widths = _widths(len(section.columns))
            with pdf.table(
                col_widths=widths, headings_style=heading, line_height=5.5, text_align="LEFT"
            ) as table:
                table.row([str(c) for c in section.columns])
                for row in section.rows:
                    table.row([str(c) for c in row])
        if section.note:
            pdf.set_text_color(90)
            pdf.multi_cell(0, 6, section.note, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
    return bytes(pdf.output())


def _widths(columns: int) -> tuple[int, ...]:
    if columns == 2:
        return (3, 1)
    if columns == 3:
        return (2, 1, 1)
    return (3, *([2] * (columns - 1)))
