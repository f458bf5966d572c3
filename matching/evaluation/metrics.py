"""Ranking measures over graded labels (2 = the right expert, 1 = partly relevant)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence


def precision_at(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Share of the first k places held by a relevant expert (grade ≥ 1); empty places count."""
    return sum(1 for e in ranked[:k] if grades.get(e, 0) >= 1) / k


def recall_at(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Share of the relevant experts found in the first k places."""
    relevant = [e for e, g in grades.items() if g >= 1]
    if not relevant:
        return 0.0
    return sum(1 for e in ranked[:k] if grades.get(e, 0) >= 1) / len(relevant)


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Normalised discounted cumulative gain with gain 2^grade − 1."""

    def dcg(values: Iterable[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values))

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg(grades.get(e, 0) for e in ranked[:k]) / ideal


def summary(rankings: Mapping, grades: Mapping, keys: Iterable) -> dict:
    """Mean precision@3, recall@5 and nDCG@5 over `keys`, and how many needs."""
    keys = list(keys)
    if not keys:
        return {"needs": 0, "precision@3": 0.0, "recall@5": 0.0, "ndcg@5": 0.0}
    rows = [(rankings.get(key, []), grades.get(key, {})) for key in keys]
    return {
        "needs": len(keys),
        "precision@3": round(sum(precision_at(r, g, 3) for r, g in rows) / len(rows), 3),
        "recall@5": round(sum(recall_at(r, g, 5) for r, g in rows) / len(rows), 3),
        "ndcg@5": round(sum(ndcg_at(r, g, 5) for r, g in rows) / len(rows), 3),
    }


def perfect(grades: Mapping) -> dict:
    """The best any ranking could reach: every need's experts by grade."""
    return {key: sorted(g, key=lambda e: -g[e]) for key, g in grades.items()}
