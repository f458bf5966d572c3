"""Demo: ten experts from four universities and ten companies of the West Coast (their needs are
the needs app's part).

People and companies other than the five named in the forum's record are fictional.
"""

from accounts.demo import demo_user
from accounts.models import UserRole
from core.demo import DemoContext
from hosts.demo import HOST_SLUG
from hosts.models import Host
from profiles.labels import industry_from_label, parent_from_description
from profiles.models import Company, CompanyMembership, ExpertProfile, Topic
from profiles.taxonomy import shipped_topics, taxonomy_changed, topics_merge
from profiles.terms import expert_terms_refresh

EXPERT_EMAIL = "expert@demo.yizhan.local"
# These two stay unclaimed (visible to the host's staff only), to show the claim flow.
UNCLAIMED = {"kong.zhengce@demo.yizhan.local", "yan.shichang@demo.yizhan.local"}
VERIFIED = {"青岛澳柯玛控股集团有限公司", "青岛思普润水处理股份有限公司", "青岛高端轴承研究院"}
ENTERPRISE_EMAIL = "enterprise@demo.yizhan.local"

# (email, name, title, institution, department, fields, research summary)
EXPERTS = [
    (
        EXPERT_EMAIL,
        "林海声",
        "教授",
        "哈尔滨工程大学",
        "水声工程学院",
        "水声通信, 水下声学传感, 海洋观测",
        "长期从事水声通信与水下传感网络研究，主持国家重点研发计划课题，研制的水声调制解调器已用于近海观测平台。",
    ),
    (
        "zhou.chuanbo@demo.yizhan.local",
        "周船舶",
        "研究员",
        "哈尔滨工程大学",
        "船舶工程学院",
        "船舶与海洋工程, 海洋工程装备, 结构可靠性",
        "研究海洋平台与船舶结构的疲劳可靠性，参与多型海洋工程装备的设计评审。",
    ),
    (
        "han.bingleng@demo.yizhan.local",
        "韩冰冷",
        "副教授",
        "哈尔滨工程大学",
        "动力与能源工程学院",
        "制冷与低温工程, 冷链物流, 换热器节能",
        "研究低温制冷循环与高效换热器，与家电企业合作开发超低温冷柜节能方案。",
    ),
    (
        "wang.jinrong@demo.yizhan.local",
        "王金融",
        "教授",
        "山东大学",
        "经济学院",
        "金融科技, 供应链金融, 科技企业融资",
        "研究科技型中小企业融资约束与供应链金融风控，为多家地方银行设计知识产权质押贷款产品。",
    ),
    (
        "li.shuiqing@demo.yizhan.local",
        "李水清",
        "教授",
        "山东大学",
        "环境科学与工程学院",
        "污水处理, 膜分离技术, 生物膜法",
        "专注高氨氮工业废水生物处理与膜分离耦合工艺，拥有MBBR相关发明专利多项。",
    ),
    (
        "zhao.cailiao@demo.yizhan.local",
        "赵材料",
        "研究员",
        "山东大学",
        "材料科学与工程学院",
        "海洋防腐涂层, 新材料, 表面工程",
        "研究海洋环境下金属腐蚀与防护涂层，成果应用于跨海大桥与海上风电基础。",
    ),
    (
        "sun.mocha@demo.yizhan.local",
        "孙摩擦",
        "教授",
        "山东科技大学",
        "机械电子工程学院",
        "摩擦学, 轴承寿命预测, 故障诊断",
        "研究滚动轴承摩擦磨损机理与剩余寿命预测，开发了基于振动信号的轴承故障诊断系统。",
    ),
    (
        "qian.zhineng@demo.yizhan.local",
        "钱智能",
        "副教授",
        "山东科技大学",
        "计算机科学与工程学院",
        "人工智能, 工业物联网, 预测性维护",
        "研究工业设备数据的机器学习建模，在矿山与制造企业部署预测性维护平台。",
    ),
    (
        "kong.zhengce@demo.yizhan.local",
        "孔政策",
        "教授",
        "曲阜师范大学",
        "管理学院",
        "人才政策, 创新创业管理, 高新技术企业认定",
        "研究区域人才政策评估与科技型企业成长，为地方政府编制人才发展规划。",
    ),
    (
        "yan.shichang@demo.yizhan.local",
        "颜市场",
        "副教授",
        "曲阜师范大学",
        "经济学院",
        "市场营销, 品牌管理, 文化创意产业",
        "研究文化创意企业品牌建设与数字营销，指导多家众创空间开展市场推广。",
    ),
]

