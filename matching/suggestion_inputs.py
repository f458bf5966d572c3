"""Reads that feed the matcher: the records of profiles and events turned into engine inputs.

The one place where the engine meets the models (docs/matching.md, "Wiring"). Every read is a
constant number of queries whatever the number of experts or needs.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count
from django.utils import timezone

from events.models import Event, Registration
from hosts.models import Host
from matching.engine import bridge
from matching.engine.inputs import (
    EventIn,
    ExpertIn,
    NeedIn,
    TopicIn,
    expert_from_profile,
    need_from_model,
    topic_from_model,
)
from matching.engine.matcher import Matcher
from matching.engine.rules import DEFAULT_RULES, RuleSet
from matching.models import Introduction, RuleOverride
from matching.selectors import declined_pairs, rule_set_for_host
from needs.models import Need
from profiles import taxonomy
from profiles.models import CompanyMembership, ExpertProfile, Topic
from profiles.text import stem

_taxonomy_cache: dict = {}
_topics_cache: dict = {}


def topic_inputs() -> list[TopicIn]:
    """Every topic as engine input, read once per taxonomy version (not per request)."""
    version = taxonomy.index().version
    topics = _topics_cache.get(version)
    if topics is None:
        topics = [topic_from_model(t) for t in Topic.objects.order_by("pk")]
        _topics_cache.clear()
        _topics_cache[version] = topics
    return topics


def upcoming_events() -> dict[int, EventIn]:
    """Published events that have not ended: the ones the shared-event boost counts."""
    out = {}
    for event in Event.objects.filter(status=Event.Status.PUBLISHED, end__gte=timezone.now()):
        local = event.start.astimezone(zoneinfo.ZoneInfo(event.timezone or "Asia/Shanghai"))
        out[event.pk] = EventIn(
            id=event.pk, name_zh=event.title, name_en=event.title_en, starts_on=local.date()
        )
    return out


def _events_of_users(event_ids: Iterable[int]) -> dict[int, set[int]]:
    """user id → the upcoming events they hold an active registration for."""
    by_user: dict[int, set[int]] = defaultdict(set)
    rows = Registration.objects.filter(
        event_id__in=list(event_ids), status__in=Registration.ACTIVE_STATUSES
    ).values_list("user_id", "event_id")
    for user_id, event_id in rows:
        by_user[user_id].add(event_id)
    return by_user


def _topic_ids(through, owner: str, ids: list[int] | None) -> dict[int, list[int]]:
    qs = through.objects.all()
    if ids is not None:
        qs = qs.filter(**{f"{owner}__in": ids})
    out: dict[int, list[int]] = defaultdict(list)
    for owner_id, topic_id in qs.order_by("pk").values_list(owner, "topic_id"):
        out[owner_id].append(topic_id)
    return out


def expert_inputs(
    *, events: dict[int, EventIn], expert_ids: list[int] | None = None
) -> list[ExpertIn]:
    """Experts as engine inputs (all, or those of `expert_ids`), with their upcoming events
    and active engagements (accepted introductions on needs still open)."""
    qs = ExpertProfile.objects.order_by("pk")
    if expert_ids is not None:
        qs = qs.filter(pk__in=expert_ids)
    profiles = list(qs)
    ids = None if expert_ids is None else [p.pk for p in profiles]
    topics = _topic_ids(ExpertProfile.topics.through, "expertprofile_id", ids)
    by_user = _events_of_users(events)
    engaged = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED, need__status__in=Need.OPEN_STATUSES
    )
    if ids is not None:
        engaged = engaged.filter(expert_id__in=ids)
    engagements = dict(
        engaged.values("expert_id").annotate(n=Count("id")).values_list("expert_id", "n")
    )
    return [
        expert_from_profile(
            p,
            event_ids=sorted(by_user.get(p.user_id, ())) if p.user_id else (),
            active_engagements=engagements.get(p.pk, 0),
            topic_ids=topics.get(p.pk, ()),
        )
        for p in profiles
    ]


def need_inputs(*, events: dict[int, EventIn], need_ids: list[int] | None = None) -> list[NeedIn]:
    """Open needs as engine inputs (all, or those of `need_ids` that are open), with the
    upcoming events their company's people registered for."""
    qs = (
        Need.objects.filter(status__in=Need.OPEN_STATUSES)
        .select_related("company__parent")
        .order_by("pk")
    )
    if need_ids is not None:
        qs = qs.filter(pk__in=need_ids)
    needs = list(qs)
    ids = None if need_ids is None else [n.pk for n in needs]
    topics = _topic_ids(Need.topics.through, "need_id", ids)
    by_user = _events_of_users(events)
    company_events: dict[int, set[int]] = defaultdict(set)
    members = CompanyMembership.objects.filter(company_id__in={n.company_id for n in needs})
    for company_id, user_id in members.values_list("company_id", "user_id"):
        company_events[company_id] |= by_user.get(user_id, set())
    return [
        need_from_model(
            n,
            event_ids=sorted(company_events.get(n.company_id, ())),
            topic_ids=topics.get(n.pk, ()),
        )
        for n in needs
    ]


def rule_hosts() -> list[Host | None]:
    """The programmes whose suggestions are stored: the default, and each host that tuned
    its rules (a host without overrides reads the default's)."""
    tuned = Host.objects.filter(pk__in=RuleOverride.objects.values("host_id").distinct()).order_by(
        "pk"
    )
    return [None, *tuned]


def suggestion_host(host: Host | None) -> Host | None:
    """Whose stored suggestions a page of `host` reads: its own if it tuned its rules."""
    if host is None or not RuleOverride.objects.filter(host=host).exists():
        return None
    return host


def matcher_build(
    *,
    host: Host | None,
    topics: list[TopicIn],
    experts: list[ExpertIn],
    rules: RuleSet | None = None,
) -> Matcher:
    """A matcher over `experts` with `host`'s rule set (or `rules`, a proposed one) and the
    declined pairs excluded."""
    if rules is None:
        rules = rule_set_for_host(host=host) if host is not None else DEFAULT_RULES
    key = tuple((t.id, t.slug, t.name_zh, t.name_en, t.synonyms, t.parent_id) for t in topics)
    taxonomy = _taxonomy_cache.get(key)
    matcher = Matcher(
        topics,
        experts,
        rules=rules,
        excluded_pairs=declined_pairs(),
        stem=stem,
        bridge=bridge.default(),
        taxonomy=taxonomy,
    )
    if taxonomy is None:
        # The taxonomy changes rarely; building it is most of a small run's time.
        _taxonomy_cache.clear()
        _taxonomy_cache[key] = matcher.taxonomy
    return matcher
