from django.db.models import Q, QuerySet

from hosts.models import Host
from matching.engine.rules import DEFAULT_RULES, RuleSet
from matching.models import Introduction, RuleOverride, Suggestion


def declined_pair_exists(*, need, expert) -> bool:
    return Introduction.objects.filter(
        need=need, expert=expert, status=Introduction.Status.DECLINED
    ).exists()


def declined_pairs() -> set[tuple[int, int]]:
    """(need id, expert id) of every declined introduction: the matcher never suggests them."""
    return set(
        Introduction.objects.filter(status=Introduction.Status.DECLINED).values_list(
            "need_id", "expert_id"
        )
    )


def pending_outgoing_count(*, user) -> int:
    return Introduction.objects.filter(created_by=user, status=Introduction.Status.PENDING).count()


def introductions_of_user(*, user) -> QuerySet[Introduction]:
    """Introductions where `user` is on the company side, is the expert, or proposed them."""
    if not user.is_authenticated:
        return Introduction.objects.none()
    return (
        Introduction.objects.filter(
            Q(need__company__memberships__user=user) | Q(expert__user=user) | Q(created_by=user)
        )
        .select_related("need__company", "expert__user", "host", "created_by")
        .prefetch_related("need__company__memberships__user")
        .distinct()
        .order_by("-created_at", "-id")
    )


def accepted_introduction_links(*, user, expert) -> bool:
    """Whether `user` is on the company side of an accepted introduction with `expert`."""
    return Introduction.objects.filter(
        expert=expert,
        status=Introduction.Status.ACCEPTED,
        need__company__memberships__user=user,
    ).exists()


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
