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
    """Keys of the names and of their short forms (see `short_keys`)."""
    keys: set[str] = set()
    for name in names:
        keys |= institution_keys(name)
        keys |= short_keys(name)
    return keys


def conflicts(expert_institutions: Iterable[str], company: str, parent: str = "") -> bool:
    """Whether an expert's institutions and a company (or its parent) are one organisation."""
    return bool(organisation_keys(expert_institutions) & organisation_keys([company, parent]))


# Short forms ------------------------------------------------------------------------------------
# A company is often named by its trade name alone: 青岛海蓝生物科技有限公司 as 「海蓝生物」,
# Blue Bay Beverage JV Co. as "Blue Bay". Keys of that short form (the name without the place it
# starts with and the industry words it ends with) let a mention in free text meet the company.
_PLACES_ZH_WORDS = """
中国 山东 山东省 青岛 青岛市 济南 烟台 潍坊 威海 日照 临沂 淄博 东营 济宁 泰安 德州 聊城
        滨州 菏泽 枣庄 北京 上海 天津 重庆 广州 深圳 杭州 南京 苏州 宁波 大连 厦门 武汉 成都 西安
        沈阳 长春 哈尔滨 郑州 合肥 福州 长沙 南昌 昆明 贵阳 南宁 海口 石家庄 太原 呼和浩特 兰州
        西宁 银川 乌鲁木齐 拉萨 无锡 常州 南通 东莞 佛山 珠海 胶州 即墨 黄岛 西海岸 崂山 城阳 平度
        莱西 李沧 市北 市南 胶东 江苏 浙江 广东 福建 河北 河南 湖北 湖南 辽宁 吉林 安徽 江西 四川
        云南 贵州 陕西 山西 甘肃 海南 广西 内蒙古 新疆 西藏 宁夏 黑龙江 台湾 香港 澳门"""
_PLACES_ZH = tuple(sorted(_PLACES_ZH_WORDS.split(), key=len, reverse=True))
_INDUSTRY_ZH_WORDS = """
科技 技术 生物 生物科技 新材料 材料 装备 机械 电子 信息 智能 能源 新能源 环保 环境 化工 化学
        食品 医药 制药 药业 医疗 器械 海洋 工程 贸易 实业 发展 电气 汽车 零部件 精密 工业 制造 网络
        软件 数据 物流 服务 咨询 水务 农业 渔业 牧业 纺织 服饰 服装 建设 建筑 设备 仪器 光电 动力
        船舶 重工 饮料 啤酒 防腐 涂料 橡胶 轮胎 塑料 包装 印刷 家电 电器 电力 电池 储能 光伏 半导体
        集成电路 微电子 通信 传媒 文化 旅游 教育 投资 金融 资本 创投 基金 国际 控股 股份 产业 工贸
        商贸 实验室 研究所 开发 创新 智造 健康 生命 海产 水产 食业 酿造 钢铁 金属 冶金 矿业 石化
        石油 燃气 热力 节能 检测 认证 设计 自动化 机器人 电机 模具 铸造 锻造 港口 航运 运输 供应链
        电商 零售 超市 餐饮 酒店 地产 置业 物业"""
_INDUSTRY_ZH = tuple(sorted(_INDUSTRY_ZH_WORDS.split(), key=len, reverse=True))
_GENERIC_EN_WORDS = """
the joint venture jv co company corp corporation inc ltd limited llc plc gmbh ag sa group
    holdings holding industrial industries industry park technology technologies tech marine
    beverage beverages foods food biotech bio pharma pharmaceutical pharmaceuticals medical
    materials material machinery equipment engineering electronics electric energy power
    solutions systems services international trading manufacturing auto automotive parts
    components chemicals chemical paper mill textile textiles logistics shipping port
    environmental water agriculture farm farms fisheries seafood new green smart digital
    software data network networks china qingdao shandong jiaodong binhai"""
