"""host_report: the monthly report as PDF and XLSX, and its exit codes."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from outcomes.tests.factories import local, scene, staffed_host

pytestmark = pytest.mark.django_db


def _text(path) -> str:
    # pypdf reads this font's characters as UTF-16 units: drop the NULs and the spaces.
    pages = PdfReader(str(path)).pages
    return "".join("".join(p.extract_text().replace("\x00", "").split()) for p in pages)


def test_host_report_pdf_in_chinese_has_the_three_rates(tmp_path):
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    output = tmp_path / "report.pdf"
    call_command(
        "host_report",
        "--host", host.slug, "--month", "2026-06", "--format", "pdf", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    text = _text(output)
    for words in ("月度报告", "响应率", "办结率", "满意度", "50.0%", "4.00/5", "已达成协议"):
        assert words in text
    assert output.read_bytes().startswith(b"%PDF")


def test_host_report_pdf_in_english(tmp_path):
    host, _staff = staffed_host()
    output = tmp_path / "report.pdf"
    call_command(
        "host_report",
        "--host", host.slug, "--month", "2026-06", "--format", "pdf", "--output", str(output),
        "--lang", "en", stdout=io.StringIO(),
    )  # fmt: skip
    text = _text(output)
    for words in ("monthlyreport", "Responserate", "Resolutionrate", "Satisfaction"):
        assert words in text


def test_host_report_xlsx_has_one_sheet_per_section(tmp_path):
    host, _staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    output = tmp_path / "report.xlsx"
    call_command(
        "host_report",
        "--host", host.slug, "--month", "2026-06", "--format", "xlsx", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    book = load_workbook(output)
    assert book.sheetnames == [
        "座谈会",
        "报名与签到",
        "需求",
        "各承办人的超期需求",
        "成效",
        "展望：2026 年第 3 季度",
    ]
    needs = {row[0]: row[1] for row in book["需求"].iter_rows(min_row=2, values_only=True)}
    assert (needs["响应率"], needs["办结率"], needs["满意度"]) == ("50.0%", "50.0%", "4.00 / 5")


@pytest.mark.parametrize(
    ("host", "month"), [("nobody", "2026-06"), (None, "2026-6"), (None, "June")]
)
def test_host_report_exits_2_on_an_unknown_host_or_a_malformed_month(tmp_path, host, month):
    real, _staff = staffed_host()
    with pytest.raises(CommandError) as caught:
        call_command(
            "host_report",
            "--host", host or real.slug, "--month", month, "--format", "pdf",
            "--output", str(tmp_path / "r.pdf"),
        )  # fmt: skip
    assert caught.value.returncode == 2
    assert not (tmp_path / "r.pdf").exists()
