"""Scores for blocks of needs against the whole pool, and the top candidates of each need.

A block of needs is scored at once: one sparse product gives topics and keywords (both sides'
rows are unit vectors, scaled on the need side by the rule weights), a second gives shared
events; category, form and availability take few distinct values and come from precomputed
vectors. Hard constraints set a pair to −inf. No Python loop runs over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from matching.engine import rules as R
from matching.engine.index import ExpertIndex, NeedBlock
from matching.engine.rules import RuleSet

EXCLUDED = -np.inf
ORDER_HEAD = 2048


def _order_head(values: np.ndarray, length: int) -> np.ndarray:
    """Positions of the `length` (or more, on ties) largest finite values, best first."""
    finite = np.flatnonzero(np.isfinite(values))
    if len(finite) > length:
        kth = np.partition(values[finite], len(finite) - length)[len(finite) - length]
        finite = finite[values[finite] >= kth]
    return finite[np.lexsort((finite, -values[finite]))]


def form_vector(index: ExpertIndex, wanted: tuple[int, ...]) -> np.ndarray:
    """Form rule values for one need against every expert."""
    n = len(index)
    if not wanted:
        return np.full(n, R.FORM_UNKNOWN)
    cols = [c for c in wanted if c >= 0]
    match = index.offered[:, cols].any(axis=1) if cols else np.zeros(n, dtype=bool)
    return np.where(index.has_forms, match.astype(np.float64), R.FORM_UNKNOWN)


class BaseCache:
    """Category + form + availability for each (category, wanted forms) seen: few vectors."""

    def __init__(self, index: ExpertIndex, rules: RuleSet):
        self.index = index
        self.rules = rules
        self.cache: dict[tuple, np.ndarray] = {}

    def ordered(self, category: int, wanted: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The base vector with irrelevant experts removed, and experts by it, best first.

        An expert sharing nothing with a need is still relevant through a fitting discipline
        (when the category rule is on): those are the ones this order lists.
        """
        key = (category, wanted, "order")
        cached = self.cache.get(key)
        if cached is None:
            masked = self.get(category, wanted).copy()
            if not self.rules.weight("category"):
                masked[:] = EXCLUDED
            masked[self.index.category_score[category] <= 0] = EXCLUDED
            cached = self.cache[key] = (masked, _order_head(masked, ORDER_HEAD))
        return cached

    def finite_count(self, category: int, wanted: tuple[int, ...]) -> int:
        key = (category, wanted, "finite")
        if key not in self.cache:
            masked, _order = self.ordered(category, wanted)
            self.cache[key] = int(np.isfinite(masked).sum())
        return self.cache[key]

    def longer(self, category: int, wanted: tuple[int, ...], length: int) -> np.ndarray:
        """A longer head of the order (or all of it) when a need filters out many."""
        key = (category, wanted, "order")
        masked, order = self.cache[key]
        if len(order) < length:
            order = _order_head(masked, max(length, 4 * len(order)))
            self.cache[key] = (masked, order)
        return order

    def get(self, category: int, wanted: tuple[int, ...]) -> np.ndarray:
        key = (category, wanted)
        vector = self.cache.get(key)
        if vector is None:
            rules, index = self.rules, self.index
            vector = rules.weight("category") * index.category_score[category]
            vector = vector + rules.weight("form") * form_vector(index, wanted)
            vector = vector + rules.weight("availability") * index.available
            vector[index.blocked] = EXCLUDED
            self.cache[key] = vector
        return vector


def score_block(
    index: ExpertIndex,
    block: NeedBlock,
    rules: RuleSet,
    base: BaseCache | None = None,
    excluded: dict[int, list[int]] | None = None,
) -> np.ndarray:
    """Dense n × experts scores of a block of needs; −inf where a hard constraint removes a pair."""
    base = base or BaseCache(index, rules)
    n = len(block.needs)
    scores = np.empty((n, len(index)), dtype=np.float64)
    for i in range(n):
        scores[i] = base.get(int(block.category[i]), block.forms[i])
    text = sp.hstack(
        [rules.weight("topic") * block.topic, rules.weight("keywords") * block.keyword],
        format="csr",
    )
    product = (text @ index.features_t).tocoo()
    scores[product.row, product.col] += product.data
    subject = np.zeros(scores.shape, dtype=np.float64)
    subject[product.row, product.col] = product.data
    weight = rules.weight("event")
    if weight and block.events.nnz and index.event_t.shape[1]:
        shared = (block.events @ index.event_t).tocoo()
        scores[shared.row, shared.col] += weight
    # A pair needs subject evidence carrying a fifth of its score: category, form,
    # availability and a shared event alone suggest nobody.
    relevant = evidence_enough(subject, scores)
    if block.orgs.nnz and index.org_t.shape[1]:
        conflict = (block.orgs @ index.org_t).tocoo()
        scores[conflict.row, conflict.col] = EXCLUDED
    scores[~relevant] = EXCLUDED
    scores[block.closed] = EXCLUDED
    if excluded:
        for i, need in enumerate(block.needs):
            cols = excluded.get(need.id)
            if cols:
                scores[i, cols] = EXCLUDED
    return scores


