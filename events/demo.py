"""Demo: the 21 March 2025 forum with its agenda, and a live and an upcoming event of its series.

The live and upcoming events are placed relative to the moment `seed_demo` runs; a later run
moves one forward again only when it has ended, and otherwise changes nothing.
"""

import datetime as dt
import zoneinfo

from accounts.demo import GUEST_EMAIL, demo_user
from accounts.models import User, UserRole
from core.demo import DemoContext
from events.models import Event, Registration, Series, Session, SessionMaterial, Venue
from events.services.seats import seats_recount
from hosts.demo import HOST_SLUG, ORGANIZER_EMAIL
from hosts.models import Host
from profiles.demo import ENTERPRISE_EMAIL, EXPERT_EMAIL

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SERIES_SLUG = "fintech-talent-forum"
PAST_SLUG = "2025-03-21-fintech-talent-forum"
LIVE_SLUG = "fintech-matchmaking-day"
UPCOMING_SLUG = "tech-finance-transfer-forum"

PAST_AGENDA = [
    # (minutes from start, length, title, title_en, speaker role)
    (
        0,
        30,
        "博士小镇规划与建设情况介绍",
        "Doctor Town: plan and construction",
        "西海岸新区博士交流协会秘书长",
    ),
    (
        30,
        30,
        "驿站年度活动计划及人才会客厅资源对接机制",
        "The station's annual programme and the talent lounge's resource-docking mechanism",
        "管理咨询公司代表",
    ),
    (60, 30, "西海岸新区人才政策解读", "The district's talent policy", "区人力资源和社会保障局"),
    (
        90,
        30,
        "「赢才卡」人才金融服务介绍",
        "The 「赢才卡」 talent financial-service card",
        "交通银行青岛西海岸分行",
    ),
    (
        120,
        90,
        "自由交流：企业现状与问题、人才服务、资源渠道与「赢才卡」",
        "Open discussion: company situations and problems, talent services, resource channels "
        "and the card",
        "全体与会专家与企业",
    ),
]

LIVE_SESSIONS = [
    ("开幕与需求发布", "Opening and needs briefing"),
    ("金融科技专场", "Fintech track"),
    ("水处理与环保专场", "Water treatment and environment track"),
    ("海洋工程与水声专场", "Marine engineering and underwater acoustics track"),
    ("高端装备与轴承专场", "High-end equipment and bearings track"),
    ("人才政策答疑", "Talent policy Q&A"),
    ("一对一对接时段", "One-to-one meetings"),
    ("总结与自由交流", "Wrap-up and open discussion"),
]

UPCOMING_AGENDA = [
    (0, 30, "科技金融政策与产品发布", "Tech-finance policy and products", "交通银行青岛西海岸分行"),
    (
        30,
        45,
        "高校成果转化案例分享",
        "Technology transfer: cases from the universities",
        "山东大学、哈尔滨工程大学专家",
    ),
    (75, 45, "企业需求路演", "Company needs pitches", "参会企业"),
    (120, 60, "专家企业分组对接", "Expert–company round tables", "全体与会者"),
]


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def _replace_agenda(event: Event, agenda) -> None:
    event.sessions.all().delete()
    Session.objects.bulk_create(
        Session(
            event=event,
            title=title,
            title_en=title_en,
            speakers_text=speaker,
            start=event.start + dt.timedelta(minutes=offset),
            end=event.start + dt.timedelta(minutes=offset + length),
            room="主会场",
        )
        for offset, length, title, title_en, speaker in agenda
    )


