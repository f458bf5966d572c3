"""Sparse matrices for the expert pool, and the features of needs against them.

Topics and keywords become L2-normalised IDF-weighted rows, so their dot product is a cosine
in [0, 1]. Document frequencies are counted over the expert pool (the side being searched):
a topic few experts share says more than one every engineer lists. They are frozen until the
next full build, so scoring one need alone gives exactly what the full run gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import scipy.sparse as sp

from matching.engine import rules as R
from matching.engine.bridge import PREFIX as BRIDGE_PREFIX
from matching.engine.inputs import NEED_CATEGORIES, ExpertIn, NeedIn
from matching.engine.institutions import expert_keys, organisation_keys
from matching.engine.text import STOPWORDS, TermIndex, has_cjk, keyword_tokens, normalise

# A token in more than this share of profiles (and more than MAX_DF_MIN of them) is a
# stopword of this corpus, like "system" or 「技术」: it is left out of the keyword rule.
MAX_DF_SHARE = 0.05
MAX_DF_MIN = 50


@dataclass(slots=True)
class Concept:
    weight: float
    kind: str  # "tag", "text" or "parent"
    surface: str  # the term the profile or need used ("" for a tag)
    via: int = -1  # for a parent: the column of the child it came from


class Taxonomy:
    """Topic ids ↔ matrix columns, parents, disciplines and the bilingual term index."""

    def __init__(self, topics: Sequence, stem=None, bridge=None):
        """`bridge`: the bilingual bridge (engine.bridge) whose keys join the keywords."""
        self.bridge = bridge
        self.topics = list(topics)
        self.col = {topic.id: index for index, topic in enumerate(self.topics)}
        self.parent = np.array(
            [self.col.get(topic.parent_id, -1) for topic in self.topics], dtype=np.int64
        )
        self.terms = TermIndex(self.topics, stem=stem)
        self.stem = stem
        self.discipline = [self._discipline(index) for index in range(len(self.topics))]

    def __len__(self) -> int:
        return len(self.topics)

    def keywords(self, tokens: Sequence[str]) -> set[str]:
        """The keyword rule's terms: distinct tokens, Chinese pairs and bridge keys."""
        words = keyword_tokens(tokens)
        if self.bridge is not None:
            words |= self.bridge.keys(tokens)
        return words

    def stated(self, labels: Sequence[str]) -> tuple[frozenset[str], str]:
        """What counts as stated in `labels`: their English words (stemmed like the stored
        tokens) and their Chinese text, inside which a Chinese token is looked for."""
        text = normalise(" ".join(labels))
        words = {w for w in re.findall(r"[a-z0-9][a-z0-9+#&.\-]*", text) if w not in STOPWORDS}
        if self.stem is not None:
            words = {self.stem(w) if w.isalpha() else w for w in words}
        return frozenset(words), "".join(re.findall(r"[\u3400-\u9fff]+", text))

    def _discipline(self, col: int) -> str:
        seen = 0
        while col >= 0 and seen < 50:
            if self.topics[col].discipline:
                return self.topics[col].discipline
            col = int(self.parent[col])
            seen += 1
        return ""

    def name(self, col: int, lang: str) -> str:
        topic = self.topics[col]
        if lang.startswith("zh"):
            return topic.name_zh or topic.name_en
        return topic.name_en or topic.name_zh

    def concepts(self, topic_ids: Sequence[int], tokens: Sequence[str]) -> dict[int, Concept]:
        """Column → concept: tagged topics, topics named in the text, and their parents."""
        found: dict[int, Concept] = {}
        for topic_id in topic_ids:
            col = self.col.get(topic_id)
            if col is not None:
                found[col] = Concept(1.0, "tag", "")
        for topic_id, surface in self.terms.concepts(tokens).items():
            col = self.col[topic_id]
            if col not in found:
                found[col] = Concept(R.TEXT_TOPIC_WEIGHT, "text", surface)
        for col, concept in list(found.items()):
            parent = int(self.parent[col])
            if parent < 0:
                continue
            weight = R.PARENT_WEIGHT * concept.weight
            current = found.get(parent)
            if current is None or current.weight < weight:
                found[parent] = Concept(weight, "parent", concept.surface, via=col)
        return found


def _incidence(rows: list[Sequence[int]], width: int) -> sp.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(row) for row in rows])
    indices = np.fromiter((col for row in rows for col in sorted(row)), dtype=np.int32)
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


