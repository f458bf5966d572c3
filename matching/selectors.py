from django.db.models import Count, Q, QuerySet

from hosts.models import Host
from matching.engine.rules import DEFAULT_RULES, DEFAULT_WEIGHTS, RuleSet
from matching.models import Introduction, RuleOverride, Suggestion
from needs.models import Need


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


def accepted_introductions_of_need(*, need) -> list[Introduction]:
    """The need's accepted introductions, oldest first, with the expert and the company's
    members (for their contacts) loaded: three queries whatever their number."""
    return list(
        Introduction.objects.filter(need=need, status=Introduction.Status.ACCEPTED)
        .select_related("expert__user", "need__company")
        .prefetch_related("need__company__memberships__user")
        .order_by("decided_at", "id")
    )


def pending_introductions_count(*, user) -> int:
    """Introductions waiting for `user`'s answer: as the expert, or on the company's side
    (one query)."""
    if not user or not user.is_authenticated:
        return 0
    pending = Introduction.objects.filter(status=Introduction.Status.PENDING)
    return pending.filter(
        Q(expert__user=user, expert_accepted_at__isnull=True)
        | Q(need__company__memberships__user=user, company_accepted_at__isnull=True)
    ).aggregate(n=Count("id", distinct=True))["n"]


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


def rule_table(*, host: Host) -> list[dict]:
    """Each scoring rule with its default weight and `host`'s current weight and switch."""
    overrides = {o.rule: o for o in RuleOverride.objects.filter(host=host)}
    rows = []
    for rule, default in DEFAULT_WEIGHTS.items():
        override = overrides.get(rule)
        weight = override.weight if override and override.weight is not None else default
        rows.append(
            {
                "name": rule,
                "default_weight": default,
                "weight": weight,
                "enabled": override.enabled if override else True,
            }
        )
    return rows


def rules_tuned(table: list[dict]) -> bool:
    """Whether a `rule_table` differs from the defaults (a weight changed or a rule off)."""
    return any(r["weight"] != r["default_weight"] or not r["enabled"] for r in table)


def suggestion_list(*, need_id: int, host: Host | None = None, for_company: bool = False):
    """Stored suggestions of one need, best first; companies see claimed profiles only."""
    qs = Suggestion.objects.filter(need_id=need_id, host=host).order_by("rank")
    if for_company:
        qs = qs.filter(shown_to_company=True)
    return qs


def need_suggestion_rows(*, need, host: Host | None, visible: Q):
    """A need's stored suggestions the viewer may see (`visible`, from
    matching.permissions.suggestion_rows_q) with their experts (and accounts), best first."""
    qs = Suggestion.objects.filter(visible, need=need, host=host).select_related("expert__user")
    return qs.order_by("rank")


def expert_suggestion_rows(*, expert, needs: QuerySet):
    """The open needs (among `needs`, those the viewer may see) an expert is suggested for."""
    return (
        Suggestion.objects.filter(
            expert=expert,
            host=None,
            need__in=needs.filter(status__in=Need.OPEN_STATUSES),
        )
        .select_related("need__company", "expert")
        .order_by("-score", "need_id")
    )


def introductions_by_pair(*, need_ids, expert_ids) -> dict[tuple[int, int], Introduction]:
    """The latest introduction of each (need, expert) pair among the given ones (one query)."""
    out: dict[tuple[int, int], Introduction] = {}
    qs = Introduction.objects.filter(need_id__in=list(need_ids), expert_id__in=list(expert_ids))
    for intro in qs.order_by("created_at", "id"):
        out[(intro.need_id, intro.expert_id)] = intro
    return out


def event_matrix(*, event, host: Host | None):
    """Suggested and accepted pairs among an event's registrants: its experts × the open needs
    of its enterprise registrants' companies. Returns (experts, needs, cells) where cells maps
    (expert id, need id) → {"score": float | None, "accepted": bool}. Constant queries."""
    from events.models import Registration
    from profiles.models import ExpertProfile

    users = Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE_STATUSES
    ).values("user_id")
    experts = list(ExpertProfile.objects.filter(user__in=users).order_by("name", "pk"))
    needs = list(
        Need.objects.filter(
            company__memberships__user__in=users,
            status__in=Need.OPEN_STATUSES,
        )
        .select_related("company")
        .distinct()
        .order_by("company__name", "pk")
    )
    expert_ids, need_ids = [e.pk for e in experts], [n.pk for n in needs]
    cells: dict[tuple[int, int], dict] = {}
    pairs = Suggestion.objects.filter(host=host, need_id__in=need_ids, expert_id__in=expert_ids)
    for need_id, expert_id, score in pairs.values_list("need_id", "expert_id", "score"):
        cells[(expert_id, need_id)] = {"score": score, "accepted": False}
    accepted = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED, need_id__in=need_ids, expert_id__in=expert_ids
    ).values_list("need_id", "expert_id")
    for need_id, expert_id in accepted:
        cells.setdefault((expert_id, need_id), {"score": None, "accepted": False})["accepted"] = (
            True
        )
    return experts, needs, cells