def _live_agenda(start: dt.datetime, end: dt.datetime):
    """Sessions that follow one another without gaps from start to end."""
    count = len(LIVE_SESSIONS)
    length = (end - start) / count
    for index, (title, title_en) in enumerate(LIVE_SESSIONS):
        minutes_from = int((length * index).total_seconds() // 60)
        minutes_to = (
            int((end - start).total_seconds() // 60)
            if index == count - 1
            else int((length * (index + 1)).total_seconds() // 60)
        )
        yield minutes_from, minutes_to - minutes_from, title, title_en, ""


PAST_MATERIALS = [
    # (session title, material title, link)
    (
        "西海岸新区人才政策解读",
        "西海岸新区人才政策汇编（链接）",
        "https://www.xihaian.gov.cn/",
    ),
    (
        "「赢才卡」人才金融服务介绍",
        "「赢才卡」服务说明（链接）",
        "https://www.bankcomm.com/",
    ),
]


def _seed_materials(ctx: DemoContext, event: Event) -> None:
    """Links on the past forum's agenda, visible to its registrants."""
    for session_title, title, url in PAST_MATERIALS:
        session = event.sessions.filter(title=session_title).first()
        if session is None:
            continue
        _material, created = SessionMaterial.objects.get_or_create(
            session=session, title=title, defaults={"url": url}
        )
        if created:
            ctx.changed(f"added material {title}")


def seed(ctx: DemoContext) -> None:
    host = Host.objects.get(slug=HOST_SLUG)
    venue, _ = Venue.objects.get_or_create(
        host=host,
        name="新区金融科创人才会客厅",
        defaults={
            "name_en": "West Coast Fintech Talent Lounge",
            "address": "青岛西海岸新区唐岛湾金融科创区，交通银行青岛西海岸分行",
        },
    )
    series, _ = Series.objects.get_or_create(
        slug=SERIES_SLUG,
        defaults={
            "host": host,
            "title": "金融科创人才座谈会",
            "title_en": "Fintech Talent Forum",
            "description": "驿站每月举办的专家—企业座谈会：企业提出需求，专家出谋划策。",
            "description_en": "The station's monthly expert–company forum.",
        },
    )
    common = {"host": host, "series": series, "venue": venue, "status": Event.Status.PUBLISHED}

    day = dt.date(2025, 3, 21)
    past, created = Event.objects.get_or_create(
        slug=PAST_SLUG,
        defaults={
            **common,
            "title": "聚智赋能 科创未来——西海岸新区金融科创人才发展座谈会",
            "title_en": "Pooling Wisdom for an Innovative Future: West Coast Fintech Talent Forum",
            "theme": "金融科创",
            "description": (
                "高校学者与区内企业面对面：介绍博士小镇与驿站年度计划，解读人才政策，"
                "发布「赢才卡」人才金融服务，并围绕企业现状、问题与资源渠道自由交流。"
            ),
            "start": _local(day, 14, 30),
            "end": _local(day, 18, 0),
        },
    )
    if created:
        _replace_agenda(past, PAST_AGENDA)
        ctx.changed(f"created event {past.slug}")
    _seed_materials(ctx, past)

    live_start = ctx.now - dt.timedelta(hours=12)
    live_end = ctx.now + dt.timedelta(hours=12)
    live = Event.objects.filter(slug=LIVE_SLUG).first()
    if live is None or live.end <= ctx.now:
        if live is None:
            live = Event(slug=LIVE_SLUG, **common)
        live.title = "金融科创专家企业对接日"
        live.title_en = "Fintech Expert–Company Matchmaking Day"
        live.theme = "金融科创"
        live.description = "全天分专场进行，专家与企业在线交流、现场对接。"
        live.description_en = "Track by track, experts and companies talk online and meet on site."
        live.start, live.end = live_start, live_end
        live.save()
        _replace_agenda(live, list(_live_agenda(live_start, live_end)))
        ctx.changed(f"placed live event {live.slug} around now")

    upcoming = Event.objects.filter(slug=UPCOMING_SLUG).first()
    if upcoming is None or upcoming.end <= ctx.now:
        if upcoming is None:
            upcoming = Event(slug=UPCOMING_SLUG, **common)
        day = (ctx.now + dt.timedelta(days=21)).astimezone(SHANGHAI).date()
        upcoming.title = "科技金融与成果转化座谈会"
        upcoming.title_en = "Tech Finance and Technology Transfer Forum"
        upcoming.theme = "成果转化"
        upcoming.description = "银行、高校与企业共同探讨科技成果转化的资金与渠道。"
        upcoming.description_en = (
            "Banks, universities and companies on funding technology transfer."
        )
        upcoming.start, upcoming.end = _local(day, 14, 0), _local(day, 17, 0)
        upcoming.save()
        _replace_agenda(upcoming, UPCOMING_AGENDA)
        ctx.changed(f"placed upcoming event {upcoming.slug} in three weeks")

    seed_registrations(ctx)


# Attendees of the live event besides the demo accounts (fictional; not listed for log-in).
LIVE_ATTENDEES = [
    ("attendee1@demo.yizhan.local", "赵工程师"),
    ("attendee2@demo.yizhan.local", "钱经理"),
    ("attendee3@demo.yizhan.local", "孙研究员"),
    ("attendee4@demo.yizhan.local", "周总监"),
]
UPCOMING_QUESTIONS = [
    {
        "key": "organization",
        "label": "单位",
        "label_en": "Organization",
        "required": False,
        "type": "text",
    },
    {
        "key": "lunch",
        "label": "是否参加工作午餐",
        "label_en": "Joining the working lunch?",
        "required": False,
        "type": "choice",
        "choices": ["是", "否"],
    },
]


def _register(event: Event, user: User, role: str, *, checked_in_by=None, now=None) -> bool:
    """A confirmed demo registration, made once; with `checked_in_by`, checked in once."""
    registration = Registration.objects.filter(
        event=event, user=user, status__in=Registration.ACTIVE_STATUSES
    ).first()
    created = registration is None
    if created:
        registration = Registration.objects.create(
            event=event,
            user=user,
            role=role,
            status=Registration.Status.CONFIRMED,
            language="zh-hans",
        )
        seats_recount(event=event)  # written outside the registration services
    if (
        checked_in_by is not None
        and registration.status == Registration.Status.CONFIRMED
        and registration.checked_in_at is None
    ):
        registration.checked_in_at = now
        registration.checked_in_by = checked_in_by
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        created = True
    return created


def seed_registrations(ctx: DemoContext) -> None:
    """Registrations for the live event (some already checked in) and the upcoming one (seats,
    quotas and questions set; the guest account is left free to register)."""
    live = Event.objects.get(slug=LIVE_SLUG)
    upcoming = Event.objects.get(slug=UPCOMING_SLUG)
    if upcoming.capacity is None:
        upcoming.capacity, upcoming.quota_experts, upcoming.quota_enterprises = 60, 20, 30
        upcoming.questions = UPCOMING_QUESTIONS
        upcoming.save(update_fields=["capacity", "quota_experts", "quota_enterprises", "questions"])
        ctx.changed(f"set seats and questions of {upcoming.slug}")
    if live.capacity is None:
        live.capacity = 80
        live.save(update_fields=["capacity"])
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    expert = User.objects.get(email=EXPERT_EMAIL)
    enterprise = User.objects.get(email=ENTERPRISE_EMAIL)
    guest = User.objects.get(email=GUEST_EMAIL)
    changed = 0
    changed += _register(live, expert, "expert", checked_in_by=organizer, now=ctx.now)
    changed += _register(live, enterprise, "enterprise", checked_in_by=organizer, now=ctx.now)
    changed += _register(live, guest, "guest")
    for index, (email, name) in enumerate(LIVE_ATTENDEES):
        user = demo_user(ctx, email=email, name=name, role=UserRole.GUEST)
        changed += _register(
            live, user, "guest", checked_in_by=organizer if index < 2 else None, now=ctx.now
        )
    changed += _register(upcoming, expert, "expert")
    changed += _register(upcoming, enterprise, "enterprise")
    for event in (live, upcoming):  # written directly above: count the seats again
        seats_recount(event=event)
    if changed:
        ctx.changed(f"registered or checked in {changed} demo attendees")
