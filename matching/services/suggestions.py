"""Stored suggestions: the matcher's output, replaced per need or for a whole run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from hosts.models import Host
from matching.engine.explain import explain
from matching.engine.matcher import Matcher
from matching.models import Suggestion


def suggestions_store(
    *,
    matcher: Matcher,
    host: Host | None = None,
    need_ids: Iterable[int] | None = None,
    computed_at: datetime | None = None,
) -> int:
    """Replace the stored suggestions of some needs (all of the matcher's by default).

    Reasons are built here, for the kept pairs only, as language-neutral data; they are
    rendered in the viewer's language when shown. Returns the number of rows written.
    """
    computed_at = computed_at or timezone.now()
    need_ids = list(matcher.lists) if need_ids is None else list(need_ids)
    stamp = connection.ops.adapt_datetimefield_value(computed_at)
    host_id = host.pk if host is not None else None
    cache: dict = {}
    rows = []
    for need_id in need_ids:
        block, i = matcher.blocks[need_id]
        for rank, (pos, score) in enumerate(matcher.lists.get(need_id, []), start=1):
            contributions, reasons = explain(matcher.index, block, i, pos, matcher.rules, cache)
            rows.append(
                (
                    host_id,
                    need_id,
                    matcher.expert_id(pos),
                    rank,
                    round(score, 6),
                    json.dumps({rule: round(v, 6) for rule, v in contributions.items()}),
                    json.dumps(reasons, ensure_ascii=False),
                    not bool(matcher.index.unclaimed[pos]),
                    stamp,
                )
            )
    with transaction.atomic():
        stale = Suggestion.objects.filter(host=host)
        if len(need_ids) != len(matcher.lists) or set(need_ids) != set(matcher.lists):
            stale = stale.filter(need_id__in=need_ids)
        stale.delete()  # no cascades or signals: one DELETE
        _insert(rows)
    return len(rows)


_COLUMNS = (
    "host_id",
    "need_id",
    "expert_id",
    "rank",
    "score",
    "rules",
    "reasons",
    "shown_to_company",
    "computed_at",
)


def _insert(rows: list[tuple]) -> None:
    """Many rows at once: COPY on PostgreSQL, one executemany elsewhere (no model objects)."""
    if not rows:
        return
    table = connection.ops.quote_name(Suggestion._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            # Table and column names are our own constants, quoted; values are parameters.
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)


# Refresh: the full run on demand, the incremental paths after a need or a profile changes ------


def suggestions_refresh(*, host: Host | None = None, all_hosts: bool = False) -> int:
    """Recompute and store every open need's suggestions with `host`'s rule set.

    A host without its own rules shares the default's rows (`suggestion_host`). With
    `all_hosts`, the default and every host with its own rules. Returns rows written.
    """
    from matching.suggestion_inputs import (
        expert_inputs,
        matcher_build,
        need_inputs,
        rule_hosts,
        suggestion_host,
        topic_inputs,
        upcoming_events,
    )

    targets = rule_hosts() if all_hosts else [suggestion_host(host)]
    events = upcoming_events()
    topics, experts = topic_inputs(), expert_inputs(events=events)
    needs = need_inputs(events=events)
    written = 0
    for target in targets:
        matcher = matcher_build(host=target, topics=topics, experts=experts)
        matcher.run_full(needs)
        written += suggestions_store(matcher=matcher, host=target)
    return written


def _load_stored(matcher: Matcher, host: Host | None) -> None:
    """Put the stored lists in the matcher, so the diversity cap counts them."""
    rows = Suggestion.objects.filter(host=host).order_by("need_id", "rank")
    for need_id, expert_id, score in rows.values_list("need_id", "expert_id", "score"):
        pos = matcher.index.pos.get(expert_id)
        if pos is not None:
            matcher.lists.setdefault(need_id, []).append((pos, score))
            matcher.counts[pos] += 1


def suggestions_refresh_needs(*, need_ids: list[int]) -> int:
    """Recompute some needs' suggestions (for every stored rule set) after they changed.

    Needs no longer open (or gone) lose their suggestions; the other needs' lists stay as
    stored. Returns the number of rows written.
    """
    from matching.suggestion_inputs import (
        expert_inputs,
        matcher_build,
        need_inputs,
        rule_hosts,
        topic_inputs,
        upcoming_events,
    )

    events = upcoming_events()
    needs = need_inputs(events=events, need_ids=list(need_ids))
    open_ids = {need.id for need in needs}
    Suggestion.objects.filter(need_id__in=[i for i in need_ids if i not in open_ids]).delete()
    if not needs:
        return 0
    topics, experts = topic_inputs(), expert_inputs(events=events)
    written = 0
    for host in rule_hosts():
        matcher = matcher_build(host=host, topics=topics, experts=experts)
        _load_stored(matcher, host)
        for need in needs:
            matcher.update_need(need)
        written += suggestions_store(matcher=matcher, host=host, need_ids=sorted(open_ids))
    return written


def suggestions_refresh_experts(*, expert_ids: list[int]) -> int:
    """Recompute the needs edited (or new, claimed, opted-out…) experts enter or leave.

    Each expert is scored against every open need in one pass; only the needs whose stored
    list holds the expert, or whose last stored score it beats, are recomputed. Returns the
    number of rows written.
    """
    from matching.suggestion_inputs import (
        expert_inputs,
        matcher_build,
        need_inputs,
        rule_hosts,
        topic_inputs,
        upcoming_events,
    )

    events = upcoming_events()
    topics, experts = topic_inputs(), expert_inputs(events=events)
    needs = need_inputs(events=events)
    holding: dict = {}
    rows = Suggestion.objects.filter(expert_id__in=list(expert_ids))
    for host_id, need_id in rows.values_list("host_id", "need_id"):
        holding.setdefault(host_id, set()).add(need_id)
    written = 0
    for host in rule_hosts():
        matcher = matcher_build(host=host, topics=topics, experts=experts)
        _load_stored(matcher, host)
        affected = set(holding.get(host.pk if host else None, ()))
        for expert_id in expert_ids:
            pos = matcher.index.pos.get(expert_id)
            if pos is None:  # the profile is gone: its rows went with it (CASCADE)
                continue
            scores = matcher.scores_of_expert(pos, needs)
            for need, score in zip(needs, scores, strict=True):
                stored = matcher.lists.get(need.id, [])
                if bool(score > float("-inf")) and (
                    len(stored) < matcher.top or score >= stored[-1][1]
                ):
                    affected.add(need.id)
        recompute = [need for need in needs if need.id in affected]
        for need in recompute:
            matcher.update_need(need)
        ids = [need.id for need in recompute]
        written += suggestions_store(matcher=matcher, host=host, need_ids=ids)
    return written


def suggestions_compute(*, host: Host | None = None, lang: str = "zh-hans", top: int = 5) -> list:
    """Every open need with its best `top` experts, computed now (nothing stored).

    Unclaimed experts are included: this is the operator's view (`manage.py suggest`).
    Returns plain data: [{id, company, title, status, suggestions: [{expert_id, name, email,
    institution, score, rules, reasons, visibility}]}], reasons in `lang`; `visibility` is the
    expert's choice ("organizers": never shown to companies).
    """
    from matching.engine.explain import render_reasons
    from matching.suggestion_inputs import (
        expert_inputs,
        matcher_build,
        need_inputs,
        topic_inputs,
        upcoming_events,
    )
    from profiles.models import ExpertProfile

    events = upcoming_events()
    topics, experts = topic_inputs(), expert_inputs(events=events)
    needs = need_inputs(events=events)
    matcher = matcher_build(host=host, topics=topics, experts=experts)
    lists = matcher.run_full(needs)
    contacts = {
        pk: (email, visibility)
        for pk, email, visibility in ExpertProfile.objects.values_list("pk", "email", "visibility")
    }
    by_id = {t.id: t for t in topics}
    cache: dict = {}
    out = []
    for need in needs:
        block, i = matcher.blocks[need.id]
        rows = []
        for pos, score in lists.get(need.id, [])[:top]:
            contributions, reasons = explain(matcher.index, block, i, pos, matcher.rules, cache)
            expert = matcher.index.experts[pos]
            rows.append(
                {
                    "expert_id": expert.id,
                    "name": expert.name,
                    "email": contacts.get(expert.id, ("", ""))[0],
                    "institution": ", ".join(expert.institutions),
                    "score": round(float(score), 4),
                    "rules": {rule: round(v, 4) for rule, v in contributions.items()},
                    "reasons": render_reasons(reasons, lang=lang, topics=by_id, events=events),
                    "visibility": contacts.get(expert.id, ("", ""))[1],
                }
            )
        out.append(
            {
                "id": need.id,
                "company": need.company,
                "title": need.title,
                "status": need.status,
                "suggestions": rows,
            }
        )
    return out
