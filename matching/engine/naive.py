"""A straightforward pairwise implementation of the scores, to check the matrix code.

One pair at a time, from the records, with dictionaries: slow and obvious. It shares the
frozen statistics of the index (document frequencies, vocabulary) and the featurisation
helpers, and recomputes everything else.
"""

from __future__ import annotations

import math

from matching.engine import rules as R
from matching.engine.bridge import PREFIX as BRIDGE_PREFIX
from matching.engine.index import ExpertIndex, word_weight
from matching.engine.inputs import ExpertIn, NeedIn
from matching.engine.institutions import expert_keys, organisation_keys
from matching.engine.rules import RuleSet


def _topic_vector(index: ExpertIndex, topic_ids, tokens) -> dict[int, float]:
    concepts = index.taxonomy.concepts(topic_ids, tokens)
    return {col: c.weight * index.topic_idf[col] for col, c in concepts.items()}


def _scaled(index: ExpertIndex, words: dict[str, float], unseen=(0.0, 0.0)) -> dict[str, float]:
    """The words' weights scaled as the index scales a keyword row (index.keyword_vector)."""
    scaled = index.keyword_vector({index.vocab[w]: v for w, v in words.items()}, unseen)
    return {w: scaled[index.vocab[w]] for w in words}


def _norm(vector: dict, extra: float = 0.0) -> float:
    return math.sqrt(sum(v * v for v in vector.values()) + extra)


class Side:
    """What the pairwise loop needs of one need or expert, computed once (plain dicts)."""

    def __init__(self, index: ExpertIndex, record, *, expert: bool):
        self.record = record
        self.topics = _topic_vector(index, record.topic_ids, record.tokens)
        self.topic_norm = _norm(self.topics)
        words = index.taxonomy.keywords(record.tokens)
        labels = record.labels if expert else (record.title, *record.labels)
        stated = index.taxonomy.stated(labels)
        if expert:
            self.words = _scaled(
                index,
                {
                    w: index.kw_idf[index.vocab[w]] * word_weight(w, stated)
                    for w in words
                    if w in index.vocab
                },
            )
            self.word_norm = 1.0
            self.orgs = expert_keys(record.institutions, record.affiliations)
            concepts = index.taxonomy.concepts(record.topic_ids, record.tokens)
            self.disciplines = index._disciplines(record, concepts)
        else:
            words -= index.corpus_stopwords
            unseen = [0.0, 0.0]
            for w in words:
                if w not in index.vocab:
                    unseen[w.startswith(BRIDGE_PREFIX)] += word_weight(w, stated) ** 2
            self.words = _scaled(
                index,
                {
                    w: index.kw_idf[index.vocab[w]] * word_weight(w, stated)
                    for w in words
                    if w in index.vocab
                },
                (unseen[0] * index.unseen_idf**2, unseen[1] * index.unseen_idf**2),
            )
            self.word_norm = 1.0
            self.orgs = organisation_keys([record.company, record.parent_organisation])


def naive_pair(
    index: ExpertIndex, need: Side, expert: Side, rules: RuleSet, excluded=frozenset()
) -> float:
    """The score of one pair, from the two sides' dictionaries."""
    n, e = need.record, expert.record
    if not n.open or e.opted_out:
        return -math.inf
    if 0 < e.max_engagements <= e.active_engagements or (n.id, e.id) in excluded:
        return -math.inf
    if need.orgs & expert.orgs:
        return -math.inf
    topic = 0.0
    if need.topics and expert.topics:
        dot = sum(v * expert.topics[c] for c, v in need.topics.items() if c in expert.topics)
        topic = dot / (need.topic_norm * expert.topic_norm)
    keywords = 0.0
    if need.words and expert.words:
        dot = sum(v * expert.words[w] for w, v in need.words.items() if w in expert.words)
        keywords = dot / (need.word_norm * expert.word_norm)
    fit = R.CATEGORY_FIT.get(n.category if n.category in R.CATEGORY_FIT else "other", {})
    category = max((fit.get(d, 0.0) for d in expert.disciplines), default=0.0)
    if not n.forms_wanted or not e.forms:
        form = R.FORM_UNKNOWN
    else:
        form = 1.0 if set(n.forms_wanted) & set(e.forms) & set(index.forms) else 0.0
    text = rules.weight("topic") * topic + rules.weight("keywords") * keywords
    event = 1.0 if set(n.event_ids) & set(e.event_ids) else 0.0
    total = (
        rules.weight("category") * category
        + rules.weight("form") * form
        + rules.weight("availability") * (1.0 if e.available else 0.0)
        + text
        + rules.weight("event") * event
    )
    if not (text > 0 and text >= R.MIN_SUBJECT_SHARE * total - 1e-12):
        return -math.inf
    return total


def naive_score(
    index: ExpertIndex,
    need: NeedIn,
    expert: ExpertIn,
    rules: RuleSet,
    excluded: set[tuple[int, int]] = frozenset(),
) -> float:
    """One pair from the records (slowest; for tests)."""
    return naive_pair(
        index, Side(index, need, expert=False), Side(index, expert, expert=True), rules, excluded
    )


def _naive_score_records(
    index: ExpertIndex,
    need: NeedIn,
    expert: ExpertIn,
    rules: RuleSet,
    excluded: set[tuple[int, int]] = frozenset(),
) -> float:
    if not need.open or expert.opted_out:
        return -math.inf
    if 0 < expert.max_engagements <= expert.active_engagements:
        return -math.inf
    if (need.id, expert.id) in excluded:
        return -math.inf
    if expert_keys(expert.institutions, expert.affiliations) & organisation_keys(
        [need.company, need.parent_organisation]
    ):
        return -math.inf

    need_topics = _topic_vector(index, need.topic_ids, need.tokens)
    expert_topics = _topic_vector(index, expert.topic_ids, expert.tokens)
    topic = 0.0
    if need_topics and expert_topics:
        dot = sum(v * expert_topics[c] for c, v in need_topics.items() if c in expert_topics)
        topic = dot / (_norm(need_topics) * _norm(expert_topics))

    need_side, expert_side = Side(index, need, expert=False), Side(index, expert, expert=True)
    keywords = 0.0
    if need_side.words and expert_side.words:
        dot = sum(
            v * expert_side.words[w] for w, v in need_side.words.items() if w in expert_side.words
        )
        keywords = dot / (need_side.word_norm * expert_side.word_norm)

    concepts = index.taxonomy.concepts(expert.topic_ids, expert.tokens)
    disciplines = index._disciplines(expert, concepts)
    fit = R.CATEGORY_FIT.get(need.category if need.category in R.CATEGORY_FIT else "other", {})
    category = max((fit.get(d, 0.0) for d in disciplines), default=0.0)

    known = set(index.forms)
    if not need.forms_wanted or not expert.forms:
        form = R.FORM_UNKNOWN
    else:
        wanted = {f for f in need.forms_wanted if f in known}
        form = 1.0 if wanted & set(expert.forms) else 0.0

    text = rules.weight("topic") * topic + rules.weight("keywords") * keywords
    event = 1.0 if set(need.event_ids) & set(expert.event_ids) else 0.0
    total = (
        rules.weight("category") * category
        + rules.weight("form") * form
        + rules.weight("availability") * (1.0 if expert.available else 0.0)
        + text
        + rules.weight("event") * event
    )
    if not (text > 0 and text >= R.MIN_SUBJECT_SHARE * total - 1e-12):
        return -math.inf
    return total
