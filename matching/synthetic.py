"""Seeded synthetic forums for the benchmarks: a taxonomy, experts and needs.

Realistic in shape rather than content: topic popularity is Zipf-distributed (a few fields
everybody lists, a long tail), free text is Zipf over a Chinese and an English vocabulary, a
quarter of the profiles are in English, some companies belong to a university or group that
employs experts (conflicts of interest), some needs are closed, some have no topics.
"""

from __future__ import annotations

import numpy as np

from matching.engine.inputs import EventIn, ExpertIn, NeedIn, TopicIn

ROOTS = [
    ("工程技术", "engineering", "engineering"),
    ("材料科学", "materials science", "science"),
    ("海洋科学", "marine science", "science"),
    ("生物医药", "biomedicine", "medicine"),
    ("现代农业", "modern agriculture", "agriculture"),
    ("信息技术", "information technology", "engineering"),
    ("能源环境", "energy and environment", "engineering"),
    ("金融投资", "finance and investment", "finance"),
    ("经济管理", "economics and management", "management"),
    ("法律政策", "law and policy", "law"),
    ("市场营销", "marketing", "management"),
    ("人才教育", "talent and education", "education"),
]
ZH_PARTS = [
    "智能",
    "海洋",
    "储能",
    "电池",
    "传感",
    "膜",
    "污水",
    "催化",
    "高分子",
    "复合",
    "机器人",
    "视觉",
    "检测",
    "装备",
    "船舶",
    "港口",
    "物流",
    "数据",
    "算法",
    "芯片",
    "通信",
    "光伏",
    "氢能",
    "风电",
    "节能",
    "土壤",
    "育种",
    "饲料",
    "疫苗",
    "药物",
    "器械",
    "诊断",
    "基因",
    "发酵",
    "食品",
    "包装",
    "纺织",
    "橡胶",
    "轮胎",
    "涂料",
    "焊接",
    "铸造",
    "模具",
    "数控",
    "控制",
    "网络",
    "安全",
    "区块链",
    "云计算",
    "融资",
    "风险",
    "并购",
    "上市",
    "税务",
    "知识产权",
    "合规",
    "劳动",
    "品牌",
    "渠道",
    "跨境",
    "电商",
    "出口",
    "培训",
    "招聘",
    "股权",
    "债券",
    "保险",
    "评估",
    "规划",
    "标准",
]
EN_PARTS = [
    "smart",
    "marine",
    "storage",
    "battery",
    "sensing",
    "membrane",
    "wastewater",
    "catalysis",
    "polymer",
    "composite",
    "robot",
    "vision",
    "inspection",
    "equipment",
    "ship",
    "port",
    "logistics",
    "data",
    "algorithm",
    "chip",
    "communication",
    "solar",
    "hydrogen",
    "wind",
    "saving",
    "soil",
    "breeding",
    "feed",
    "vaccine",
    "drug",
    "device",
    "diagnosis",
    "gene",
    "fermentation",
    "food",
    "packaging",
    "textile",
    "rubber",
    "tyre",
    "coating",
    "welding",
    "casting",
    "mould",
    "cnc",
    "control",
    "network",
    "security",
    "blockchain",
    "cloud",
    "financing",
    "risk",
    "merger",
    "listing",
    "tax",
    "ip",
    "compliance",
    "labour",
    "brand",
    "channel",
    "crossborder",
    "ecommerce",
    "export",
    "training",
    "recruiting",
    "equity",
    "bond",
    "insurance",
    "valuation",
    "planning",
    "standard",
]
ZH_TAIL = [
    "技术",
    "系统",
    "工艺",
    "材料",
    "管理",
    "分析",
    "设计",
    "制造",
    "服务",
    "平台",
    "评价",
    "优化",
]
EN_TAIL = [
    "technology",
    "systems",
    "process",
    "materials",
    "management",
    "analysis",
    "design",
    "manufacturing",
    "services",
    "platform",
    "assessment",
    "optimisation",
]
FORMS = ("consulting", "joint_research", "technology_transfer", "training", "part_time", "lecture")
CATEGORIES = ("technology", "financing", "policy", "market", "talent", "other")
CATEGORY_P = (0.6, 0.1, 0.08, 0.1, 0.07, 0.05)
ZH_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
    "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精"
    "值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞"
)
EN_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ro",
    "sa",
    "ti",
    "ve",
    "zu",
    "pa",
    "de",
    "fi",
    "gu",
    "ho",
    "ja",
    "ke",
    "lu",
    "ma",
    "no",
    "pe",
    "qui",
    "ra",
    "se",
    "to",
    "un",
    "vi",
    "wa",
    "xe",
    "yo",
    "ze",
]


