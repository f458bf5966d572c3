import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from needs.models import Need
from profiles.models import Company
from profiles.tests.test_import import run

NEEDS_CSV = (
    "company,industry,district,title,description,category,tags,urgency\n"
    "青岛灵山湾新能源科技有限公司,电力,西海岸新区,储能电池柜热管理,"
    "本公司由青岛澳柯玛控股集团有限公司控股。电池柜夏季温升明显。,技术,储能;热管理,紧急\n"
    "青岛灵山湾新能源科技有限公司,电力,黄岛区,申请高企,首次申请,policy,,low\n"
    "某公司,未知行业,火星,无效需求,说明,魔法,,高\n"
)


@pytest.fixture
def host(db):
    return HostFactory(slug="west-coast")


@pytest.fixture
def staff(db):
    return HostMembershipFactory(role=HostMembership.Role.STAFF)


def test_import_missing_file_exits_2(tmp_path, db):
    code, _counts, _err = run("import_needs", tmp_path / "nowhere.csv")
    assert code == 2


def test_import_needs_maps_labels_creates_companies_and_parents(tmp_path, host):
    Company.objects.create(name="青岛澳柯玛控股集团有限公司")
    path = tmp_path / "needs.csv"
    path.write_bytes(NEEDS_CSV.encode("gb18030"))
    code, counts, err = run("import_needs", path, "--host", "west-coast")
    assert (code, counts) == (1, {"created": 2, "updated": 0, "unchanged": 0, "rejected": 1})
    assert "魔法" in err
    company = Company.objects.get(name="青岛灵山湾新能源科技有限公司")
    assert (company.industry, company.district) == ("D", "黄岛区")
    assert company.parent.name == "青岛澳柯玛控股集团有限公司"
    need = Need.objects.get(title="储能电池柜热管理")
    assert (need.category, need.urgency) == ("technology", "high")
    assert {"energy-storage", "thermal-management"} <= set(
        need.topics.values_list("slug", flat=True)
    )
    assert Need.objects.get(title="申请高企").category == "policy"
    assert not Company.objects.filter(name="某公司").exists()
    again = run("import_needs", path, "--host", "west-coast")
    assert again[:2] == (1, {"created": 0, "updated": 0, "unchanged": 2, "rejected": 1})


def test_import_unknown_host_exits_2(tmp_path, db):
    path = tmp_path / "needs.csv"
    path.write_text(NEEDS_CSV, encoding="utf-8")
    assert run("import_needs", path, "--host", "nobody")[0] == 2


def test_import_needs_preview_reads_xlsx_upload(staff, client):
    workbook = Workbook()
    workbook.active.append(
        ["company", "industry", "district", "title", "description", "category", "tags", "urgency"]
    )
    workbook.active.append(
        ["甲公司", "制造业", "黄岛", "轴承寿命", "风电主轴承", "技术", "轴承", "高"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(staff.user)
    upload = SimpleUploadedFile("needs.xlsx", buffer.getvalue())
    response = client.post(
        reverse("profiles:import_upload", args=["needs"]), {"host": staff.host.pk, "file": upload}
    )
    preview = client.get(response.url)
    assert preview.context["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert Need.objects.count() == 0


def test_import_needs_reads_the_optional_columns(tmp_path, host):
    wanted = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    path = tmp_path / "needs.csv"
    path.write_text(
        "company,industry,district,title,description,category,tags,urgency,"
        "cooperation_forms,budget_min,budget_max,wanted_by,visibility\n"
        f'甲公司,,,储能温控,,技术,,,joint_rd;consulting,"100,000",500000,{wanted},members\n'
        "甲公司,,,坏预算,,技术,,,,十万,,,\n"
        "甲公司,,,坏日期,,技术,,,,,,2001-01-01,secret\n",
        encoding="utf-8",
    )
    code, counts, err = run("import_needs", path, "--host", "west-coast")
    assert (code, counts) == (1, {"created": 1, "updated": 0, "unchanged": 0, "rejected": 2})
    need = Need.objects.get(title="储能温控")
    assert (
        need.cooperation_forms,
        need.budget_min,
        need.budget_max,
        need.wanted_by.isoformat(),
        need.visibility,
    ) == (["joint_rd", "consulting"], 100000, 500000, wanted, "members")
    assert "十万" in err and "请选择从今天起五年内的日期。" in err and "secret" in err
    again = run("import_needs", path, "--host", "west-coast")
    assert again[1] == {"created": 0, "updated": 0, "unchanged": 1, "rejected": 2}


def test_import_needs_without_the_optional_columns_keeps_the_defaults(tmp_path, host):
    path = tmp_path / "needs.csv"
    path.write_text(NEEDS_CSV, encoding="utf-8")
    run("import_needs", path, "--host", "west-coast")
    need = Need.objects.get(title="储能电池柜热管理")
    assert (need.cooperation_forms, need.budget_min, need.wanted_by, need.visibility) == (
        [],
        None,
        None,
        "public",
    )
