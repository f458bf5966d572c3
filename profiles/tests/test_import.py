import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from hosts.tests.factories import HostFactory
from profiles.labels import parent_from_description
from profiles.models import ExpertProfile

EXPERTS_CSV = (
    "name,title,institution,department,fields,research_summary,email,phone\n"
    "李水清,教授,山东大学,环境学院,污水处理；膜分离、量子传感,研究高氨氮废水,li@example.edu.cn,"
    "13800000001\n"
    '孙摩擦,教授,山东科技大学,机械学院,"Tribology, bearings",轴承寿命预测,sun@example.edu.cn,\n'
    "无邮箱,讲师,某大学,,,,,\n"
)


def run(command, path, *args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command(command, str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue().strip().splitlines()[-1]), err.getvalue()


@pytest.fixture
def host(db):
    return HostFactory(slug="west-coast")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_experts_reads_each_encoding(
    tmp_path, host, encoding, mailoutbox, django_capture_on_commit_callbacks
):
    path = tmp_path / "experts.csv"
    path.write_bytes(EXPERTS_CSV.encode(encoding))
    with django_capture_on_commit_callbacks(execute=True):
        code, counts, err = run("import_experts", path, "--host", "west-coast")
    assert (code, counts) == (1, {"created": 2, "updated": 0, "unchanged": 0, "rejected": 1})
    assert "row 4" in err and "需要有效的电子邮箱。" in err
    li = ExpertProfile.objects.get(email="li@example.edu.cn")
    assert sorted(li.topics.values_list("slug", flat=True)) == [
        "industrial-wastewater",
        "membrane-separation",
        "wastewater-treatment",
    ]
    assert li.keywords == ["量子传感"]
    assert "高氨氮废水" in li.tokens
    assert (li.imported_by, li.is_claimed) == (host, False)
    sun = ExpertProfile.objects.get(email="sun@example.edu.cn")
    assert set(sun.topics.values_list("slug", flat=True)) >= {"tribology", "bearings"}
    assert sorted(m.to[0] for m in mailoutbox) == ["li@example.edu.cn", "sun@example.edu.cn"]


def test_import_experts_twice_changes_nothing_then_updates_an_edit(tmp_path, host):
    path = tmp_path / "experts.csv"
    path.write_text(EXPERTS_CSV, encoding="utf-8")
    run("import_experts", path, "--host", "west-coast")
    again = run("import_experts", path, "--host", "west-coast")
    path.write_text(EXPERTS_CSV.replace("研究高氨氮废水", "研究海水淡化"), encoding="utf-8")
    edited = run("import_experts", path, "--host", "west-coast")
    assert again[:2] == (1, {"created": 0, "updated": 0, "unchanged": 2, "rejected": 1})
    assert edited[:2] == (1, {"created": 0, "updated": 1, "unchanged": 1, "rejected": 1})
    assert ExpertProfile.objects.count() == 2


def test_import_experts_leaves_a_claimed_profile_alone(tmp_path, host):
    from profiles.tests.factories import ExpertProfileFactory

    ExpertProfileFactory(email="li@example.edu.cn", name="李水清（本人修改）")
    path = tmp_path / "experts.csv"
    path.write_text(EXPERTS_CSV, encoding="utf-8")
    code, counts, _err = run("import_experts", path)
    assert counts == {"created": 1, "updated": 0, "unchanged": 1, "rejected": 1}
    assert ExpertProfile.objects.get(email="li@example.edu.cn").name == "李水清（本人修改）"


def test_import_experts_reads_xlsx(tmp_path, host):
    workbook = Workbook()
    sheet = workbook.active
    for line in EXPERTS_CSV.splitlines()[:2]:
        sheet.append(line.split(","))
    sheet.append(
        [
            "孙摩擦",
            "教授",
            "山东科技大学",
            "",
            "摩擦学、轴承",
            "",
            "sun@example.edu.cn",
            13900000000.0,
        ]
    )
    path = tmp_path / "experts.xlsx"
    workbook.save(path)
    code, counts, _err = run("import_experts", path)
    assert (code, counts) == (0, {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0})
    assert ExpertProfile.objects.get(email="sun@example.edu.cn").phone == "13900000000"


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02\xff\xfe\xfa" * 20, b"PK\x03\x04 not a workbook", b"name,email\nx,y\n"],
)
def test_import_unreadable_file_exits_2(tmp_path, db, content):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    code, counts, err = run("import_experts", path)
    assert code == 2
    assert counts == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    assert err.strip()
    assert ExpertProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        ("从事储能，由青岛澳柯玛控股集团有限公司控股。", "青岛澳柯玛控股集团有限公司"),
        ("本公司是海尔集团公司的全资子公司，主营家电。", "海尔集团公司"),
        ("母公司为青岛港国际股份有限公司；成立于2010年", "青岛港国际股份有限公司"),
        (
            "We are a wholly-owned subsidiary of Qingdao Port Group, since 2001.",
            "Qingdao Port Group",
        ),
        ("一家独立的民营企业。", ""),
    ],
)
def test_parent_from_description_reads_the_usual_phrasings(text, parent):
    assert parent_from_description(text) == parent


def test_import_progress_bar_on_stderr_for_large_files(tmp_path, host):
    lines = ["name,title,institution,department,fields,research_summary,email,phone"]
    lines += [f"专家{i},教授,大学,,轴承,,e{i}@example.edu.cn," for i in range(200)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, counts, err = run("import_experts", path)
    assert (code, counts["created"]) == (0, 200)
    assert "[##############################] 200/200" in err
