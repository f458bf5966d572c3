"""Demo: the demo companies' needs, and the needs desk at work — histories, 派单 and ratings.

The station's organizer answers the needs, so the desk's figures and the overdue list show
something meaningful. A need gets its story once, while its history is only "submitted";
a second run changes nothing.
"""

import datetime as dt

from django.db import transaction

from accounts.models import User
from core.demo import DemoContext
from hosts.demo import HOST_SLUG, ORGANIZER_EMAIL
from hosts.models import Host
from needs.models import Need, NeedRating, NeedTransition
from needs.services import need_terms_refresh, record_submission
from profiles.demo import ENTERPRISE_EMAIL
from profiles.models import Company

S = Need.Status

# company name (of the profiles demo) -> [(title, description, category, urgency)]
NEEDS = {
    "青岛澳柯玛控股集团有限公司": [
        (
            "超低温冷柜节能降耗",
            "-86℃超低温冷柜能耗偏高，希望与高校合作优化制冷循环与换热器设计。",
            "technology",
            "normal",
        ),
        (
            "冷链物流全程温控物联网",
            "冷链运输途中温度记录不连续，需要低功耗物联网温控方案。",
            "technology",
            "high",
        ),
    ],
    "青岛思普润水处理股份有限公司": [
        (
            "高氨氮工业废水深度处理",
            "化工园区高氨氮废水处理成本高，希望引入膜分离与生物膜耦合新工艺。",
            "technology",
            "high",
        ),
        (
            "科创板上市前融资规划",
            "计划两年内申报上市，需要融资结构与估值方面的专家辅导。",
            "financing",
            "normal",
        ),
    ],
    "青岛高端轴承研究院": [
        (
            "风电主轴承寿命预测",
            "风电主轴承失效代价高，需要摩擦磨损机理与寿命预测模型方面的合作。",
            "technology",
            "high",
        ),
        (
            "引进摩擦学方向青年博士",
            "希望通过柔性引才方式引进摩擦学与可靠性方向的青年人才。",
            "talent",
            "normal",
        ),
    ],
    "青岛摩服通科技有限公司": [
        (
            "设备故障预测算法",
            "平台积累了大量设备振动与电流数据，需要故障预测与预测性维护算法。",
            "technology",
            "normal",
        ),
    ],
    "青岛蛙声一片创客股份有限公司": [
        (
            "孵化企业政策申报辅导",
            "在孵企业对人才政策和高新技术企业认定了解不足，需要政策解读与申报辅导。",
            "policy",
            "normal",
        ),
        (
            "众创空间品牌推广",
            "希望提升众创空间的品牌影响力，吸引更多优质创业团队入驻。",
            "market",
            "low",
        ),
    ],
    "青岛海韵声学装备有限公司": [
        (
            "浅海水声通信可靠性",
            "浅海多径环境下水声通信误码率高，需要信道均衡与调制方面的技术支持。",
            "technology",
            "high",
        ),
    ],
    "青岛蓝湾新材料科技有限公司": [
        (
            "海上风电防腐涂层寿命评估",
            "需要建立海洋大气区和浪溅区涂层加速老化与寿命评估方法。",
            "technology",
            "normal",
        ),
    ],
    "青岛唐岛湾数字金融服务有限公司": [
        (
            "供应链金融风控模型",
            "需要结合核心企业交易数据的中小企业信用评估与风控模型。",
            "financing",
            "normal",
        ),
    ],
    "青岛灵山湾新能源科技有限公司": [
        (
            "储能电池柜热管理",
            "储能电池柜夏季温升明显，需要液冷与换热结构优化方案。",
            "technology",
            "normal",
        ),
        (
            "申请高新技术企业认定",
            "首次申请高新技术企业认定，需要了解条件与材料准备。",
            "policy",
            "low",
        ),
    ],
    "青岛西海岸海洋工程有限公司": [
        (
            "海洋平台结构健康监测",
            "在役平台结构老化，需要疲劳评估与健康监测方案。",
            "technology",
            "normal",
        ),
    ],
}


