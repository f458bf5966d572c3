"""Replacing one expert's rows in an index (an edit, or a new profile appended)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from matching.engine import rules as R
from matching.engine.index import ExpertIndex, _unit_rows
from matching.engine.inputs import NEED_CATEGORIES, ExpertIn
from matching.engine.institutions import expert_keys


def _set_row(matrix: sp.csr_matrix, pos: int, row: sp.csr_matrix) -> sp.csr_matrix:
    width = max(matrix.shape[1], row.shape[1])
    matrix = (
        sp.csr_matrix(matrix, shape=(matrix.shape[0], width)) if width > matrix.shape[1] else matrix
    )
    row = sp.csr_matrix(row, shape=(1, width)) if width > row.shape[1] else row
    if pos == matrix.shape[0]:
        return sp.vstack([matrix, row], format="csr")
    return sp.vstack([matrix[:pos], row, matrix[pos + 1 :]], format="csr")


def _key_row(mapping: dict, keys) -> sp.csr_matrix:
    for key in keys:
        if key not in mapping:
            mapping[key] = len(mapping)
    cols = sorted(mapping[k] for k in keys)
    return sp.csr_matrix(
        (np.ones(len(cols)), np.array(cols, dtype=np.int32), [0, len(cols)]),
        shape=(1, len(mapping)),
    )


def replace_expert_row(index: ExpertIndex, expert: ExpertIn) -> int:
    """Put `expert` in the index (replacing its old row, or appending); returns its position."""
    pos = index.pos.get(expert.id)
    if pos is None:
        pos = len(index.experts)
        index.experts.append(expert)
        index.concepts.append({})
        index.keywords.append(set())
        index.disciplines.append(set())
        index.pos[expert.id] = pos
        index.category_score = np.hstack(
            [index.category_score, np.zeros((len(NEED_CATEGORIES), 1))]
        )
        index.offered = np.vstack([index.offered, np.zeros((1, index.offered.shape[1]), bool)])
        for name in ("has_forms", "blocked", "unclaimed"):
            setattr(index, name, np.append(getattr(index, name), False))
        index.available = np.append(index.available, 0.0)
    index.experts[pos] = expert
    concepts = index.taxonomy.concepts(expert.topic_ids, expert.tokens)
    words = index.taxonomy.keywords(expert.tokens)
    index.concepts[pos] = concepts
    index.keywords[pos] = words
    stated = index.taxonomy.stated(expert.labels)
    if pos < len(index.stated):
        index.stated[pos] = stated
    else:
        index.stated.append(stated)
    row = sp.hstack(
        [
            _unit_rows([index._topic_row(concepts)], len(index.taxonomy)),
            _unit_rows(
                [index.keyword_vector(index._keyword_row(words, stated))], len(index.vocab), [1.0]
            ),
        ],
        format="csr",
    )
    index.features = _set_row(index.features, pos, row)
    index.features_t = index.features.T.tocsr()
    events = _key_row(index.events, expert.event_ids)
    index.event_t = _set_row(index.event_t.T.tocsr(), pos, events).T.tocsr()
    orgs = _key_row(index.org_keys, expert_keys(expert.institutions, expert.affiliations))
    index.org_t = _set_row(index.org_t.T.tocsr(), pos, orgs).T.tocsr()
    disciplines = index._disciplines(expert, concepts)
    index.disciplines[pos] = disciplines
    for c, category in enumerate(NEED_CATEGORIES):
        fit = R.CATEGORY_FIT.get(category, {})
        index.category_score[c, pos] = max((fit.get(d, 0.0) for d in disciplines), default=0.0)
    index.offered[pos] = False
    for form in expert.forms:
        if form in index.forms:
            index.offered[pos, index.forms[form]] = True
    index.has_forms[pos] = bool(expert.forms)
    index.available[pos] = 1.0 if expert.available else 0.0
    index.blocked[pos] = index._blocked(expert)
    index.unclaimed[pos] = expert.unclaimed
    return pos
