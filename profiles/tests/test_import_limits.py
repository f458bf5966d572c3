"""Files built to exhaust the importer — an XLSX that declares a million rows by 16,384
columns, broken or sheetless workbooks, 100,000-character cells — are refused with a clear
message, quickly and in bounded memory."""

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from profiles.importers.reading import ImportFileError, read_table
from profiles.importers.run import run_import
from profiles.labels import parent_from_description
from profiles.models import ImportBatch

COLUMNS = ["name", "email"]


def _xlsx(rows=(("name", "email"), ("李明", "li@example.edu.cn"))) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == name:
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def _dimension(ref: str) -> bytes:
    return _rewrite(
        _xlsx(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


def _read(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="x.xlsx", columns=COLUMNS)
    return str(caught.value)


def test_small_xlsx_still_reads():
    rows = read_table(_xlsx(), filename="x.xlsx", columns=COLUMNS)
    assert rows == [{"name": "李明", "email": "li@example.edu.cn", "_line": 2}]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("A1:XFD1048576", "文件超过 100 列。"),
        ("A1:ALL20000", "文件超过 100 列。"),
        ("A1:B1048576", "文件超过 20000 行，请拆分后再导入。"),
    ],
)
def test_dimension_bomb_is_refused_quickly_in_bounded_memory(ref, message):
    data = _dimension(ref)
    tracemalloc.start()
    started = time.perf_counter()
    text = _read(data)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert text == message
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_cells_far_beyond_the_declared_dimension_are_bounded():
    """A sheet that declares nothing but holds a cell at XFD1048576 reads only what fits."""
    data = _rewrite(
        _xlsx(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml).replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        ),
    )
    tracemalloc.start()
    rows = read_table(data, filename="x.xlsx", columns=COLUMNS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == [{"name": "李明", "email": "li@example.edu.cn", "_line": 2}]
    assert peak < 60 * 1024 * 1024


def test_workbook_without_sheets_is_refused():
    data = _rewrite(
        _xlsx(),
        "xl/workbook.xml",
        lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S),
    )
    assert _read(data) in {"无法打开该 Excel 文件。", "该 Excel 文件没有工作表。"}


def test_broken_sheet_xml_is_refused():
    data = _rewrite(_xlsx(), "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert _read(data) == "无法打开该 Excel 文件。"


def test_xlsx_that_unpacks_to_gigabytes_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (210 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    assert _read(out.getvalue()) == "该 Excel 文件解压后过大。"


@pytest.mark.parametrize(
    "text",
    [
        "这" * 100_000,
        "由" * 100_000,
        "的" * 50_000 + "全资" * 25_000,
        " " * 100_000,
        "母公司" * 30_000,
        "a subsidiary" * 8_000,
    ],
)
def test_parent_from_description_is_linear(text):
    started = time.perf_counter()
    parent_from_description(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.django_db
def test_import_rejects_a_row_with_an_overlong_cell():
    rows = [
        {"company": "青岛港", "industry": "", "district": "", "title": "需求", "_line": 2}
        | {"description": "字" * 10_001, "category": "", "tags": "", "urgency": ""}
    ]
    report = run_import(kind="needs", rows=rows, dry_run=True)
    assert [(r["action"], r["errors"]) for r in report.rows] == [
        ("rejected", ["description 超过 10000 个字符。"])
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda data: _dimension("A1:XFD1048576"),
        lambda data: _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml[:100]),
    ],
)
def test_import_page_shows_hostile_xlsx_as_form_error(client, change):
    from hosts.models import HostMembership
    from hosts.tests.factories import HostMembershipFactory

    staff = HostMembershipFactory(role=HostMembership.Role.STAFF)
    client.force_login(staff.user)
    upload = SimpleUploadedFile("experts.xlsx", change(_xlsx()))
    response = client.post(
        reverse("profiles:import_upload", args=["experts"]), {"host": staff.host.pk, "file": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] in (
        ["文件超过 100 列。"],
        ["无法打开该 Excel 文件。"],
    )
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_upload_over_the_limit_is_refused_before_it_is_read(client, settings):
    from hosts.models import HostMembership
    from hosts.tests.factories import HostMembershipFactory

    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    staff = HostMembershipFactory(role=HostMembership.Role.STAFF)
    client.force_login(staff.user)
    url = reverse("profiles:import_upload", args=["experts"])
    upload = SimpleUploadedFile("experts.csv", b"name,email\n" + b"x" * 200_000)

    response = client.post(url, {"host": staff.host.pk, "file": upload}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == ["文件超过 10 MB。"]
    assert ImportBatch.objects.count() == 0
