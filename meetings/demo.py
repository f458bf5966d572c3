"""Demo meetings and round tables.

The upcoming forum gets meeting slots (15:00–16:40 in 20-minute slots), four tables, requests
between registered experts and company members, and a generated schedule; the live
matchmaking day gets a round-table seating of its registered experts and companies. Demo
experts and company members get accounts and registrations where they have none (after
which the matching demo's stored suggestions are brought up to date: shared events count in
the scores). Runs after the matching demo, whose accepted introduction becomes a meeting
request. A second run changes nothing (unless the upcoming event was moved to a new day: then
its slots move too).
"""

import datetime as dt

from accounts.demo import demo_user
from accounts.models import User, UserRole
from core.demo import DemoContext
from events.demo import LIVE_SLUG, UPCOMING_SLUG
from events.models import Event, Registration
from events.services.seats import seats_recount
from matching.demo import suggestions_store
from meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    MeetingUnavailability,
    RoundTablePlan,
    SessionAttendance,
)
from meetings.services.meetings import (
    meeting_slots_define,
    meeting_tables_define,
    meetings_schedule,
)
from meetings.services.round_tables import round_tables_seat
from profiles.demo import ENTERPRISE_EMAIL, EXPERT_EMAIL, UNCLAIMED
from profiles.models import Company, CompanyMembership, ExpertProfile

# (expert's e-mail, company, priority): pairs whose topics meet.
REQUESTS = [
    ("li.shuiqing@demo.yizhan.local", "青岛思普润水处理股份有限公司", 2),
    ("sun.mocha@demo.yizhan.local", "青岛高端轴承研究院", 2),
    (EXPERT_EMAIL, "青岛海韵声学装备有限公司", 2),
    ("zhou.chuanbo@demo.yizhan.local", "青岛西海岸海洋工程有限公司", 1),
    ("wang.jinrong@demo.yizhan.local", "青岛唐岛湾数字金融服务有限公司", 1),
    ("zhao.cailiao@demo.yizhan.local", "青岛蓝湾新材料科技有限公司", 1),
    ("qian.zhineng@demo.yizhan.local", "青岛摩服通科技有限公司", 1),
    ("han.bingleng@demo.yizhan.local", "青岛澳柯玛控股集团有限公司", 1),
    ("han.bingleng@demo.yizhan.local", "青岛灵山湾新能源科技有限公司", 1),
    (EXPERT_EMAIL, "青岛西海岸海洋工程有限公司", 1),
    ("wang.jinrong@demo.yizhan.local", "青岛蛙声一片创客股份有限公司", 1),
    ("zhao.cailiao@demo.yizhan.local", "青岛西海岸海洋工程有限公司", 1),
]
TABLES = ["A1", "A2", "A3", "A4"]
LIVE_EXPERTS = 6  # the first six claimed experts sit at the live event's round tables


def _expert_users(ctx: DemoContext) -> dict[str, User]:
    """e-mail → account of every claimed demo expert (accounts made where missing)."""
    users = {}
    for profile in ExpertProfile.objects.filter(
        email__endswith="@demo.yizhan.local", claimed_at__isnull=False
    ).order_by("id"):
        if profile.email in UNCLAIMED:
            continue
        if profile.user is None:
            profile.user = demo_user(
                ctx, email=profile.email, name=profile.name, role=UserRole.EXPERT
            )
            profile.save(update_fields=["user"])
            ctx.changed(f"account for demo expert {profile.name}")
        users[profile.email] = profile.user
    return users


def _short(name: str) -> str:
    """青岛海韵声学装备有限公司 → 海韵声学装备."""
    for suffix in ("控股集团有限公司", "股份有限公司", "有限公司"):
        name = name.removesuffix(suffix)
    return name.removeprefix("青岛")