_GENERIC_EN = frozenset(_GENERIC_EN_WORDS.split())
# Words by which a text says its writer is affiliated with an organisation, and the phrase after
# them (up to the next punctuation) that names it.
_AFFILIATION_ZH = re.compile(
    r"(?:兼任|兼职|担任|受聘于|受聘为|受聘|受邀担任|就职于|任职于|供职于|服务于|加盟|创办|创立|"
    r"参股|持股|入股|曾任|现任|出任|兼)([\u4e00-\u9fffA-Za-z0-9]{2,30})"
)
_ROLE_ZH = re.compile(
    r"([\u4e00-\u9fff]{2,24}?)(?:的)?(?:首席科学家|首席技术官|首席专家|科学顾问|技术顾问|独立董事|"
    r"董事|监事|股东|合伙人|联合创始人|创始人|总工程师|总工|技术总监|副总经理|总经理|顾问|专家委员)"
)
_AFFILIATION_EN = re.compile(
    r"\b(?:advis[eo]r|consultant|director|board|committee|shareholder|co-?founder|founder|"
    r"chief \w+|cto|partner|works|worked|working|employed|serves|served|sits|fellow|member)\b"
    r"[^.;:!?]{0,60}?\b(?:of|to|at|for|with|by)\s+((?:[A-Z][\w&'-]*\.?\s*){1,6})"
)
_WORDS_EN = re.compile(r"[a-z0-9&]+")


def _brand_zh(core: str) -> str:
    for place in _PLACES_ZH:
        if core.startswith(place) and len(core) - len(place) >= 2:
            core = core[len(place) :]
            break
    changed = True
    while changed:
        changed = False
        for word in _INDUSTRY_ZH:
            if core.endswith(word) and len(core) - len(word) >= 2:
                core = core[: -len(word)]
                changed = True
                break
    return core


def short_keys(name: str) -> frozenset[str]:
    """Keys of a company's short forms (「海蓝生物」, "blue bay"); none for universities."""
    return _short_keys(name)


@lru_cache(maxsize=100_000)
def _short_keys(name: str) -> frozenset[str]:
    raw = _clean(name)
    if not raw:
        return frozenset()
    keys = set()
    if re.search(r"[\u4e00-\u9fff]", raw):
        core = _strip_zh(raw)
        if any(head in core for head in ("大学", "学院", "研究院", "医院", "科学院", "研究所")):
            return frozenset()
        brand = _brand_zh(core)
        if len(brand) >= 3:
            keys.add(brand)
        rest = core[core.find(brand) + len(brand) :] if brand in core else ""
        if len(brand) >= 2 and len(rest) >= 2:
            keys.add(brand + rest[:2])  # 海润 + 防腐: a 2-character name alone is too loose
    else:
        words = [w for w in _PUNCT.split(_strip_en(raw)) if w]
        if any(w in ("university", "institute", "college", "academy", "hospital") for w in words):
            return frozenset()
        brand = [w for w in words if w not in _GENERIC_EN]
        if len(brand) >= 2 or (brand and len(brand[0]) >= 6):
            keys.add(" ".join(brand))
        if len(words) >= 2:
            keys.add(" ".join(words))
    return frozenset(keys)


def mentioned_organisations(text: str) -> tuple[str, ...]:
    """Phrases in which a free text names an organisation its writer works for, advises or
    owns part of (「兼任海蓝生物首席科学家」 → 海蓝生物首席科学家, "technical adviser to Blue Bay
    Beverage JV" → Blue Bay Beverage JV)."""
    text = unicodedata.normalize("NFKC", text or "")
    found = [m.group(1) for m in _AFFILIATION_ZH.finditer(text)]
    found += [m.group(1) for m in _ROLE_ZH.finditer(text)]
    found += [m.group(1).strip() for m in _AFFILIATION_EN.finditer(text)]
    return tuple(dict.fromkeys(name for name in found if len(name.strip()) >= 2))


@lru_cache(maxsize=100_000)
def mention_keys(phrase: str) -> frozenset[str]:
    """Every key a company named inside `phrase` could have: its Chinese substrings of three to
    ten characters, its runs of two to six English words, its long single English words."""
    phrase = _clean(phrase)
    keys = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", phrase):
        for size in range(3, min(10, len(run)) + 1):
            keys.update(run[i : i + size] for i in range(len(run) - size + 1))
    words = _WORDS_EN.findall(phrase)
    for size in range(2, min(6, len(words)) + 1):
        keys.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    keys.update(w for w in words if len(w) >= 6 and w not in _GENERIC_EN)
    return frozenset(keys)


def expert_keys(institutions: Iterable[str], affiliations: Iterable[str]) -> set[str]:
    """An expert's organisation keys: institutions, and organisations named in the free text."""
    keys = organisation_keys(institutions)
    for phrase in affiliations:
        keys |= mention_keys(phrase)
    return keys