# (name, industry, district, description)
COMPANIES = [
    (
        "青岛澳柯玛控股集团有限公司",
        "制造业",
        "黄岛区",
        "以制冷家电和冷链装备为主业的综合性企业集团。",
    ),
    (
        "青岛思普润水处理股份有限公司",
        "水利、环境和公共设施管理业",
        "黄岛区",
        "专注MBBR生物膜法水处理技术的高新技术企业。",
    ),
    (
        "青岛高端轴承研究院",
        "科学研究和技术服务业",
        "黄岛区",
        "面向高端装备的轴承设计、试验与检测研究机构。",
    ),
    (
        "青岛摩服通科技有限公司",
        "信息传输、软件和信息技术服务业",
        "黄岛区",
        "为工业设备提供远程运维服务的软件企业。",
    ),
    (
        "青岛蛙声一片创客股份有限公司",
        "租赁和商务服务业",
        "黄岛区",
        "运营众创空间与创业孵化服务的企业。",
    ),
    ("青岛海韵声学装备有限公司", "制造业", "黄岛区", "研制海洋观测声学装备的科技型中小企业。"),
    ("青岛蓝湾新材料科技有限公司", "制造业", "黄岛区", "生产海洋工程用防腐涂料的企业。"),
    (
        "青岛唐岛湾数字金融服务有限公司",
        "金融业",
        "黄岛区",
        "为园区中小企业提供供应链金融信息服务的公司。",
    ),
    (
        "青岛灵山湾新能源科技有限公司",
        "电力、热力、燃气及水生产和供应业",
        "黄岛区",
        "从事工商业储能系统集成的企业，由青岛澳柯玛控股集团有限公司控股。",
    ),
    ("青岛西海岸海洋工程有限公司", "建筑业", "黄岛区", "承接海洋平台与港口工程的施工企业。"),
]


def seed(ctx: DemoContext) -> None:
    if not Topic.objects.exists():
        # A database emptied after its migrations ran (e.g. between browser tests) has lost the
        # shipped taxonomy that migration 0007 loads; the demo needs it.
        topics_merge(Topic, shipped_topics())
        taxonomy_changed()
        ctx.changed("loaded the shipped taxonomy")
    host = Host.objects.get(slug=HOST_SLUG)
    expert_user = demo_user(
        ctx, email=EXPERT_EMAIL, name="林海声", role=UserRole.EXPERT, label="expert"
    )
    enterprise_user = demo_user(
        ctx,
        email=ENTERPRISE_EMAIL,
        name="思普润 张经理",
        role=UserRole.ENTERPRISE,
        label="enterprise",
    )
    for email, name, title, institution, department, fields, summary in EXPERTS:
        profile, created = ExpertProfile.objects.get_or_create(
            email=email,
            defaults={
                "user": expert_user if email == EXPERT_EMAIL else None,
                "name": name,
                "title": title,
                "institution": institution,
                "department": department,
                "fields_text": fields,
                "research_summary": summary,
                "imported_by": host,
                "highest_degree": ExpertProfile.Degree.DOCTORATE,
                "cooperation_forms": ["consulting", "joint_rd"],
                "languages": ["中文", "English"],
            },
        )
        if created:
            ctx.changed(f"created expert {name}")
        if profile.claimed_at is None and email not in UNCLAIMED:
            profile.claimed_at = ctx.now
            profile.save(update_fields=["claimed_at"])
            ctx.changed(f"expert {name} counts as claimed")
        if not profile.tokens:  # also gives rows from before the taxonomy their topics
            expert_terms_refresh(profile)
            ctx.changed(f"topics for expert {name}")
    companies = {}
    for name, industry, district, description in COMPANIES:
        company, created = Company.objects.get_or_create(
            name=name,
            defaults={
                "industry": industry_from_label(industry) or "",
                "district": district,
                "description": description,
                "parent_name": parent_from_description(description),
            },
        )
        companies[name] = company
        if created:
            ctx.changed(f"created company {name}")
        if company.industry and len(company.industry) > 1:  # a label from an older demo
            company.industry = industry_from_label(company.industry) or ""
            company.save(update_fields=["industry"])
            ctx.changed(f"industry section for {name}")
        if name in VERIFIED and company.verified_at is None:
            company.verified_at, company.verified_by = ctx.now, host
            company.save(update_fields=["verified_at", "verified_by"])
            ctx.changed(f"verified {name}")
    for company in companies.values():
        if company.parent_name and company.parent_id is None:
            parent = companies.get(company.parent_name)
            if parent is not None:
                company.parent = parent
                company.save(update_fields=["parent"])
                ctx.changed(f"parent organisation of {company.name}")
    CompanyMembership.objects.get_or_create(
        company=Company.objects.get(name="青岛思普润水处理股份有限公司"),
        user=enterprise_user,
        defaults={"is_admin": True},
    )
