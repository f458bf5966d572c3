"""Demo: two years of the station's needs with seasonal patterns, past forums with their
registrations, meetings, chat, feedback and six-month follow-ups — so the dashboard, the
planner and the monthly report show real shapes on a fresh `make run`.

Everything is made once, placed relative to the first run (a later run changes nothing), in
bulk: the history has no suggestions to refresh. The seasons, by quarter, as the planner
should find them: 人才引进 and 人才政策 in the first (declaration season), 供应链金融 and 工业废水
in the second, 冷链物流 and 储能 in the third (summer heat), 上市辅导 and 防腐涂层 in the fourth.
"""

import datetime as dt
import random
import zoneinfo

from accounts.demo import demo_user
from accounts.models import User
from chat.models import Message
from core.demo import DemoContext
from events.models import Event, Registration, Session
from events.services.seats import seats_recount
from hosts.demo import HOST_SLUG, ORGANIZER_EMAIL
from hosts.models import Host
from matching.models import Introduction
from meetings.models import Meeting, MeetingSlot, MeetingTable
from needs.models import Need, NeedRating, NeedTransition
from outcomes.models import FeedbackRequest, FollowUp, SessionRating
from profiles.models import Company, CompanyMembership, ExpertProfile, Topic

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
S = Need.Status
EVENT_PREFIX = "outcomes-history-"
MARK = "（往年需求）"
HISTORY_AGE = 60  # days: the needs of past seasons are older than the desk demo's

# (topic, category, months, needs per year [two years ago, last year, this year], expert e-mail,
#  what the companies asked)
SEASONS = [
    ("人才引进", "talent", (2, 3), (3, 4, 3), "sun.mocha@demo.yizhan.local", "引进青年博士"),
    ("人才政策", "policy", (1, 3), (3, 3, 2), "wang.jinrong@demo.yizhan.local", "人才政策申报"),
    ("供应链金融", "financing", (4, 5), (3, 3, 2), "wang.jinrong@demo.yizhan.local", "供应链融资"),
    ("工业废水", "technology", (5, 6), (2, 3, 2), "li.shuiqing@demo.yizhan.local", "废水达标处理"),
    ("冷链物流", "technology", (7, 8, 9), (4, 4, 0), "han.bingleng@demo.yizhan.local", "冷链温控"),
    ("储能", "technology", (7, 8), (3, 4, 0), "han.bingleng@demo.yizhan.local", "储能柜散热"),
    ("上市辅导", "financing", (10, 11), (3, 3, 0), "wang.jinrong@demo.yizhan.local", "上市前辅导"),
    ("防腐涂层", "technology", (10, 12), (2, 3, 0), "zhao.cailiao@demo.yizhan.local", "涂层防腐"),
]
# Needs that come at any time of year.
STEADY = [
    ("数字化转型", "technology", "qian.zhineng@demo.yizhan.local", "数字化改造"),
    ("故障诊断", "technology", "qian.zhineng@demo.yizhan.local", "设备故障诊断"),
    ("知识产权质押融资", "financing", "wang.jinrong@demo.yizhan.local", "知识产权质押贷款"),
]
SIZES = ["large", "medium", "small", "medium", "micro", "small", "small", "small", "small"]
OUTCOMES = ["project", "agreement", "negotiating", "in_contact", "no_contact", "agreement"]
FORUM_THEMES = [
    "人才引进与政策申报",
    "供应链金融与科技信贷",
    "冷链物流与储能热管理",
    "上市辅导与企业融资",
]