class ExpertIndex:
    """The expert pool as matrices. Build once per full run; update rows for edited experts."""

    def __init__(self, taxonomy: Taxonomy, experts: Sequence[ExpertIn]):
        self.taxonomy = taxonomy
        self.experts = list(experts)
        self.pos = {expert.id: index for index, expert in enumerate(self.experts)}
        n = len(self.experts)
        self.concepts = [taxonomy.concepts(e.topic_ids, e.tokens) for e in self.experts]
        self.keywords = [taxonomy.keywords(e.tokens) for e in self.experts]

        topic_df = np.zeros(len(taxonomy), dtype=np.float64)
        for concepts in self.concepts:
            topic_df[list(concepts)] += 1
        self.topic_idf = np.log((1 + n) / (1 + topic_df)) + 1

        df: dict[str, int] = {}
        for words in self.keywords:
            for word in words:
                df[word] = df.get(word, 0) + 1
        cutoff = max(MAX_DF_SHARE * n, MAX_DF_MIN)
        self.vocab = {
            word: i for i, word in enumerate(sorted(w for w, c in df.items() if c <= cutoff))
        }
        self.vocab_words = sorted(self.vocab, key=self.vocab.get)
        self.bridge_cols = frozenset(
            col for col, word in enumerate(self.vocab_words) if word.startswith(BRIDGE_PREFIX)
        )
        self.corpus_stopwords = frozenset(w for w, c in df.items() if c > cutoff)
        self.kw_idf = np.ones(len(self.vocab), dtype=np.float64)
        for word, col in self.vocab.items():
            self.kw_idf[col] = math.log((1 + n) / (1 + df[word])) + 1
        self.unseen_idf = math.log(1 + n) + 1  # a need's word no expert uses

        self.forms = {
            f: i for i, f in enumerate(sorted({f for e in self.experts for f in e.forms}))
        }
        self.events = {
            v: i for i, v in enumerate(sorted({v for e in self.experts for v in e.event_ids}))
        }
        inst_keys = [expert_keys(e.institutions, e.affiliations) for e in self.experts]
        self.org_keys = {
            k: i for i, k in enumerate(sorted({k for keys in inst_keys for k in keys}))
        }

        topic_rows = [self._topic_row(c) for c in self.concepts]
        self.stated = [taxonomy.stated(e.labels) for e in self.experts]
        keyword_rows = [
            self.keyword_vector(self._keyword_row(words, stated))
            for words, stated in zip(self.keywords, self.stated, strict=True)
        ]
        self.features = sp.hstack(
            [
                _unit_rows(topic_rows, len(taxonomy)),
                _unit_rows(keyword_rows, len(self.vocab), np.ones(n)),
            ],
            format="csr",
        )
        self.features_t = self.features.T.tocsr()
        self.event_t = _incidence(
            [[self.events[v] for v in e.event_ids] for e in self.experts], len(self.events)
        ).T.tocsr()
        self.org_t = _incidence(
            [[self.org_keys[k] for k in keys] for keys in inst_keys], len(self.org_keys)
        ).T.tocsr()

        self.disciplines = [
            self._disciplines(e, c) for e, c in zip(self.experts, self.concepts, strict=True)
        ]
        self.category_score = np.zeros((len(NEED_CATEGORIES), n), dtype=np.float64)
        codes = {d: k for k, d in enumerate(sorted({d for ds in self.disciplines for d in ds}))}
        has = np.zeros((n, max(len(codes), 1)), dtype=bool)
        for e, disciplines in enumerate(self.disciplines):
            has[e, [codes[d] for d in disciplines]] = True
        for c, category in enumerate(NEED_CATEGORIES):
            fit = R.CATEGORY_FIT.get(category, {})
            table = np.array([fit.get(d, 0.0) for d in sorted(codes, key=codes.get)] or [0.0])
            self.category_score[c] = (has * table).max(axis=1)
        self.offered = np.zeros((n, max(len(self.forms), 1)), dtype=bool)
        for e, expert in enumerate(self.experts):
            for form in expert.forms:
                self.offered[e, self.forms[form]] = True
        self.has_forms = self.offered.any(axis=1)
        self.available = np.array([1.0 if e.available else 0.0 for e in self.experts])
        self.blocked = np.array([self._blocked(e) for e in self.experts], dtype=bool)
        self.unclaimed = np.array([e.unclaimed for e in self.experts], dtype=bool)

    @staticmethod
    def _blocked(expert: ExpertIn) -> bool:
        at_capacity = 0 < expert.max_engagements <= expert.active_engagements
        return expert.opted_out or at_capacity

    def _disciplines(self, expert: ExpertIn, concepts: dict[int, Concept]) -> set[str]:
        found = {d.strip().lower() for d in expert.disciplines if d}
        for col, concept in concepts.items():
            if concept.kind != "parent" and self.taxonomy.discipline[col]:
                found.add(self.taxonomy.discipline[col])
        return found

    def _topic_row(self, concepts: dict[int, Concept]) -> dict[int, float]:
        return {col: c.weight * self.topic_idf[col] for col, c in concepts.items()}

    def _keyword_row(self, words: set[str], stated=None) -> dict[int, float]:
        return {
            self.vocab[w]: self.kw_idf[self.vocab[w]] * word_weight(w, stated)
            for w in words
            if w in self.vocab
        }

    def keyword_vector(self, row: dict, unseen: tuple[float, float] = (0.0, 0.0)) -> dict:
        """A keyword row (column → value) scaled so that two rows' dot product is the keyword
        rule's value: the cosine of the words, or with the bridge
        (1 − BRIDGE_SHARE) × cosine of the words + BRIDGE_SHARE × cosine of the bridge keys.
        Each part is normalised alone, so a profile's many Chinese words do not drown the few
        keys it shares with an English need. `unseen`: squared weights of the side's words and
        keys no expert uses (they count in the norms)."""
        if self.taxonomy.bridge is None:
            norm = math.sqrt(sum(v * v for v in row.values()) + unseen[0] + unseen[1])
            return {c: v / norm for c, v in row.items()} if norm else {}
        bridged = self.bridge_cols
        parts = ({}, {})
        for col, value in row.items():
            parts[col in bridged][col] = value
        out = {}
        for part, extra, share in zip(
            parts, unseen, (1 - R.BRIDGE_SHARE, R.BRIDGE_SHARE), strict=True
        ):
            norm = math.sqrt(sum(v * v for v in part.values()) + extra)
            if norm:
                scale = math.sqrt(share) / norm
                out.update((c, v * scale) for c, v in part.items())
        return out

    def __len__(self) -> int:
        return len(self.experts)


