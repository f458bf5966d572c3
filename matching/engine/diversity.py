"""Diversity: the same few experts must not top every list.

Within one round (a full computation), candidate pairs are taken best score first; an expert
already placed in `cap` lists is passed over, and the list takes its next candidate. Lists
still short afterwards are filled from the passed-over candidates, at the bottom: nobody is
hidden, the popular experts just stop crowding out everyone else at the top.
"""

from __future__ import annotations

import numpy as np


def rerank(
    pool_experts: list[np.ndarray],
    pool_scores: list[np.ndarray],
    top: int,
    cap: int,
    counts: np.ndarray,
) -> list[list[tuple[int, float]]]:
    """Top lists for the needs of a pool; `counts` (per expert) is updated in place."""
    n = len(pool_experts)
    sizes = np.array([len(e) for e in pool_experts], dtype=np.int64)
    if sizes.sum() == 0:
        return [[] for _ in range(n)]
    need = np.repeat(np.arange(n), sizes)
    expert = np.concatenate(pool_experts).astype(np.int64)
    score = np.concatenate(pool_scores)
    order = np.lexsort((expert, need, -score))
    lists: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    taken = np.zeros(len(order), dtype=bool)
    for k in order.tolist():
        i = need[k]
        e = expert[k]
        if len(lists[i]) < top and counts[e] < cap:
            lists[i].append((int(e), float(score[k])))
            counts[e] += 1
            taken[k] = True
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    for i in range(n):
        if len(lists[i]) >= top or sizes[i] <= len(lists[i]):
            continue
        for k in range(offsets[i], offsets[i + 1]):
            if len(lists[i]) >= top:
                break
            if not taken[k]:
                lists[i].append((int(expert[k]), float(score[k])))
                counts[expert[k]] += 1
    return lists