def _local(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def _companies() -> list[Company]:
    """The demo companies, with a size where they have none (the planner counts by size)."""
    companies = list(Company.objects.order_by("id"))
    for company, size in zip(companies, SIZES, strict=False):
        if not company.size:
            company.size = size
            company.save(update_fields=["size"])
    return companies


def _needs(ctx, rng, host, organizer, companies) -> None:
    """Two years of needs and this year's so far, each with its desk history."""
    topics = {t.name_zh: t for t in Topic.objects.filter(name_zh__in=_topic_names())}
    experts = {
        e.email: e for e in ExpertProfile.objects.filter(email__endswith="@demo.yizhan.local")
    }
    this_year = ctx.now.astimezone(SHANGHAI).year
    plans = []  # (topic, category, created, expert, ask)
    for topic, category, months, counts, expert, ask in SEASONS:
        for offset, count in zip((2, 1, 0), counts, strict=True):
            for n in range(count):
                month = months[n % len(months)]
                created = _local(dt.date(this_year - offset, month, 3 + 7 * (n // len(months))))
                plans.append((topic, category, created, expert, ask))
    start = _local(dt.date(this_year - 2, 1, 1))
    for day in range(0, (ctx.now - start).days, 23):
        topic, category, expert, ask = STEADY[day % len(STEADY)]
        plans.append((topic, category, start + dt.timedelta(days=day, hours=3), expert, ask))
    # Past seasons only: older than the desk demo's needs, and all finished (resolved or
    # closed), so the desk's open needs and their suggestions stay the desk demo's own.
    plans = [p for p in plans if p[2] < ctx.now - dt.timedelta(days=HISTORY_AGE) and p[0] in topics]
    needs = []
    for index, (topic, category, created, _expert, ask) in enumerate(plans):
        company = companies[rng.randrange(len(companies))]
        needs.append(
            Need(
                company=company,
                title=f"{ask}{MARK}{created:%Y-%m}-{index + 1}",
                description=f"{company.name}：{ask}，希望与专家合作。",
                category=category,
                host=host,
                assignee=organizer,
                created_at=created,
                response_deadline=created + dt.timedelta(days=3),
                keywords=[topic],
            )
        )
    Need.objects.bulk_create(needs)
    links, transitions, ratings, introductions = [], [], [], []
    for need, (topic, _category, created, expert_email, _ask) in zip(needs, plans, strict=True):
        if topic in topics:
            links.append(Need.topics.through(need_id=need.pk, topic_id=topics[topic].pk))
        transitions.append(NeedTransition(need=need, to_status=S.SUBMITTED, at=created))
        roll = rng.random()
        responded = created + dt.timedelta(hours=rng.choice([2, 6, 20, 30, 50, 90]))
        steps = [S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED]
        if roll >= 0.6:
            steps = [S.ACKNOWLEDGED, S.CLOSED]
        at, status = responded, S.SUBMITTED
        for step in steps:
            comment = "企业确认需求已解决。" if step == S.RESOLVED else ""
            comment = "企业已自行解决，撤回需求。" if step == S.CLOSED else comment
            transitions.append(
                NeedTransition(
                    need=need,
                    from_status=status,
                    to_status=step,
                    by=organizer,
                    at=at,
                    comment=comment,
                )
            )
            status, at = step, at + dt.timedelta(days=rng.randint(2, 25))
        need.status, need.responded_at = status, responded
        if status == S.RESOLVED:
            need.resolved_at = at - dt.timedelta(days=1)
            if rng.random() < 0.7:
                ratings.append(
                    NeedRating(need=need, score=rng.choice([5, 5, 4, 4, 3]), at=need.resolved_at)
                )
        expert = experts.get(expert_email)
        if expert is not None and status == S.RESOLVED:
            decided = responded + dt.timedelta(days=2)
            introductions.append(
                Introduction(
                    need=need,
                    expert=expert,
                    host=host,
                    initiator=Introduction.Initiator.STAFF,
                    status=Introduction.Status.ACCEPTED,
                    created_at=responded,
                    company_accepted_at=decided,
                    expert_accepted_at=decided,
                    expert_consent_at=decided,
                    decided_at=decided,
                    expires_at=responded + dt.timedelta(days=7),
                )
            )
        if expert is not None and roll > 0.8:
            introductions.append(
                Introduction(
                    need=need,
                    expert=expert,
                    host=host,
                    initiator=Introduction.Initiator.COMPANY,
                    status=rng.choice([Introduction.Status.DECLINED, Introduction.Status.EXPIRED]),
                    created_at=created,
                    expires_at=created + dt.timedelta(days=7),
                    decided_at=created + dt.timedelta(days=7),
                )
            )
    Need.objects.bulk_update(needs, ["status", "responded_at", "resolved_at"])
    Need.topics.through.objects.bulk_create(links)
    NeedTransition.objects.bulk_create(transitions)
    NeedRating.objects.bulk_create(ratings)
    Introduction.objects.bulk_create(introductions)
    ctx.changed(f"gave the demo host {len(needs)} needs of past seasons")


def _topic_names() -> list[str]:
    return [row[0] for row in SEASONS] + [row[0] for row in STEADY]


def _people(ctx) -> tuple[list[User], list[User], list[User]]:
    experts = list(User.objects.filter(expert_profile__email__endswith="@demo.yizhan.local"))
    members = list(
        User.objects.filter(company_memberships__isnull=False, email__endswith="demo.yizhan.local")
        .distinct()
        .order_by("id")
    )
    guests = [
        demo_user(ctx, email=f"history.guest{n}@demo.yizhan.local", name=f"来宾{n}", role="guest")
        for n in range(1, 9)
    ]
    return experts, members, guests


def _forums(ctx, rng, host, organizer) -> None:
    """Past forums: every quarter of the last two years, and three in the last 90 days."""
    experts, members, guests = _people(ctx)
    days_ago = [15, 45, 75, *range(120, 760, 91)]
    for number, ago in enumerate(days_ago):
        start = _local((ctx.now - dt.timedelta(days=ago)).astimezone(SHANGHAI).date(), 14)
        theme = FORUM_THEMES[number % len(FORUM_THEMES)]
        event = Event.objects.create(
            host=host,
            slug=f"{EVENT_PREFIX}{start:%Y%m%d}",
            title=f"{theme}专题座谈会",
            theme=theme,
            start=start,
            end=start + dt.timedelta(hours=3),
            status=Event.Status.FINISHED,
            description="驿站往期专家企业座谈会。",
        )
        sessions = Session.objects.bulk_create(
            Session(
                event=event,
                title=title,
                start=start + dt.timedelta(minutes=m),
                end=start + dt.timedelta(minutes=m + 60),
                room="主会场",
            )
            for m, title in ((0, "需求发布与政策解读"), (60, "专家分享"), (120, "自由交流"))
        )
        people = (
            [(u, "expert") for u in rng.sample(experts, min(4, len(experts)))]
            + [(u, "enterprise") for u in rng.sample(members, min(6, len(members)))]
            + [(u, "guest") for u in rng.sample(guests, 4)]
        )
        registrations = []
        for user, role in people:
            status = rng.choice(
                [Registration.Status.CONFIRMED] * 8 + [Registration.Status.CANCELLED]
            )
            arrived = status == Registration.Status.CONFIRMED and rng.random() < 0.8
            registrations.append(
                Registration(
                    event=event,
                    user=user,
                    role=role,
                    status=status,
                    language="zh-hans",
                    created_at=start - dt.timedelta(days=rng.randint(2, 20)),
                    checked_in_at=start if arrived else None,
                    checked_in_by=organizer if arrived else None,
                )
            )
        Registration.objects.bulk_create(registrations)
        seats_recount(event=event)  # written outside the registration services
        came = [r for r in registrations if r.checked_in_at]
        _meetings(rng, event, came)
        _chat(rng, event, sessions, came, organizer)
        _feedback(rng, event, sessions, came)
    ctx.changed(f"added {len(days_ago)} past forums with feedback")


def _meetings(rng, event, came) -> None:
    pairs = list(
        zip(
            [r.user for r in came if r.role == "expert"],
            [r.user for r in came if r.role == "enterprise"],
            strict=False,
        )
    )
    if not pairs:
        return
    table = MeetingTable.objects.create(event=event, name="A1")
    for index, (expert, member) in enumerate(pairs):
        begin = event.start + dt.timedelta(minutes=120 + 20 * index)
        slot = MeetingSlot.objects.create(
            event=event, start=begin, end=begin + dt.timedelta(minutes=20)
        )
        need = Need.objects.filter(company__memberships__user=member).order_by("id").first()
        Meeting.objects.create(
            event=event, slot=slot, table=table, expert=expert, company_member=member, need=need
        )


def _chat(rng, event, sessions, came, organizer) -> None:
    if not came:
        return
    messages = []
    for index in range(rng.randint(6, 14)):
        author = came[index % len(came)].user
        kind = Message.Kind.QUESTION if index % 3 == 0 else Message.Kind.MESSAGE
        messages.append(
            Message(
                event=event,
                session=sessions[index % len(sessions)],
                kind=kind,
                author=author,
                body="请问专家对这个问题怎么看？"
                if kind == Message.Kind.QUESTION
                else "感谢分享，很有启发。",
                created=event.start + dt.timedelta(minutes=5 * index),
                answered=kind == Message.Kind.QUESTION and index % 2 == 0,
                votes=rng.randint(0, 5) if kind == Message.Kind.QUESTION else 0,
            )
        )
    Message.objects.bulk_create(messages)


def _feedback(rng, event, sessions, came) -> None:
    for registration in came:
        answered = rng.random() < 0.75
        request = FeedbackRequest.objects.create(
            event=event,
            user=registration.user,
            sent_at=event.end + dt.timedelta(hours=20),
            channels="email",
            answered_at=event.end + dt.timedelta(days=1) if answered else None,
            rating=rng.choice([5, 5, 4, 4, 4, 3]) if answered else None,
            comment=rng.choice(["", "", "希望多安排一对一对接时间。", "专家讲得很实在。"])
            if answered
            else "",
        )
        if answered:
            SessionRating.objects.bulk_create(
                SessionRating(request=request, session=s, rating=rng.choice([5, 4, 4, 3]))
                for s in sessions
            )


def _follow_ups(ctx, rng, host) -> None:
    """Six-month follow-ups of the introductions accepted more than six months ago."""
    due = ctx.now - dt.timedelta(days=182)
    rows = []
    intros = Introduction.objects.filter(
        host=host, status=Introduction.Status.ACCEPTED, decided_at__lte=due
    ).select_related("need__company", "expert__user")
    for index, intro in enumerate(intros):
        member = CompanyMembership.objects.filter(company=intro.need.company).order_by("id").first()
        sent = intro.decided_at + dt.timedelta(days=182)
        for user, side, counterpart in (
            (member.user if member else None, FollowUp.Side.COMPANY, intro.expert.name),
            (intro.expert.user, FollowUp.Side.EXPERT, intro.need.company.name),
        ):
            if user is None:
                continue
            answered = rng.random() < 0.8
            rows.append(
                FollowUp(
                    host=host,
                    user=user,
                    side=side,
                    introduction=intro,
                    need=intro.need,
                    counterpart=counterpart,
                    sent_at=sent,
                    channels="email",
                    answered_at=sent + dt.timedelta(days=2) if answered else None,
                    outcome=OUTCOMES[(index + len(rows)) % len(OUTCOMES)] if answered else "",
                )
            )
    FollowUp.objects.bulk_create(rows)
    ctx.changed(f"added {len(rows)} six-month follow-ups")


def seed(ctx: DemoContext) -> None:
    host = Host.objects.filter(slug=HOST_SLUG).first()
    organizer = User.objects.filter(email=ORGANIZER_EMAIL).first()
    if host is None or organizer is None:
        return
    rng = random.Random(2025)  # the same history on every machine
    companies = _companies()
    if not Need.objects.filter(host=host, title__contains=MARK).exists():
        _needs(ctx, rng, host, organizer, companies)
    if not Event.objects.filter(host=host, slug__startswith=EVENT_PREFIX).exists():
        _forums(ctx, rng, host, organizer)
    if not FollowUp.objects.filter(host=host).exists():
        _follow_ups(ctx, rng, host)
