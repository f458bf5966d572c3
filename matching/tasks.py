"""Background work of matching: keep stored suggestions current after a change."""

from django_tasks import task

from matching.services.suggestions import suggestions_refresh_expert, suggestions_refresh_need


@task()
def suggestions_refresh_task(*, kind: str, pk: int) -> int:
    """The incremental refresh for one changed need or expert profile (kind "need"/"expert")."""
    if kind == "need":
        return suggestions_refresh_need(need_id=pk)
    return suggestions_refresh_expert(expert_id=pk)


def need_changed(pk: int) -> None:
    suggestions_refresh_task.enqueue(kind="need", pk=pk)


def expert_changed(pk: int) -> None:
    suggestions_refresh_task.enqueue(kind="expert", pk=pk)