@dataclass
class Pool:
    """Each need's best candidates, best first (ties: lower expert position first)."""

    experts: list[np.ndarray]
    scores: list[np.ndarray]


def top_candidates(scores: np.ndarray, size: int) -> Pool:
    """The `size` best finite scores of every row, deterministic under ties."""
    n, width = scores.shape
    size = min(size, width)
    if n == 0 or size == 0:
        return Pool([np.empty(0, np.int64)] * n, [np.empty(0)] * n)
    kth = np.partition(scores, width - size, axis=1)[:, width - size]
    rows, cols = np.nonzero(scores >= kth[:, None])
    values = scores[rows, cols]
    keep = np.isfinite(values)
    rows, cols, values = rows[keep], cols[keep], values[keep]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(rows, np.arange(n + 1))
    experts, kept = [], []
    for i in range(n):
        stop = min(starts[i] + size, starts[i + 1])
        experts.append(cols[starts[i] : stop])
        kept.append(values[starts[i] : stop])
    return Pool(experts, kept)


def pool_block(
    index: ExpertIndex,
    block: NeedBlock,
    rules: RuleSet,
    size: int,
    base: BaseCache | None = None,
    excluded: dict[int, list[int]] | None = None,
) -> Pool:
    """The best `size` candidates of each need without building the dense score matrix.

    Equal to `top_candidates(score_block(...), size)`: an expert outside the sparse support
    of a need (no shared topic, word or event, no conflict) scores the need's base vector, so
    the best of them are the head of that vector's precomputed order.
    """
    base = base or BaseCache(index, rules)
    n_experts = len(index)
    size = min(size, n_experts)
    text = sp.hstack(
        [rules.weight("topic") * block.topic, rules.weight("keywords") * block.keyword],
        format="csr",
    )
    product = (text @ index.features_t).tocsr()
    event_weight = rules.weight("event")
    shared = None
    if event_weight and block.events.nnz and index.event_t.shape[1]:
        shared = (block.events @ index.event_t).tocsr()
    conflict = None
    if block.orgs.nnz and index.org_t.shape[1]:
        conflict = (block.orgs @ index.org_t).tocsr()
    mark = np.zeros(n_experts, dtype=bool)
    where = np.zeros(n_experts, dtype=np.int64)
    experts, scores = [], []
    for i, need in enumerate(block.needs):
        if block.closed[i] or size == 0:
            experts.append(np.empty(0, np.int64))
            scores.append(np.empty(0))
            continue
        # Only experts with subject evidence (a shared topic or word) can be suggested.
        cols = product.indices[product.indptr[i] : product.indptr[i + 1]].astype(np.int64)
        t_vals = product.data[product.indptr[i] : product.indptr[i + 1]]
        vals = base.get(int(block.category[i]), block.forms[i])[cols] + t_vals
        mark[cols] = True
        where[cols] = np.arange(len(cols))
        e_cols = _row(shared, i)
        e_cols = e_cols[mark[e_cols]]
        if len(e_cols):
            vals[where[e_cols]] += event_weight
        vals[~evidence_enough(t_vals, vals)] = EXCLUDED
        for blocked in (
            _row(conflict, i),
            np.asarray(excluded.get(need.id, ()) if excluded else (), dtype=np.int64),
        ):
            blocked = blocked[mark[blocked]] if len(blocked) else blocked
            if len(blocked):
                vals[where[blocked]] = EXCLUDED
        mark[cols] = False
        keep = np.isfinite(vals)
        cols, vals = cols[keep], vals[keep]
        if len(vals) > size:
            kth = np.partition(vals, len(vals) - size)[len(vals) - size]
            keep = vals >= kth
            cols, vals = cols[keep], vals[keep]
        best = np.lexsort((cols, -vals))[:size]
        experts.append(cols[best])
        scores.append(vals[best])
    return Pool(experts, scores)


def evidence_enough(subject, total):
    """Whether subject evidence (topic + keywords) is there and carries at least
    `R.MIN_SUBJECT_SHARE` of the score: category, form, availability and event only re-rank."""
    subject = np.asarray(subject, dtype=np.float64)
    return (subject > 0) & (subject >= R.MIN_SUBJECT_SHARE * np.asarray(total) - 1e-12)


def _row(matrix, i: int) -> np.ndarray:
    if matrix is None:
        return np.empty(0, dtype=np.int32)
    return matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