@dataclass
class NeedBlock:
    """Features of some needs against an index: what scoring a block of needs uses."""

    needs: list[NeedIn]
    topic: sp.csr_matrix  # n × T, unit rows (zero when nothing)
    keyword: sp.csr_matrix  # n × V, unit rows; norms count words no expert uses
    events: sp.csr_matrix  # n × events of the index
    orgs: sp.csr_matrix  # n × organisation keys of the index
    category: np.ndarray  # n, index into NEED_CATEGORIES
    forms: list[tuple[int, ...]]  # wanted forms as columns of the index (−1 unknown form)
    closed: np.ndarray  # n, bool
    concepts: list[dict[int, Concept]]
    keywords: list[set[str]]


def need_block(index: ExpertIndex, needs: Sequence[NeedIn]) -> NeedBlock:
    needs = list(needs)
    tax = index.taxonomy
    concepts = [tax.concepts(n.topic_ids, n.tokens) for n in needs]
    keywords = [tax.keywords(n.tokens) - index.corpus_stopwords for n in needs]
    t_rows, k_rows = [], []
    for found, words in zip(concepts, keywords, strict=True):
        t_rows.append({col: c.weight * index.topic_idf[col] for col, c in found.items()})
        k_rows.append(words)
    topic = _unit_rows(t_rows, len(tax))
    vocab_rows, norms = [], []
    for need, words in zip(needs, k_rows, strict=True):
        stated = tax.stated((need.title, *need.labels))
        row = index._keyword_row(words, stated)
        unseen = [0.0, 0.0]
        for w in words:
            if w not in index.vocab:
                unseen[w.startswith(BRIDGE_PREFIX)] += word_weight(w, stated) ** 2
        scale = index.unseen_idf**2
        vocab_rows.append(index.keyword_vector(row, (unseen[0] * scale, unseen[1] * scale)))
        norms.append(1.0)
    keyword = _unit_rows(vocab_rows, len(index.vocab), norms)
    events = _incidence(
        [[index.events[v] for v in n.event_ids if v in index.events] for n in needs],
        len(index.events),
    )
    org_rows = []
    for n in needs:
        keys = organisation_keys([n.company, n.parent_organisation])
        org_rows.append([index.org_keys[k] for k in keys if k in index.org_keys])
    orgs = _incidence(org_rows, len(index.org_keys))
    category = np.array(
        [
            NEED_CATEGORIES.index(n.category)
            if n.category in NEED_CATEGORIES
            else NEED_CATEGORIES.index("other")
            for n in needs
        ],
        dtype=np.int64,
    )
    forms = [tuple(sorted({index.forms.get(f, -1) for f in n.forms_wanted})) for n in needs]
    closed = np.array([not n.open for n in needs], dtype=bool)
    return NeedBlock(
        needs, topic, keyword, events, orgs, category, forms, closed, concepts, keywords
    )


def word_weight(word: str, stated) -> float:
    """R.STATED_WEIGHT for a word stated in fields, a title or tags; 1 otherwise (and
    for a bridge key, whose part of the rule is weighed as a whole: R.BRIDGE_SHARE)."""
    if word.startswith(BRIDGE_PREFIX):
        return 1.0
    if stated is None:
        return 1.0
    words, chinese = stated
    if word in words or (chinese and has_cjk(word) and word in chinese):
        return R.STATED_WEIGHT
    return 1.0


def _unit_rows(rows: list[dict[int, float]], width: int, norms=None) -> sp.csr_matrix:
    """CSR rows from {column: value} dicts, each divided by its norm (L2 unless given)."""
    lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    total = int(indptr[-1])
    cols = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=total)
    vals = np.fromiter(
        chain.from_iterable(row.values() for row in rows), dtype=np.float64, count=total
    )
    if norms is None:
        squares = np.zeros(len(rows))
        nonempty = lengths > 0
        if total:
            squares[nonempty] = np.add.reduceat(vals * vals, indptr[:-1][nonempty])
        norms = np.sqrt(squares)
    norms = np.asarray(norms, dtype=np.float64)
    if total:
        vals = vals / np.repeat(norms, lengths)
    matrix = sp.csr_matrix((vals, cols, indptr), shape=(len(rows), width))
    matrix.sort_indices()
    return matrix