# title -> (days ago submitted, [(status, hours after submission, comment)],
#           rating (score, comment, by the demo enterprise member?) or None,
#           response deadline in hours after submission (negative: from now) or None)
STORIES = {
    "高氨氮工业废水深度处理": (
        40,
        [
            (S.ACKNOWLEDGED, 3, "已受理，已联系山东大学环境学院李水清教授团队。"),
            (S.IN_PROGRESS, 30, "已安排专家赴企业现场调研，双方商定小试方案。"),
            (S.RESOLVED, 24 * 21, "膜分离与MBBR耦合小试达标，企业与高校签订技术开发合同。"),
        ],
        (5, "响应很快，专家对接精准，小试效果超出预期。", True),
        48,
    ),
    "超低温冷柜节能降耗": (
        35,
        [
            (S.ACKNOWLEDGED, 20, "已受理。"),
            (S.IN_PROGRESS, 50, "推荐哈尔滨工程大学韩冰冷副教授，已组织线上交流。"),
            (S.RESOLVED, 24 * 18, "专家提交换热器优化方案，企业样机能耗下降约12%。"),
        ],
        (4, "方案有效，希望后续继续跟进量产验证。", False),
        48,
    ),
    "引进摩擦学方向青年博士": (
        30,
        [
            (S.ACKNOWLEDGED, 6, "已受理，转区人才服务中心协同办理。"),
            (S.IN_PROGRESS, 26, "已向山东科技大学推送岗位信息。"),
            (S.RESOLVED, 24 * 14, "一名摩擦学方向博士以柔性方式入驻研究院。"),
        ],
        (4, "", False),
        48,
    ),
    "孵化企业政策申报辅导": (
        28,
        [
            (S.ACKNOWLEDGED, 2, "已受理。"),
            (S.IN_PROGRESS, 8, "邀请孔政策教授开展专场政策解读。"),
            (S.RESOLVED, 24 * 6, "政策解读会已举办，12家在孵企业参加。"),
        ],
        (5, "讲解清楚，企业反响很好。", False),
        24,
    ),
    "申请高新技术企业认定": (
        20,
        [
            (S.ACKNOWLEDGED, 10, "已受理。"),
            (S.IN_PROGRESS, 30, "已对照认定条件逐项梳理材料清单。"),
            (S.RESOLVED, 24 * 9, "材料已按要求准备完毕并提交。"),
        ],
        None,
        48,
    ),
    "众创空间品牌推广": (
        25,
        [
            (S.ACKNOWLEDGED, 26, "已受理。"),
            (S.CLOSED, 24 * 5, "企业已与本地营销机构签约，双方确认需求撤回。"),
        ],
        None,
        24,
    ),
    "冷链物流全程温控物联网": (
        18,
        [
            (S.ACKNOWLEDGED, 5, "已受理。"),
            (S.IN_PROGRESS, 40, "钱智能副教授团队正在评估低功耗通信方案。"),
        ],
        None,
        48,
    ),
    "风电主轴承寿命预测": (
        15,
        [
            (S.ACKNOWLEDGED, 4, "已受理。"),
            (S.IN_PROGRESS, 28, "孙摩擦教授团队已获取试验台数据，开始建模。"),
        ],
        None,
        48,
    ),
    "科创板上市前融资规划": (
        10,
        [(S.ACKNOWLEDGED, 12, "已受理，将在下期金融科创座谈会上安排专场辅导。")],
        None,
        48,
    ),
    "供应链金融风控模型": (
        9,
        [(S.ACKNOWLEDGED, 70, "已受理（超出响应期限），正在联系王金融教授。")],
        None,
        48,
    ),
    "设备故障预测算法": (8, [(S.ACKNOWLEDGED, 9, "已受理。")], None, 48),
    "浅海水声通信可靠性": (5, [], None, -20),  # overdue: still waiting after its deadline
    "海上风电防腐涂层寿命评估": (1, [], None, 24 * 3),
    "海洋平台结构健康监测": (2, [], None, 24 * 3),
    # 储能电池柜热管理: submitted, no desk yet — any approved host may pick it up.
}


@transaction.atomic
def seed(ctx: DemoContext) -> None:
    for company_name, needs in NEEDS.items():
        company = Company.objects.get(name=company_name)
        for title, text, category, urgency in needs:
            need, created = Need.objects.get_or_create(
                company=company,
                title=title,
                defaults={"description": text, "category": category, "urgency": urgency},
            )
            if created:
                ctx.changed(f"created need {title}")
            if not need.tokens:
                need_terms_refresh(need, labels=[])
                ctx.changed(f"topics for need {title}")
    host = Host.objects.get(slug=HOST_SLUG)
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    enterprise_user = User.objects.get(email=ENTERPRISE_EMAIL)
    for need in Need.objects.filter(transitions__isnull=True):
        record_submission(need=need, by=need.created_by)
    for title, (days_ago, steps, rating, deadline_hours) in STORIES.items():
        need = Need.objects.filter(title=title).first()
        if need is None or need.status != S.SUBMITTED or need.transitions.count() != 1:
            continue
        if need.assignee_id is not None:
            continue  # already assigned by someone: leave it alone
        _tell(
            need,
            created=ctx.now - dt.timedelta(days=days_ago),
            steps=steps,
            rating=rating,
            deadline_hours=deadline_hours,
            ctx=ctx,
            host=host,
            organizer=organizer,
            enterprise_user=enterprise_user,
        )
        ctx.changed(f"gave need {title} its desk history")


def _tell(need, *, created, steps, rating, deadline_hours, ctx, host, organizer, enterprise_user):
    need.created_at = created
    need.host = host
    need.assignee = organizer
    if deadline_hours is None:
        need.response_deadline = None
    elif deadline_hours < 0:
        need.response_deadline = ctx.now + dt.timedelta(hours=deadline_hours)
    else:
        need.response_deadline = created + dt.timedelta(hours=deadline_hours)
    need.transitions.update(at=created)
    status = S.SUBMITTED
    for to, hours, comment in steps:
        at = created + dt.timedelta(hours=hours)
        NeedTransition.objects.create(
            need=need, from_status=status, to_status=to, by=organizer, at=at, comment=comment
        )
        if need.responded_at is None:
            need.responded_at = at
        if to == S.RESOLVED:
            need.resolved_at = at
        status = to
    need.status = status
    need.save()
    if rating is not None:
        score, comment, by_member = rating
        NeedRating.objects.create(
            need=need,
            score=score,
            comment=comment,
            by=enterprise_user if by_member else None,
            at=need.resolved_at + dt.timedelta(days=1),
        )
