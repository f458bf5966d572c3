"""Background work of matching: keep stored suggestions current after a change."""

from django_tasks import task

from matching.services.suggestions import (
    suggestions_refresh,
    suggestions_refresh_experts,
    suggestions_refresh_needs,
)


@task()
def suggestions_refresh_task(*, kind: str, pks: list[int]) -> int:
    """The incremental refresh after needs or expert profiles changed (kind "need"/"expert")."""
    if kind == "need":
        return suggestions_refresh_needs(need_ids=pks)
    return suggestions_refresh_experts(expert_ids=pks)


@task()
def host_rules_refresh_task(*, host_id: int) -> int:
    """Recompute a host's stored suggestions after its staff changed its rules."""
    from hosts.models import Host

    host = Host.objects.filter(pk=host_id).first()
    return suggestions_refresh(host=host) if host is not None else 0


def needs_changed(sender, *, pks: list[int], **kwargs) -> None:
    """Receiver of needs.signals.needs_changed (once per transaction, after commit)."""
    suggestions_refresh_task.enqueue(kind="need", pks=pks)


def experts_changed(sender, *, pks: list[int], **kwargs) -> None:
    """Receiver of profiles.signals.experts_changed (once per transaction, after commit)."""
    suggestions_refresh_task.enqueue(kind="expert", pks=pks)
