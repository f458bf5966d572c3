"""The shipped taxonomy data (profiles/data/taxonomy-v2.json) is well formed and unambiguous.

These checks read the file only (no database): they guard the data that a migration will load.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest

from profiles.text import STOP_EN, english_tokens

DATA = Path(__file__).resolve().parents[1] / "data"
V1_FILE = DATA / "taxonomy.json"
V2_FILE = DATA / "taxonomy-v2.json"

FIELDS = ("slug", "name_zh", "name_en", "parent", "synonyms_zh", "synonyms_en")
OPTIONAL = ("code", "discipline")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(
    r"^(GB/T 4754-2017: [A-T](?:\d{2,4})?"
    r"|GB/T 13745-2009: \d{3}(?:\.\d{2})?"
    r"|战略性新兴产业分类\(2018\): \d(?:\.\d)?)$"
)
DISCIPLINES = {
    "engineering",
    "science",
    "medicine",
    "agriculture",
    "finance",
    "economics",
    "law",
    "management",
    "policy",
    "education",
}
MAX_DEPTH = 4
# Words that occur in almost any need or profile: as a synonym they would pull every text
# towards one topic.
_GENERIC_ZH = """技术 系统 管理 服务 工程 设计 研究 研发 开发 应用 产品 平台 方案 解决方案 咨询 分析
    数据 信息 网络 智能 控制 测试 检测 生产 制造 材料 质量 安全 项目 企业 公司 行业 产业
    创新 科技 合作 市场 发展 建设 运营 优化 改造 升级 模型 算法 设备 装备 工艺 环境 政策
    人才 教育 培训 能力 方法 工具"""
_GENERIC_EN = """system systems technology technologies management service services
    engineering design research development application applications product products platform
    solution solutions consulting analysis data information network smart intelligent control
    testing test production manufacturing material materials quality safety project enterprise
    company industry innovation science cooperation market business operation operations
    optimization optimisation equipment process environment policy talent education training
    technical method methods tool tools"""
GENERIC_ZH = frozenset(_GENERIC_ZH.split())
GENERIC_EN = frozenset(_GENERIC_EN.split())


@cache
def rows() -> list[dict]:
    return json.loads(V2_FILE.read_text(encoding="utf-8"))


def terms(row: dict) -> list[str]:
    return [row["name_zh"], row["name_en"], *row["synonyms_zh"], *row["synonyms_en"]]


def test_v2_file_is_a_json_list_of_topic_objects_one_per_line():
    text = V2_FILE.read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert lines[0] == "["
    assert lines[-1] == "]"
    assert len(lines) == len(rows()) + 2
    for row in rows():
        assert set(FIELDS) <= set(row) <= set(FIELDS) | set(OPTIONAL), row
        assert isinstance(row["synonyms_zh"], list), row["slug"]
        assert isinstance(row["synonyms_en"], list), row["slug"]
        assert all(isinstance(t, str) and t == t.strip() and t for t in terms(row)), row["slug"]


def test_v2_holds_at_least_two_thousand_topics():
    assert len(rows()) >= 2000


def test_slugs_are_unique_and_slug_shaped():
    slugs = [row["slug"] for row in rows()]
    assert len(set(slugs)) == len(slugs)
    assert [s for s in slugs if not SLUG.match(s) or len(s) > 80] == []


def test_names_fit_the_model_fields():
    too_long = [
        row["slug"]
        for row in rows()
        if not 0 < len(row["name_zh"]) <= 100 or not 0 < len(row["name_en"]) <= 150
    ]
    assert too_long == []


def test_parents_exist_and_come_before_their_children():
    seen: set[str] = set()
    for row in rows():
        assert row["parent"] is None or row["parent"] in seen, row["slug"]
        seen.add(row["slug"])


def test_tree_has_no_cycles_and_at_most_four_levels():
    parent = {row["slug"]: row["parent"] for row in rows()}
    for slug in parent:
        chain = [slug]
        while parent[chain[-1]] is not None:
            chain.append(parent[chain[-1]])
            assert len(chain) <= MAX_DEPTH, chain


def test_every_v1_topic_is_kept_with_its_slug_names_and_parent():
    v2 = {row["slug"]: row for row in rows()}
    for old in json.loads(V1_FILE.read_text(encoding="utf-8")):
        new = v2.get(old["slug"])
        assert new is not None, old["slug"]
        kept = {k: new[k] for k in ("name_zh", "name_en", "parent")}
        assert kept == {k: old[k] for k in ("name_zh", "name_en", "parent")}, old["slug"]


def test_each_term_belongs_to_one_topic_only():
    owner: dict[str, str] = {}
    clashes = []
    for row in rows():
        for term in {t.casefold() for t in terms(row)}:
            other = owner.setdefault(term, row["slug"])
            if other != row["slug"]:
                clashes.append((term, other, row["slug"]))
    assert clashes == []


def test_english_terms_stay_unambiguous_after_stemming():
    # The run-time index matches English phrases by their stemmed words (profiles.taxonomy).
    owner: dict[tuple[str, ...], str] = {}
    clashes = []
    for row in rows():
        for term in terms(row):
            words = tuple(english_tokens(term)) if term.isascii() else ()
            if words and owner.setdefault(words, row["slug"]) != row["slug"]:
                clashes.append((term, owner[words], row["slug"]))
    assert clashes == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_synonym_is_generic_or_a_single_character(lang):
    generic = GENERIC_ZH if lang == "zh" else GENERIC_EN | STOP_EN
    bad = [
        (row["slug"], term)
        for row in rows()
        for term in row[f"synonyms_{lang}"]
        if term.casefold() in generic or len(term) < 2
    ]
    assert bad == []


def test_codes_and_disciplines_are_well_formed():
    bad_codes = [row["code"] for row in rows() if "code" in row and not CODE.match(row["code"])]
    bad_disciplines = [
        row["discipline"]
        for row in rows()
        if "discipline" in row and row["discipline"] not in DISCIPLINES
    ]
    assert (bad_codes, bad_disciplines) == ([], [])


def test_every_root_names_its_discipline():
    assert [r["slug"] for r in rows() if r["parent"] is None and "discipline" not in r] == []
