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
