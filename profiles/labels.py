"""Free labels people type (in imports and forms) → our choices: GB/T 4754 sections and
known districts (recognised labels map; others return None); the parent organisation a
company's description names.
"""

import re

from profiles.models import Company

INDUSTRY_ZH = {
    "A": "农、林、牧、渔业",
    "B": "采矿业",
    "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业",
    "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业",
    "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业",
    "J": "金融业",
    "K": "房地产业",
    "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业",
    "P": "教育",
    "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}
# Words that identify a section inside a longer or looser label, most specific first.
INDUSTRY_WORDS = [
    ("软件", "I"),
    ("信息技术", "I"),
    ("互联网", "I"),
    ("software", "I"),
    ("information", "I"),
    ("金融", "J"),
    ("银行", "J"),
    ("保险", "J"),
    ("financ", "J"),
    ("科学研究", "M"),
    ("技术服务", "M"),
    ("研究院", "M"),
    ("research", "M"),
    ("环境", "N"),
    ("水利", "N"),
    ("environment", "N"),
    ("电力", "D"),
    ("燃气", "D"),
    ("能源", "D"),
    ("energy", "D"),
    ("electric", "D"),
    ("建筑", "E"),
    ("construction", "E"),
    ("商务服务", "L"),
    ("租赁", "L"),
    ("批发", "F"),
    ("零售", "F"),
    ("retail", "F"),
    ("物流", "G"),
    ("交通", "G"),
    ("运输", "G"),
    ("logistic", "G"),
    ("transport", "G"),
    ("餐饮", "H"),
    ("住宿", "H"),
    ("房地产", "K"),
    ("real estate", "K"),
    ("教育", "P"),
    ("education", "P"),
    ("医疗", "Q"),
    ("卫生", "Q"),
    ("health", "Q"),
    ("文化", "R"),
    ("体育", "R"),
    ("农业", "A"),
    ("渔业", "A"),
    ("agricultur", "A"),
    ("采矿", "B"),
    ("矿业", "B"),
    ("mining", "B"),
    ("制造", "C"),
    ("manufactur", "C"),
]

# Districts of Qingdao (the demo forum's city) with the names people commonly use for them.
DISTRICTS = {
    "市南区": ["市南", "shinan"],
    "市北区": ["市北", "shibei"],
    "李沧区": ["李沧", "licang"],
    "崂山区": ["崂山", "laoshan"],
    "城阳区": ["城阳", "chengyang"],
    "黄岛区": ["黄岛", "西海岸", "西海岸新区", "青岛西海岸新区", "huangdao", "west coast"],
    "即墨区": ["即墨", "jimo"],
    "胶州市": ["胶州", "jiaozhou"],
    "平度市": ["平度", "pingdu"],
    "莱西市": ["莱西", "laixi"],
}


def industry_from_label(label: str) -> str | None:
    """The GB/T 4754 section letter for a label such as 制造业, "C" or "Manufacturing"."""
    text = (label or "").strip()
    if not text:
        return None
    if len(text) == 1 and text.upper() in INDUSTRY_ZH:
        return text.upper()
    for code, name in INDUSTRY_ZH.items():
        if text == name:
            return code
    lowered = text.casefold()
    for code, name in Company.Industry.choices:
        if lowered == str(name).casefold():
            return code
    for word, code in INDUSTRY_WORDS:
        if word in lowered:
            return code
    return None


def district_from_label(label: str) -> str | None:
    text = (label or "").strip()
    lowered = text.casefold()
    for district, aliases in DISTRICTS.items():
        if text == district or lowered in aliases:
            return district
    return None


_PUNCT = r"[，。；、,;.\s（）()]"
# Each pattern runs in time linear in the text (a 100,000-character description is imported as
# fast as a short one): a match may only start where a clause starts (the text's start or a
# clause mark) or at a fixed word, so no clause is scanned again from each of its characters.
# The leftmost match is the same as the unanchored patterns', whose group spans the clause.
_CLAUSE = r"(?:^|(?<=[，。；,;]))"
PARENT_PATTERNS = [
    re.compile(rf"{_CLAUSE}[^由，。；,;]*由([^，。；,;]+?)(?:全资|绝对|相对)?控股(?={_PUNCT}|$)"),
    re.compile(rf"{_CLAUSE}([^，。；,;]+?)(?:的)?(?:全资|控股)子公司"),
    re.compile(r"母公司(?:为|是|系)?[:：\s]*([^，。；,;（(]+)"),
    re.compile(r"subsidiary\s+of\s+([^,.;()]+)", re.I),
]


def parent_from_description(text: str) -> str:
    """The parent organisation a description names (「由…控股」, 「…的全资子公司」,
    「母公司…」, "a subsidiary of …"), or ""."""
    for pattern in PARENT_PATTERNS:
        match = pattern.search(text or "")
        if match:
            name = match.group(1).strip()
            name = (
                re.split(r"是|为|系|隶属于|属于", name)[-1].strip() if not name.isascii() else name
            )
            name = re.sub(r"^(?:the|a)\s+", "", name, flags=re.I).strip()
            if 2 <= len(name) <= 200:
                return name
    return ""
