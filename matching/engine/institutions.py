"""Institution names → comparable keys, for the conflict-of-interest constraint.

An expert who works for the company, or for its parent organisation, is never suggested for
its needs. Names arrive in Chinese or English, with or without legal suffixes, with
departments attached, or under another name altogether (Tsingtao Brewery = 青岛啤酒): keys strip
the suffixes, keep the organisation a department belongs to, and map aliases to one name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Bilingual aliases: every name in a group is the same organisation. Extend freely.
ALIASES: tuple[tuple[str, ...], ...] = (
    ("青岛啤酒", "tsingtao brewery", "tsingtao beer", "tsingtao"),
    ("海尔", "haier", "海尔智家", "haier smart home", "青岛海尔", "qingdao haier"),
    ("海信", "hisense", "海信视像", "青岛海信"),
    ("中国海洋大学", "ocean university of china", "ouc"),
    ("青岛大学", "qingdao university"),
    ("山东大学", "shandong university"),
    ("青岛科技大学", "qingdao university of science and technology", "青科大"),
    ("青岛理工大学", "qingdao university of technology"),
    ("中国石油大学(华东)", "中国石油大学", "china university of petroleum", "upc"),
    ("山东科技大学", "shandong university of science and technology"),
    ("中国科学院", "chinese academy of sciences", "中科院", "cas"),
    ("清华大学", "tsinghua university"),
    ("北京大学", "peking university"),
    ("浙江大学", "zhejiang university"),
    ("上海交通大学", "shanghai jiao tong university", "上海交大", "sjtu"),
    ("哈尔滨工业大学", "harbin institute of technology", "哈工大", "hit"),
    ("中车四方", "crrc qingdao sifang", "中车青岛四方机车车辆", "crrc sifang"),
    ("中车", "crrc", "中国中车"),
    ("国家电网", "state grid", "state grid corporation of china", "国网"),
    ("中国石化", "sinopec", "中石化", "中国石油化工"),
    ("中国石油", "petrochina", "cnpc", "中石油", "中国石油天然气"),
    ("华为", "huawei", "华为技术"),
    ("腾讯", "tencent"),
    ("阿里巴巴", "alibaba"),
    ("双星", "doublestar", "青岛双星"),
    ("赛轮", "sailun", "赛轮集团"),
    ("青岛港", "qingdao port", "山东港口青岛港"),
)

# Legal and group suffixes, longest first; stripped repeatedly from the end of a name.
_SUFFIXES_ZH = (
    "资产经营有限责任公司",
    "资产经营有限公司",
    "资产管理有限公司",
    "控股集团有限公司",
    "集团股份有限公司",
    "集团有限责任公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "控股有限公司",
    "科技有限公司",
    "有限公司",
    "控股集团",
    "集团公司",
    "股份公司",
    "总公司",
    "分公司",
    "控股",
    "集团",
    "公司",
)
_SUFFIXES_EN = (
    "asset management",
    "asset operation",
    "holdings",
    "holding",
    "group",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "sa",
)
# Where a Chinese name's organisation ends and a department begins.
_HEADS_ZH = ("大学", "科学院", "研究院", "医院", "学院", "集团")
_REGION_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}市)")
_PUNCT = re.compile(r"[\s\.,;:'\"()（）\[\]【】&·、，。:;\-–—/]+")


def _clean(name: str) -> str:
    return unicodedata.normalize("NFKC", name or "").lower().strip()


def _strip_en(name: str) -> str:
    words = [w for w in _PUNCT.split(name) if w]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for suffix in _SUFFIXES_EN:
            parts = suffix.split()
            if len(words) > len(parts) and words[-len(parts) :] == parts:
                words = words[: -len(parts)]
                changed = True
                break
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _strip_zh(name: str) -> str:
    name = _PUNCT.sub("", name)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES_ZH:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                name = name[: -len(suffix)]
                changed = True
                break
    stripped = _REGION_PREFIX.sub("", name)
    return stripped if len(stripped) >= 2 else name


def _base_key(name: str) -> str:
    name = _clean(name)
    if re.search(r"[\u4e00-\u9fff]", name):
        return _strip_zh(name)
    return _strip_en(name)


_ALIAS_KEYS: dict[str, str] = {}
for _group in ALIASES:
    _canonical = _base_key(_group[0])
    for _alias in _group:
        _ALIAS_KEYS[_base_key(_alias)] = _canonical
        _ALIAS_KEYS[_PUNCT.sub("", _clean(_alias))] = _canonical


_ZH_ALIAS_PREFIXES = tuple(
    (alias, target)
    for alias, target in _ALIAS_KEYS.items()
    if re.search(r"[\u4e00-\u9fff]", alias) and len(alias) >= 2
)
_ZH_ALIAS_PREFIXES = tuple(sorted(_ZH_ALIAS_PREFIXES, key=lambda pair: -len(pair[0])))
_EN_SUFFIX_WORDS = frozenset(_SUFFIXES_EN)
_EN_UNITS = ("school of", "department of", "dept of", "faculty of", "college of", "lab", "center")


def institution_keys(name: str) -> frozenset[str]:
    return _institution_keys(name)


@lru_cache(maxsize=100_000)
def _institution_keys(name: str) -> frozenset[str]:
    """Comparable keys of one institution name (the name, and the organisation it belongs to)."""
    raw = _clean(name)
    if not raw:
        return frozenset()
    keys = set()
    parts = [raw] + [p for p in re.split(r"[,，;；/]", raw) if p.strip() and p != raw]
    for index, part in enumerate(parts):
        key = _base_key(part)
        if not key or (index and (key in _EN_SUFFIX_WORDS or key.startswith(_EN_UNITS))):
            continue
        keys.add(key)
        if re.search(r"[\u4e00-\u9fff]", key):
            for head in _HEADS_ZH:
                at = key.find(head)
                if at > 0 and at + len(head) < len(key):
                    keys.add(key[: at + len(head)])
                    break
    canonical = set()
    for key in keys:
        if len(key) < 2:
            continue
        canonical.add(_ALIAS_KEYS.get(key, key))
        if key not in _ALIAS_KEYS and re.search(r"[\u4e00-\u9fff]", key):
            # 「海尔电器」 belongs to 海尔, 「中科院海洋研究所」 to 中国科学院: the longest alias
            # the name starts with (so 中国石油大学 is not 中国石油).
            for alias, target in _ZH_ALIAS_PREFIXES:
                if key.startswith(alias):
                    canonical.add(target)
                    break
    return frozenset(canonical)


def organisation_keys(names: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        keys |= institution_keys(name)
    return keys


def conflicts(expert_institutions: Iterable[str], company: str, parent: str = "") -> bool:
    """Whether an expert's institutions and a company (or its parent) are one organisation."""
    return bool(organisation_keys(expert_institutions) & organisation_keys([company, parent]))
