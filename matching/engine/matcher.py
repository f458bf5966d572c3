"""The matcher: a full run over every need, and the incremental paths.

Full run: needs are scored in blocks against the pool, each keeps its best candidates, then
the diversity re-ranking picks the top lists. Incremental: a new or edited need is scored alone
(the same code on a block of one, so it equals the full run); an edited expert is scored
against every need, and only the needs whose candidates it enters or leaves are recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.engine import rules as R
from matching.engine.index import ExpertIndex, Taxonomy, need_block
from matching.engine.inputs import ExpertIn, NeedIn
from matching.engine.institutions import expert_keys, organisation_keys
from matching.engine.rules import DEFAULT_RULES, RuleSet
from matching.engine.scoring import BaseCache, Pool, evidence_enough, pool_block, score_block

BLOCK_SIZE = 64


class Matcher:
    def __init__(
        self,
        topics: Sequence,
        experts: Sequence[ExpertIn],
        *,
        rules: RuleSet = DEFAULT_RULES,
        top: int = R.DEFAULT_TOP,
        excluded_pairs: set[tuple[int, int]] | None = None,
        taxonomy: Taxonomy | None = None,
        stem=None,
        bridge=None,
    ):
        """`stem`: the English stemmer applied to the stored tokens (profiles.text.stem);
        `bridge`: the bilingual bridge (engine.bridge.default()), None for none."""
        self.taxonomy = taxonomy or Taxonomy(topics, stem=stem, bridge=bridge)
        self.index = ExpertIndex(self.taxonomy, experts)
        self.rules = rules
        self.top = top
        self.pool_size = top * R.CANDIDATES_PER_NEED
        self.excluded: dict[int, list[int]] = {}
        for need_id, expert_id in excluded_pairs or ():
            if expert_id in self.index.pos:
                self.excluded.setdefault(need_id, []).append(self.index.pos[expert_id])
        self.needs: dict[int, NeedIn] = {}
        self.pools: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.lists: dict[int, list[tuple[int, float]]] = {}
        self.counts = np.zeros(len(self.index), dtype=np.int64)
        self.blocks: dict[int, tuple] = {}  # need id → (its NeedBlock, row), for explanations
        self._base = BaseCache(self.index, rules)

    # Full run -------------------------------------------------------------------------------
    def score_needs(self, needs: Sequence[NeedIn], block_size: int = BLOCK_SIZE):
        """Yield (block, scores) for consecutive blocks of needs (scores before diversity)."""
        for start in range(0, len(needs), block_size):
            block = need_block(self.index, needs[start : start + block_size])
            yield block, score_block(self.index, block, self.rules, self._base, self.excluded)

    def run_full(self, needs: Sequence[NeedIn], block_size: int = BLOCK_SIZE):
        """Every need's top list, after the diversity re-ranking. Returns {need id: list}."""
        needs = list(needs)
        self.needs = {need.id: need for need in needs}
        experts, scores = [], []
        self.blocks = {}
        for start in range(0, len(needs), block_size):
            block = need_block(self.index, needs[start : start + block_size])
            pool = pool_block(
                self.index, block, self.rules, self.pool_size, self._base, self.excluded
            )
            experts.extend(pool.experts)
            scores.extend(pool.scores)
            for i, need in enumerate(block.needs):
                self.blocks[need.id] = (block, i)
        self.pools = {need.id: (e, s) for need, e, s in zip(needs, experts, scores, strict=True)}
        self.counts = np.zeros(len(self.index), dtype=np.int64)
        lists = _rerank(experts, scores, self.top, self.rules.expert_cap, self.counts)
        self.lists = {need.id: lst for need, lst in zip(needs, lists, strict=True)}
        return self.lists

    # Incremental ----------------------------------------------------------------------------
    def pool_for(self, need: NeedIn) -> Pool:
        block = need_block(self.index, [need])
        self.blocks[need.id] = (block, 0)
        return pool_block(self.index, block, self.rules, self.pool_size, self._base, self.excluded)

    def update_need(self, need: NeedIn) -> list[tuple[int, float]]:
        """Recompute one new or edited need's list, against the current pool and counts."""
        for expert, _score in self.lists.pop(need.id, []):
            self.counts[expert] -= 1
        self.needs[need.id] = need
        pool = self.pool_for(need)
        self.pools[need.id] = (pool.experts[0], pool.scores[0])
        (lst,) = _rerank(pool.experts, pool.scores, self.top, self.rules.expert_cap, self.counts)
        self.lists[need.id] = lst
        return lst

    def update_expert(self, expert: ExpertIn) -> set[int]:
        """Put an edited expert in place; recompute the needs it enters or leaves.

        Returns the ids of the needs whose top lists changed. Document frequencies and the
        vocabulary stay those of the last full run.
        """
        from matching.engine.update import replace_expert_row

        pos = replace_expert_row(self.index, expert)
        if len(self.counts) < len(self.index):
            self.counts = np.append(self.counts, np.zeros(len(self.index) - len(self.counts), int))
        self._base = BaseCache(self.index, self.rules)
        needs = list(self.needs.values())
        scores = self.scores_of_expert(pos, needs)
        affected = []
        for need, score in zip(needs, scores, strict=True):
            experts, pool_scores = self.pools.get(need.id, (np.empty(0, np.int64), np.empty(0)))
            inside = bool(np.any(experts == pos))
            full = len(pool_scores) >= self.pool_size
            enters = np.isfinite(score) and (not full or score >= pool_scores[-1])
            if inside or enters:
                affected.append(need)
        changed = set()
        for need in affected:
            before = list(self.lists.get(need.id, []))
            if self.update_need(need) != before:
                changed.add(need.id)
        return changed

    def scores_of_expert(self, pos: int, needs: Sequence[NeedIn]) -> np.ndarray:
        """One expert's scores against many needs (the column of the full matrix)."""
        out = np.empty(len(needs))
        for start in range(0, len(needs), 1024):
            block = need_block(self.index, needs[start : start + 1024])
            rules, index = self.rules, self.index
            text = (
                rules.weight("topic") * block.topic @ index.features[pos, : len(self.taxonomy)].T
                + rules.weight("keywords")
                * block.keyword
                @ index.features[pos, len(self.taxonomy) :].T
            ).toarray()[:, 0]
            base = np.array(
                [
                    self._base.get(int(c), f)[pos]
                    for c, f in zip(block.category, block.forms, strict=True)
                ]
            )
            event = (block.events @ index.event_t[:, pos]).toarray()[:, 0] > 0
            column = base + text + rules.weight("event") * event
            column[~evidence_enough(text, column)] = -np.inf
            expert = index.experts[pos]
            keys = expert_keys(expert.institutions, expert.affiliations)
            for i, need in enumerate(block.needs):
                if keys & organisation_keys([need.company, need.parent_organisation]):
                    column[i] = -np.inf
                if pos in self.excluded.get(need.id, ()):
                    column[i] = -np.inf
            column[block.closed] = -np.inf
            out[start : start + len(column)] = column
        return out

    def expert_id(self, pos: int) -> int:
        return self.index.experts[pos].id


def _rerank(experts, scores, top, cap, counts):
    from matching.engine.diversity import rerank

    return rerank(experts, scores, top, cap, counts)