def build_taxonomy(rng: np.random.Generator):
    topics: list[TopicIn] = []
    next_id = 1
    for zh, en, discipline in ROOTS:
        root = TopicIn(next_id, f"t{next_id}", zh, en, (), None, discipline)
        topics.append(root)
        next_id += 1
        for _f in range(8):
            a = int(rng.integers(len(ZH_PARTS)))
            field = TopicIn(
                next_id, f"t{next_id}", f"{ZH_PARTS[a]}{zh[:2]}", f"{EN_PARTS[a]} {en}", (), root.id
            )
            topics.append(field)
            next_id += 1
            for _leaf in range(8):
                b, c = rng.integers(len(ZH_PARTS)), rng.integers(len(ZH_TAIL))
                name_zh = f"{ZH_PARTS[a]}{ZH_PARTS[b]}{ZH_TAIL[c]}"
                name_en = f"{EN_PARTS[a]} {EN_PARTS[b]} {EN_TAIL[c]}"
                if any(t.name_zh == name_zh for t in topics[-8:]):
                    continue
                synonyms = (
                    f"{ZH_PARTS[b]}{ZH_PARTS[a]}{ZH_TAIL[c]}",
                    f"{EN_PARTS[b]} {EN_TAIL[c]}",
                )
                topics.append(TopicIn(next_id, f"t{next_id}", name_zh, name_en, synonyms, field.id))
                next_id += 1
    # Keep names unique, as the taxonomy's unique constraints will.
    seen: set[str] = set()
    unique = []
    for topic in topics:
        if topic.name_zh in seen or topic.name_en in seen:
            continue
        seen.update({topic.name_zh, topic.name_en})
        unique.append(topic)
    ids = {t.id for t in unique}
    return [
        t
        if t.parent_id is None or t.parent_id in ids
        else TopicIn(t.id, t.slug, t.name_zh, t.name_en, t.synonyms, None, t.discipline)
        for t in unique
    ]


_CDF: dict[tuple[int, float], np.ndarray] = {}


def _zipf_choice(rng, n_items: int, size, a: float = 1.1):
    cdf = _CDF.get((n_items, a))
    if cdf is None:
        p = np.arange(1, n_items + 1, dtype=np.float64) ** -a
        cdf = _CDF[(n_items, a)] = np.cumsum(p / p.sum())
    return np.minimum(np.searchsorted(cdf, rng.random(size)), n_items - 1)


def _vocab(rng, size: int, zh: bool) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        if zh:
            k = 2 if rng.random() < 0.8 else 3
            words.add("".join(ZH_CHARS[i] for i in rng.integers(len(ZH_CHARS), size=k)))
        else:
            k = int(rng.integers(2, 4))
            words.add("".join(EN_SYLLABLES[i] for i in rng.integers(len(EN_SYLLABLES), size=k)))
    words = sorted(words)
    return [words[i] for i in rng.permutation(len(words))]


