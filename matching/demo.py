"""Demo: introductions in both states, and stored suggestions for every open demo need.

思普润 (the demo enterprise's company) monitors its sea outfalls and pipelines, where the
demo expert's underwater acoustics fits: one introduction both sides accepted (the need is in
progress), and one the company asked for that waits for the expert. Then every open need's
suggestions are computed and stored — rewritten only when they changed, so a second run
changes nothing (`suggestions_store`, which the apps above call again when their demo
registers people for events: shared events count in the scores).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from core.demo import DemoContext
from hosts.demo import HOST_SLUG, ORGANIZER_EMAIL
from hosts.models import Host
from matching.models import Introduction, Suggestion
from matching.services.suggestions import suggestions_refresh
from needs.models import Need
from needs.services import need_create, need_transition
from profiles.demo import ENTERPRISE_EMAIL, EXPERT_EMAIL
from profiles.models import Company, ExpertProfile

COMPANY = "青岛思普润水处理股份有限公司"
# (title, description, tags, introduction status)
NEEDS = [
    (
        "排海管道与排放口水下声学在线监测",
        "污水处理厂尾水经排海管道入海，需要对排放口扩散器和管道进行水下在线监测，"
        "希望利用水下声学传感和水声通信实时回传数据，提前发现堵塞与泄漏。",
        ["水下声学传感", "水声通信", "海洋观测"],
        Introduction.Status.ACCEPTED,
    ),
    (
        "海底输水管道泄漏声学检测",
        "海岛供水的海底输水管道偶有渗漏，人工巡检困难，"
        "希望与高校合作研究基于水下声学传感的泄漏定位方法。",
        ["水下声学传感", "海洋观测"],
        Introduction.Status.PENDING,
    ),
]


class _Unchanged(Exception):
    """Raised to roll back a refresh that produced the suggestions already stored."""


def _signature() -> list:
    return list(
        Suggestion.objects.order_by("host_id", "need_id", "rank").values_list(
            "host_id", "need_id", "expert_id", "rank", "score"
        )
    )


def _need(ctx, *, company, title, description, tags, by, organizer, accepted) -> Need:
    need = Need.objects.filter(company=company, title=title).first()
    if need is None:
        need = need_create(
            company=company,
            title=title,
            description=description,
            category=Need.Category.TECHNOLOGY,
            created_by=by,
            tags=tags,
            cooperation_forms=["joint_rd", "consulting"],
            host=Host.objects.get(slug=HOST_SLUG),
        )
        ctx.changed(f"posted demo need {title}")
        if accepted:
            need_transition(need=need, to=Need.Status.ACKNOWLEDGED, by=organizer)
            need_transition(need=need, to=Need.Status.IN_PROGRESS, by=organizer)
    return need


def seed(ctx: DemoContext) -> None:
    User = get_user_model()
    company = Company.objects.get(name=COMPANY)
    enterprise = User.objects.get(email=ENTERPRISE_EMAIL)
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    expert = ExpertProfile.objects.get(email=EXPERT_EMAIL)
    with transaction.atomic():
        for title, description, tags, status in NEEDS:
            accepted = status == Introduction.Status.ACCEPTED
            need = _need(
                ctx,
                company=company,
                title=title,
                description=description,
                tags=tags,
                by=enterprise,
                organizer=organizer,
                accepted=accepted,
            )
            if Introduction.objects.filter(need=need, expert=expert).exists():
                continue
            asked = ctx.now - dt.timedelta(days=6 if accepted else 1)
            Introduction.objects.create(
                need=need,
                expert=expert,
                initiator=Introduction.Initiator.COMPANY,
                created_by=enterprise,
                message="您好，我们在排海管道监测上遇到难题，希望向您请教水下声学方案。",
                status=status,
                company_accepted_at=asked,
                company_accepted_by=enterprise,
                expert_accepted_at=asked + dt.timedelta(days=1) if accepted else None,
                expert_consent_at=asked + dt.timedelta(days=1) if accepted else None,
                decided_at=asked + dt.timedelta(days=1) if accepted else None,
                created_at=asked,
                expires_at=asked + dt.timedelta(days=7),
            )
            ctx.changed(f"{status} introduction: {title} ↔ {expert.name}")
    suggestions_store(ctx)


def suggestions_store(ctx: DemoContext) -> None:
    """Compute every rule set's suggestions, and store them only when they changed."""
    before = _signature()
    try:
        with transaction.atomic():
            written = suggestions_refresh(all_hosts=True)
            if _signature() == before:
                raise _Unchanged
    except _Unchanged:
        return
    ctx.changed(f"stored {written} suggestions")
