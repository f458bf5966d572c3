"""Reads of the matching app."""

from __future__ import annotations

from hosts.models import Host
from matching.engine.rules import DEFAULT_RULES, RuleSet
from matching.models import RuleOverride, Suggestion


def rule_set_for_host(*, host: Host | None) -> RuleSet:
    """The rule set a host's programme uses: the defaults with its own overrides."""
    if host is None:
        return DEFAULT_RULES
    overrides = {o.rule: (o.weight, o.enabled) for o in RuleOverride.objects.filter(host=host)}
    if not overrides:
        return DEFAULT_RULES
    return RuleSet.with_overrides(overrides, name=f"host:{host.slug}")


def suggestion_list(*, need_id: int, host: Host | None = None, for_company: bool = False):
    """Stored suggestions of one need, best first; companies see claimed profiles only."""
    qs = Suggestion.objects.filter(need_id=need_id, host=host).order_by("rank")
    if for_company:
        qs = qs.filter(shown_to_company=True)
    return qs