def _company_users(ctx: DemoContext) -> dict[str, User]:
    """company name → one member's account (the demo enterprise account for its company)."""
    users = {}
    for index, company in enumerate(Company.objects.order_by("id")):
        member = (
            CompanyMembership.objects.filter(company=company)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if member is None:
            user = demo_user(
                ctx,
                email=f"company{index + 1}@demo.yizhan.local",
                name=f"{_short(company.name)} 代表",
                role=UserRole.ENTERPRISE,
            )
            member = CompanyMembership.objects.create(company=company, user=user, is_admin=True)
            ctx.changed(f"member account for {company.name}")
        users[company.name] = member.user
    return users


def _register(ctx: DemoContext, event: Event, user: User, role: str) -> None:
    if Registration.objects.filter(
        event=event, user=user, status__in=Registration.ACTIVE_STATUSES
    ).exists():
        return
    Registration.objects.create(
        event=event, user=user, role=role, status=Registration.Status.CONFIRMED, language="zh-hans"
    )
    seats_recount(event=event)  # written outside the registration services
    ctx.changed(f"registered {user.email} for {event.slug}")


def _slots_and_tables(ctx: DemoContext, event: Event) -> None:
    slots = MeetingSlot.objects.filter(event=event)
    if slots.exclude(start__gte=event.start, end__lte=event.end).exists():
        slots.delete()  # the event moved to another day
        ctx.changed(f"removed the meeting slots of {event.slug} from its old day")
    if not slots.exists():
        day = event.start.astimezone(event.tzinfo).date()
        meeting_slots_define(
            event=event, day=day, start=dt.time(15, 0), end=dt.time(16, 40), minutes=20
        )
        ctx.changed(f"meeting slots for {event.slug}")
    if not MeetingTable.objects.filter(event=event).exists():
        meeting_tables_define(event=event, names=TABLES)
        ctx.changed(f"meeting tables for {event.slug}")


def _upcoming(ctx: DemoContext, experts: dict, companies: dict) -> None:
    event = Event.objects.get(slug=UPCOMING_SLUG)
    for user in experts.values():
        _register(ctx, event, user, Registration.Role.EXPERT)
    for user in companies.values():
        _register(ctx, event, user, Registration.Role.ENTERPRISE)
    _slots_and_tables(ctx, event)
    for email, company, priority in REQUESTS:
        expert, member = experts.get(email), companies.get(company)
        if expert is None or member is None:
            continue
        _request, created = MeetingRequest.objects.get_or_create(
            event=event,
            expert=expert,
            company_member=member,
            defaults={"source": MeetingRequest.Source.STAFF, "priority": priority},
        )
        if created:
            ctx.changed(f"meeting request {expert.name} ↔ {member.name}")
    # 林海声 is busy in the first slot; the enterprise account attends the needs pitches.
    first = MeetingSlot.objects.filter(event=event).order_by("start").first()
    _created = MeetingUnavailability.objects.get_or_create(person=experts[EXPERT_EMAIL], slot=first)
    pitches = event.sessions.filter(title="企业需求路演").first()
    enterprise = User.objects.get(email=ENTERPRISE_EMAIL)
    if pitches is not None:
        SessionAttendance.objects.get_or_create(person=enterprise, session=pitches)
    if not Meeting.objects.filter(event=event).exists():
        result = meetings_schedule(event=event)
        ctx.changed(f"scheduled {result['placed']} meetings at {event.slug}")


def _live(ctx: DemoContext, experts: dict, companies: dict) -> None:
    event = Event.objects.get(slug=LIVE_SLUG)
    for user in list(experts.values())[:LIVE_EXPERTS]:
        _register(ctx, event, user, Registration.Role.EXPERT)
    for user in companies.values():
        _register(ctx, event, user, Registration.Role.ENTERPRISE)
    if not RoundTablePlan.objects.filter(event=event).exists():
        plan = round_tables_seat(event=event, table_size=6, by=None)
        ctx.changed(f"round tables for {event.slug}: {plan.seats.count()} seats")


def seed(ctx: DemoContext) -> None:
    experts = _expert_users(ctx)
    companies = _company_users(ctx)
    _upcoming(ctx, experts, companies)
    _live(ctx, experts, companies)
    suggestions_store(ctx)