def generate(*, experts: int, needs: int, seed: int = 42, events: int = 30):
    """(topics, experts, needs, events) of a synthetic forum."""
    rng = np.random.default_rng(seed)
    topics = build_taxonomy(rng)
    leaves = [t for t in topics if t.parent_id is not None]
    leaf_order = rng.permutation(len(leaves))  # popularity rank → leaf
    zh_vocab, en_vocab = _vocab(rng, 20000, True), _vocab(rng, 12000, False)
    institutions = [
        f"{''.join(ZH_CHARS[i] for i in rng.integers(len(ZH_CHARS), size=2))}"
        f"{['大学', '科技大学', '研究院', '集团有限公司', '股份有限公司'][k % 5]}"
        for k in range(2000)
    ]
    event_list = {
        v + 1: EventIn(v + 1, f"第{v + 1}届专家企业座谈会", f"Expert–enterprise forum {v + 1}")
        for v in range(events)
    }

    def text(n_words: int, zh: bool, topic_ids) -> tuple[str, ...]:
        vocab = zh_vocab if zh else en_vocab
        words = [vocab[i] for i in _zipf_choice(rng, len(vocab), n_words)]
        for topic_id in topic_ids[:2]:
            topic = by_id[topic_id]
            words.extend([topic.name_zh] if zh else topic.name_en.split())
        return tuple(words)

    by_id = {t.id: t for t in topics}
    expert_list = []
    topic_counts = rng.integers(1, 7, size=experts)
    topic_draws = _zipf_choice(rng, len(leaves), int(topic_counts.sum()), a=0.9)
    offset = 0
    for e in range(experts):
        k = int(topic_counts[e])
        chosen = tuple(
            dict.fromkeys(leaves[leaf_order[i]].id for i in topic_draws[offset : offset + k])
        )
        offset += k
        zh = rng.random() < 0.75
        institution = institutions[int(_zipf_choice(rng, len(institutions), 1)[0])]
        expert_list.append(
            ExpertIn(
                id=e + 1,
                name=f"专家{e + 1}" if zh else f"Expert {e + 1}",
                topic_ids=chosen if rng.random() > 0.1 else (),
                tokens=text(int(rng.integers(10, 40)), zh, chosen),
                languages=("zh-hans",) if zh else ("en",),
                institutions=(institution,),
                forms=tuple(f for f in FORMS if rng.random() < 0.35),
                available=bool(rng.random() < 0.8),
                opted_out=bool(rng.random() < 0.02),
                active_engagements=int(rng.integers(0, 4)),
                max_engagements=int(rng.choice([0, 0, 3, 5])),
                event_ids=(int(rng.integers(1, events + 1)),) if rng.random() < 0.05 else (),
                unclaimed=bool(rng.random() < 0.3),
            )
        )
    need_list = []
    for n in range(needs):
        k = int(rng.integers(0, 4))
        chosen = tuple(
            dict.fromkeys(
                leaves[leaf_order[i]].id for i in _zipf_choice(rng, len(leaves), k, a=0.9)
            )
        )
        parent = institutions[int(rng.integers(len(institutions)))] if rng.random() < 0.1 else ""
        company = (
            f"{parent.removesuffix('集团有限公司')}资产经营有限公司"
            if parent and rng.random() < 0.5
            else f"青岛{''.join(ZH_CHARS[i] for i in rng.integers(len(ZH_CHARS), size=3))}有限公司"
        )
        need_list.append(
            NeedIn(
                id=n + 1,
                company=company,
                parent_organisation=parent,
                category=str(rng.choice(CATEGORIES, p=CATEGORY_P)),
                topic_ids=chosen if rng.random() > 0.2 else (),
                tokens=text(int(rng.integers(8, 30)), rng.random() < 0.85, chosen),
                forms_wanted=tuple(f for f in FORMS if rng.random() < 0.2),
                open=bool(rng.random() < 0.9),  # one need in ten is resolved or closed
                event_ids=(int(rng.integers(1, events + 1)),) if rng.random() < 0.1 else (),
                title=f"需求{n + 1}",
            )
        )
    return topics, expert_list, need_list, event_list
