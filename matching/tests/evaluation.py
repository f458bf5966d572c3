"""The labelled evaluation: build engine inputs from the fixtures, rank, and measure.

`python -m matching.tests.evaluation` (with Django settings) prints the table in
docs/matching.md.
"""

from __future__ import annotations

import math

from matching.engine.inputs import ExpertIn, NeedIn, topics_from_fixture
from matching.engine.matcher import Matcher
from matching.engine.text import add_terms, keyword_tokens, tokenize
from matching.tests.eval_experts import EXPERTS
from matching.tests.eval_needs import NEEDS
from matching.tests.eval_taxonomy import TAXONOMY

K = 10


def topics():
    return topics_from_fixture(
        {"slug": s, "name_zh": zh, "name_en": en, "synonyms": syn, "parent": p, "discipline": d}
        for s, zh, en, syn, p, d in TAXONOMY
    )


def _terms(tops):
    for t in tops:
        yield t.name_zh
        yield from t.synonyms


def build():
    tops = topics()
    add_terms(_terms(tops))  # as the profiles app does when the taxonomy changes
    slug = {t.slug: t.id for t in tops}
    experts = [
        ExpertIn(
            id=i,
            name=name,
            topic_ids=tuple(slug[s] for s in slugs.split(",") if s),
            tokens=tuple(tokenize(text)),
            languages=("zh-hans",) if lang == "zh" else ("en",),
            disciplines=tuple(d for d in disc.split(",") if d),
            institutions=(inst,),
            forms=tuple(f for f in forms.split(",") if f),
        )
        for i, name, lang, inst, slugs, disc, text, forms in EXPERTS
    ]
    needs = [
        NeedIn(
            id=i,
            company=company,
            parent_organisation=parent,
            category=category,
            topic_ids=tuple(slug[s] for s in slugs.split(",") if s),
            tokens=tuple(tokenize(text)),
            title=text,
        )
        for i, company, parent, category, slugs, text, _labels in NEEDS
    ]
    labels = {row[0]: row[6] for row in NEEDS}
    return tops, experts, needs, labels


def matcher_rankings(rules=None) -> dict[int, list[int]]:
    tops, experts, needs, _labels = build()
    kwargs = {"rules": rules} if rules is not None else {}
    matcher = Matcher(tops, experts, top=K, **kwargs)
    lists = matcher.run_full(needs)
    return {nid: [matcher.expert_id(pos) for pos, _s in lst] for nid, lst in lists.items()}


def baseline_rankings() -> dict[int, list[int]]:
    """Plain keyword overlap: number of shared tokens, ties by id; nothing else."""
    _tops, experts, needs, _labels = build()
    words = {e.id: keyword_tokens(e.tokens) for e in experts}
    out = {}
    for need in needs:
        mine = keyword_tokens(need.tokens)
        scored = [(len(mine & words[e.id]), e.id) for e in experts]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: (-s[0], s[1]))
        out[need.id] = [e for _n, e in scored[:K]]
    return out


def metrics(rankings: dict[int, list[int]]) -> dict[str, float]:
    labels = {row[0]: row[6] for row in NEEDS}
    p3 = r5 = ndcg = 0.0
    for need_id, relevant in labels.items():
        ranked = rankings.get(need_id, [])
        p3 += sum(1 for e in ranked[:3] if relevant.get(e, 0) > 0) / 3
        r5 += sum(1 for e in ranked[:5] if relevant.get(e, 0) > 0) / len(relevant)
        dcg = sum(
            (2 ** relevant.get(e, 0) - 1) / math.log2(k + 2) for k, e in enumerate(ranked[:5])
        )
        ideal = sorted(relevant.values(), reverse=True)[:5]
        idcg = sum((2**g - 1) / math.log2(k + 2) for k, g in enumerate(ideal))
        ndcg += dcg / idcg
    n = len(labels)
    return {"precision@3": p3 / n, "recall@5": r5 / n, "ndcg@5": ndcg / n}


def main():  # pragma: no cover - a report, not a test
    import django

    django.setup()
    rows = {"matcher": metrics(matcher_rankings()), "keyword overlap": metrics(baseline_rankings())}
    print("| ranking | precision@3 | recall@5 | nDCG@5 |")
    print("|---|---|---|---|")
    for name, m in rows.items():
        print(f"| {name} | {m['precision@3']:.3f} | {m['recall@5']:.3f} | {m['ndcg@5']:.3f} |")
    labels = {row[0]: row[6] for row in NEEDS}
    for need_id, ranked in matcher_rankings().items():
        rel = labels[need_id]
        print(need_id, ranked[:5], {e: g for e, g in rel.items()})


if __name__ == "__main__":  # pragma: no cover
    main()
