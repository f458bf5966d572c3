"""Things higher apps want to hear about or decide, registered from their AppConfig.ready().

This app may not import the apps above it (matching keeps suggestions up to date; it knows
which experts were matched with a need), so they register here:

- `on_need_changed` / `on_expert_changed`: callables `fn(pks)` run once after the transaction
  that created or changed needs or expert profiles commits, with their ids (in order, each
  once: an import of a thousand rows makes one call, not a thousand; nothing runs on
  rollback). The profiles services call `need_changed(need)` / `expert_changed(profile)`.
- `restricted_need_viewers`: rules `rule(user) -> Q over Need` adding the restricted needs
  `user` may see besides their company's and their desk's (e.g. matched experts). A rule
  answers with a lookup, so lists stay one query.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

on_need_changed: list[Callable[[list[int]], None]] = []
on_expert_changed: list[Callable[[list[int]], None]] = []
restricted_need_viewers: list[Callable[[object], Q]] = []


def register(registry: list, fn: Callable) -> Callable:
    """Add `fn` to one of the lists above (idempotent)."""
    if fn not in registry:
        registry.append(fn)
    return fn


def _after_commit(registry: list, pk: int) -> None:
    """Add `pk` to this connection's batch for `registry`, heard once after commit.

    Every call registers an on-commit callback; the first to run takes the whole batch and
    the others find it empty. A callback lost with a rolled-back savepoint therefore loses
    nothing committed. Ids of rolled-back rows may be heard with a later batch: listeners
    must accept ids of records that no longer exist.
    """
    if not registry:
        return
    connection = transaction.get_connection()
    batches = connection.__dict__.setdefault("_profiles_hook_batches", {})
    batch = batches.setdefault(id(registry), [])
    if pk not in batch:
        batch.append(pk)

    def flush():
        pks = batches.pop(id(registry), [])
        if pks:
            for fn in tuple(registry):
                fn(list(pks))

    transaction.on_commit(flush)


def need_changed(need) -> None:
    _after_commit(on_need_changed, need.pk)


def expert_changed(profile) -> None:
    _after_commit(on_expert_changed, profile.pk)


def restricted_need_filter(user) -> Q | None:
    """The registered rules' extra restricted needs for `user` (None when there is none)."""
    if not user or not user.is_authenticated or not restricted_need_viewers:
        return None
    combined = Q(pk__in=[])
    for rule in restricted_need_viewers:
        combined |= rule(user)
    return combined
