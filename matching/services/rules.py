"""A host's own matching rules: weights changed or rules switched off, previewed, saved, reset.

The rule set itself is `matching.engine.rules.RuleSet.with_overrides`, read for a host by
`matching.selectors.rule_set_for_host`; `manage.py suggest --host SLUG` and the stored
suggestions of the host's pages use the same rows. Who may tune is
`matching.permissions.can_tune_rules`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hosts.models import Host
from matching.engine.rules import DEFAULT_WEIGHTS, SCORING_RULES, RuleSet
from matching.models import RuleOverride, Suggestion
from needs.models import Need

RULE_WEIGHT_MAX = 10.0
PREVIEW_TOP = 3
PREVIEW_NEEDS = 30  # the host's most recent open needs shown in a preview

Settings = Mapping[str, tuple[float | None, bool]]


def rule_settings_clean(settings: Settings) -> dict[str, tuple[float, bool]]:
    """Check {rule: (weight, enabled)}: known rules, finite weights from 0 to RULE_WEIGHT_MAX.

    Rules left out keep their default weight, switched on. Raises ValidationError (code
    `unknown_rule` or `invalid_weight`) naming the first wrong entry.
    """
    out = {rule: (DEFAULT_WEIGHTS[rule], True) for rule in SCORING_RULES}
    for rule, (weight, enabled) in settings.items():
        if rule not in DEFAULT_WEIGHTS:
            raise ValidationError(
                _("There is no matching rule called “%(rule)s”.") % {"rule": rule},
                code="unknown_rule",
            )
        if weight is None:
            weight = DEFAULT_WEIGHTS[rule]
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            weight = math.nan
        if not math.isfinite(weight) or not 0 <= weight <= RULE_WEIGHT_MAX:
            raise ValidationError(
                _("The weight of “%(rule)s” must be a number from 0 to %(max)s.")
                % {"rule": rule, "max": f"{RULE_WEIGHT_MAX:g}"},
                code="invalid_weight",
            )
        out[rule] = (weight, bool(enabled))
    return out


def rule_set_from_settings(*, host: Host, settings: Settings) -> RuleSet:
    """The rule set `settings` would give `host` (checked as rule_settings_clean does)."""
    return RuleSet.with_overrides(rule_settings_clean(settings), name=f"host:{host.slug}")


def _refresh_after_commit(host: Host) -> None:
    from matching.tasks import host_rules_refresh_task

    transaction.on_commit(lambda: host_rules_refresh_task.enqueue(host_id=host.pk))


@transaction.atomic
def rule_overrides_save(*, host: Host, settings: Settings) -> list[RuleOverride]:
    """Store `host`'s rule settings; a rule at its default weight and on keeps no row.

    Afterwards (on commit) the host's stored suggestions are recomputed with its rules; a host
    back at every default loses its own rows and reads the default's again. Raises
    ValidationError for unknown rules and weights that are not numbers from 0 to the maximum.
    """
    cleaned = rule_settings_clean(settings)
    RuleOverride.objects.filter(host=host).delete()
    rows = [
        RuleOverride(host=host, rule=rule, weight=weight, enabled=enabled)
        for rule, (weight, enabled) in cleaned.items()
        if enabled is False or weight != DEFAULT_WEIGHTS[rule]
    ]
    RuleOverride.objects.bulk_create(rows)
    if rows:
        _refresh_after_commit(host)
    else:
        Suggestion.objects.filter(host=host).delete()
    return rows


@transaction.atomic
def rule_overrides_reset(*, host: Host) -> None:
    """Put `host` back on the default rules: its overrides and its own suggestions go."""
    RuleOverride.objects.filter(host=host).delete()
    Suggestion.objects.filter(host=host).delete()


def rules_preview(*, host: Host, settings: Settings, top: int = PREVIEW_TOP) -> list[dict]:
    """The host's most recent open needs with their best `top` experts under the current rules
    and under `settings`, computed now (nothing stored), for the host's staff.

    Returns [{id, title, company, before: [{expert_id, name, score}], after: [...]}]. A
    constant number of queries whatever the number of needs. Raises ValidationError as
    rule_settings_clean does.
    """
    from matching.suggestion_inputs import (
        expert_inputs,
        matcher_build,
        need_inputs,
        topic_inputs,
        upcoming_events,
    )

    proposed = rule_set_from_settings(host=host, settings=settings)
    need_ids = list(
        Need.objects.filter(host=host, status__in=Need.OPEN_STATUSES)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:PREVIEW_NEEDS]
    )
    if not need_ids:
        return []
    events = upcoming_events()
    needs = need_inputs(events=events, need_ids=need_ids)
    topics, experts = topic_inputs(), expert_inputs(events=events)
    lists = {}
    for side, rules in (("before", None), ("after", proposed)):
        matcher = matcher_build(host=host, topics=topics, experts=experts, rules=rules)
        ranked = matcher.run_full(needs)
        lists[side] = {
            need.id: [
                {
                    "expert_id": matcher.index.experts[pos].id,
                    "name": matcher.index.experts[pos].name,
                    "score": round(float(score), 4),
                }
                for pos, score in ranked.get(need.id, [])[:top]
            ]
            for need in needs
        }
    by_id = {need.id: need for need in needs}
    return [
        {
            "id": need_id,
            "title": by_id[need_id].title,
            "company": by_id[need_id].company,
            "before": lists["before"][need_id],
            "after": lists["after"][need_id],
        }
        for need_id in need_ids
        if need_id in by_id
    ]
